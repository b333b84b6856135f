package netsim.net.link;

import netsim.net.packet.Packet;

/** Where a link direction delivers the packets that cross it: the interface at its far end. */
@FunctionalInterface
public interface Arrival {
  /** {@code packet} has crossed {@code from} and arrives now. */
  void arrive(Packet packet, LinkDirection from);
}
