package netsim.scenario.config;

import netsim.net.link.LinkConfig;
import org.jspecify.annotations.Nullable;

/** A full-duplex link between nodes {@code a} and {@code b}, each direction set on its own. */
public record LinkSettings(String name, String a, String b, LinkConfig aToB, LinkConfig bToA) {

  /** The direction's name as sim-net prints it: "client->server". */
  public String directionName(boolean fromA) {
    return fromA ? a + "->" + b : b + "->" + a;
  }

  /** The name of a link between {@code a} and {@code b}: {@code given}, else "a-b". */
  static String name(@Nullable String given, String a, String b) {
    return given != null ? given : a + "-" + b;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of a link entry ({@link LinkTable}). */
  static final class Builder {
    private @Nullable String name;
    private String a;
    private String b;
    private LinkConfig aToB;
    private LinkConfig bToA;

    Builder name(@Nullable String value) {
      name = value;
      return this;
    }

    Builder a(String value) {
      a = value;
      return this;
    }

    Builder b(String value) {
      b = value;
      return this;
    }

    Builder aToB(LinkConfig value) {
      aToB = value;
      return this;
    }

    Builder bToA(LinkConfig value) {
      bToA = value;
      return this;
    }

    LinkSettings build() {
      return new LinkSettings(LinkSettings.name(name, a, b), a, b, aToB, bToA);
    }
  }
}
