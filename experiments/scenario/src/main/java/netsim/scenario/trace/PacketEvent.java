package netsim.scenario.trace;

import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a TCP segment's event ({@link EventKind#SEND}, {@link EventKind#RECV}, {@link
 * EventKind#DROP}, {@link EventKind#MARK}), whoever holds them: the value {@link
 * TraceEvent.Packet}, or {@link PacketFields}, which a recorder fills in place for each event so
 * that a run makes no object per packet event. Code that reads a packet event reads this, and works
 * on both.
 */
public interface PacketEvent {
  long t();

  EventKind kind();

  /** The id of the host that sent or accepted it, or of the node that dropped or marked it. */
  int node();

  /** The id of the link direction it was dropped or marked on, or -1. */
  int link();

  /** The packet's id. */
  long pkt();

  /** The source address's bits. */
  int src();

  int srcPort();

  /** The destination address's bits. */
  int dst();

  int dstPort();

  /** The TCP flags ({@link netsim.tcp.TcpFlags}). */
  int flags();

  /** The sequence number, unsigned. */
  long seq();

  /** The acknowledgment number, unsigned, or -1 when the ACK bit is clear. */
  long ack();

  /** The data bytes. */
  int len();

  /** The sender's TCP state when it sent the segment (send only), or null. */
  @Nullable TcpState state();

  /** Why it was dropped (drop only), or null. */
  @Nullable DropCause cause();

  /** The IP packet's ECN field (RFC 3168) at the event. */
  Ecn ecn();

  /** These fields as a value, to keep. */
  TraceEvent.Packet toEvent();

  /** Whether {@code flag} (a {@link netsim.tcp.TcpFlags} bit) is set. */
  default boolean has(int flag) {
    return (flags() & flag) != 0;
  }

  /** The sender's connection: local {@code src}, remote {@code dst}. */
  default FourTuple sender() {
    return new FourTuple(source(), destination());
  }

  /** The receiver's connection: local {@code dst}, remote {@code src}. */
  default FourTuple receiver() {
    return new FourTuple(destination(), source());
  }

  default Endpoint source() {
    return new Endpoint(new Ipv4Address(src()), srcPort());
  }

  default Endpoint destination() {
    return new Endpoint(new Ipv4Address(dst()), dstPort());
  }
}
