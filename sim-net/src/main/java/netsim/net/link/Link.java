package netsim.net.link;

import netsim.net.Interface;
import netsim.net.Network;

/** A full-duplex point-to-point link: two independent {@link LinkDirection}s. */
public final class Link {
  private final String name;
  private final LinkDirection aToB;
  private final LinkDirection bToA;

  /** Made by {@link Network#connect}; attaches both interfaces. */
  public Link(
      Network network,
      String name,
      Interface a,
      Interface b,
      LinkConfig aToBConfig,
      LinkConfig bToAConfig) {
    this.name = name;
    this.aToB = new LinkDirection(network, name, a, b, aToBConfig);
    this.bToA = new LinkDirection(network, name, b, a, bToAConfig);
    a.attach(aToB);
    b.attach(bToA);
  }

  public String name() {
    return name;
  }

  public LinkDirection aToB() {
    return aToB;
  }

  public LinkDirection bToA() {
    return bToA;
  }

  /** Both directions up or down at once (a cable pulled or plugged back). */
  public void setUp(boolean up) {
    aToB.setUp(up);
    bToA.setUp(up);
  }

  @Override
  public String toString() {
    return name;
  }
}
