package netsim.scenario.config;

import netsim.net.link.LinkConfig;

/** A full-duplex link between nodes {@code a} and {@code b}, each direction set on its own. */
public record LinkSettings(String name, String a, String b, LinkConfig aToB, LinkConfig bToA) {

  /** The direction's name as sim-net prints it: "client->server". */
  public String directionName(boolean fromA) {
    return fromA ? a + "->" + b : b + "->" + a;
  }
}
