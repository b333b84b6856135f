package netsim.net;

import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * Sees packet events in a {@link Network}: for traces, counters and pictures. Every method has a
 * no-op default, so an observer implements only what it needs. A network without observers pays
 * nothing for this hook.
 */
public interface PacketObserver {
  /** A host emits a packet (before any link sees it). */
  default void onSend(long time, Host host, Packet packet) {}

  /** A host accepts a packet addressed to it and hands it to its protocol handler. */
  default void onReceive(long time, Host host, Packet packet) {}

  /** A router forwards a packet (after decrementing its TTL). */
  default void onForward(long time, Router router, Packet packet) {}

  /**
   * A packet enters a link direction's queue; {@link LinkDirection#queuedPackets()} counts it
   * already.
   */
  default void onEnqueue(long time, LinkDirection link, Packet packet) {}

  /**
   * A packet leaves a link direction's queue for its transmitter, after waiting {@code sojourn}
   * nanoseconds in it (0 when the link was idle); {@link LinkDirection#queuedPackets()} no longer
   * counts it. A packet the queue drops instead (CoDel, a link going down) is reported to {@link
   * #onDrop}, after it left the queue.
   */
  default void onDequeue(long time, LinkDirection link, Packet packet, long sojourn) {}

  /** A packet's last bit leaves the sender onto the link. */
  default void onTransmit(long time, LinkDirection link, Packet packet) {}

  /** A packet arrives at the far end of a link direction. */
  default void onDeliver(long time, LinkDirection link, Packet packet) {}

  /**
   * A link direction's queue marked a packet Congestion Experienced instead of dropping it (RFC
   * 3168 5): an AQM's congestion signal that, unlike a drop, lets the packet go on.
   *
   * @param node the sending node of {@code link}, where a drop on it would be reported
   */
  default void onMark(long time, Node node, LinkDirection link, Packet packet) {}

  /** A link direction duplicated {@code original} as {@code copy}. */
  default void onDuplicate(long time, LinkDirection link, Packet original, Packet copy) {}

  /**
   * A fault rule of {@code chain} took a packet; its action (drop, delay, hold, ...) follows. A
   * drop is also reported to {@link #onDrop} with cause {@code rule}.
   */
  default void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {}

  /**
   * A packet is dropped.
   *
   * @param node the node where it was dropped, or the sending node of {@code link}
   * @param link the link direction where it was dropped, or null for a drop inside a node
   */
  default void onDrop(
      long time, Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {}
}
