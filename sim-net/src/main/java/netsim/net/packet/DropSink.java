package netsim.net.packet;

/**
 * Where a packet whose way ends is reported, with why: a queue discipline's drops, a fault rule's
 * drops. The owner (a link direction, a node) counts it and tells the network's observers.
 */
@FunctionalInterface
public interface DropSink {
  void drop(Packet packet, DropCause cause);
}
