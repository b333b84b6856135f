package netsim.net.link;

import netsim.net.fault.RuleListener;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;

/**
 * Where a link direction reports what happens to the packets offered to it, including the fault
 * rules of its chain that take one. The network gives each direction its own, which knows the
 * sending node, and passes the events on to its packet observers.
 */
public interface LinkEvents extends RuleListener {
  /** {@code packet} joined the queue. */
  void enqueued(LinkDirection direction, Packet packet);

  /**
   * {@code packet} left the queue for the transmitter after waiting {@code sojourn} nanoseconds (0
   * when the link was idle); {@link LinkDirection#queuedPackets()} is the queue it left behind.
   */
  default void dequeued(LinkDirection direction, Packet packet, long sojourn) {}

  /** {@code packet} left the transmitter; it is on the wire now. */
  void transmitted(LinkDirection direction, Packet packet);

  /** {@code packet} reached the far end and is handed to its interface next. */
  void delivered(LinkDirection direction, Packet packet);

  /** The direction's duplication made {@code copy} of {@code original}. */
  void duplicated(LinkDirection direction, Packet original, Packet copy);

  /**
   * The direction's queue marked {@code packet} Congestion Experienced instead of dropping it (RFC
   * 3168 5); the packet goes on. No-op by default.
   */
  default void marked(LinkDirection direction, Packet packet) {}

  /** {@code packet}'s way ended on the direction, for {@code cause}. */
  void dropped(LinkDirection direction, Packet packet, DropCause cause);
}
