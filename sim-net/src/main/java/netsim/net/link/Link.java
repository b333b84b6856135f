package netsim.net.link;

import static com.google.common.base.Preconditions.checkNotNull;

/** A full-duplex point-to-point link: two independent {@link LinkDirection}s. */
public final class Link {
  private final String name;
  private final LinkDirection aToB;
  private final LinkDirection bToA;

  /** Made by the network as it connects two nodes, from the directions it made for them. */
  public Link(String name, LinkDirection aToB, LinkDirection bToA) {
    this.name = checkNotNull(name, "name");
    this.aToB = checkNotNull(aToB, "aToB");
    this.bToA = checkNotNull(bToA, "bToA");
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
