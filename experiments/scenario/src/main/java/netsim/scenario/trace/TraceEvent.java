package netsim.scenario.trace;

import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.AppEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.StateCause;
import netsim.tcp.TcpState;

/**
 * Something that happened at virtual time {@code t} (nanoseconds), as a typed value: enums,
 * primitives and the run's own objects, so a consumer compares numbers and constants and never
 * parses text. Nodes, link directions, fault chains and rules are {@code int} ids named by the
 * run's {@link RunIndex}; addresses are {@link Ipv4Address#bits()}. One record per family of {@code
 * trace.jsonl} lines; the trace writer turns them into text (docs/trace.md is the schema).
 */
public sealed interface TraceEvent {
  /** A {@code link}, {@code ssthresh} or {@code srtt} that is not there. */
  long NONE = -1;

  long t();

  /** Whether {@code conn} is a listener's: its remote endpoint is 0.0.0.0:0. */
  static boolean isListener(FourTuple conn) {
    return conn.remote().port() == 0 && conn.remote().address().bits() == 0;
  }

  /** What kind of event this is, for a {@code switch}. */
  EventKind kind();

  /**
   * A TCP segment sent by a host ({@link EventKind#SEND}), accepted by one ({@link
   * EventKind#RECV}), dropped ({@link EventKind#DROP}, at a node, or on the link direction {@code
   * link}), or marked Congestion Experienced by the queue of link direction {@code link} ({@link
   * EventKind#MARK}, reported at its sending node).
   *
   * @param node the id of the host that sent or accepted it, or of the node that dropped it
   * @param link the id of the link direction it was dropped on, or -1
   * @param pkt the packet's id
   * @param src the source address's bits
   * @param dst the destination address's bits
   * @param flags the TCP flags ({@link netsim.tcp.TcpFlags})
   * @param seq the sequence number, unsigned
   * @param ack the acknowledgment number, unsigned, or -1 when the ACK bit is clear
   * @param state the sender's TCP state when it sent the segment (send only), or null
   * @param cause why it was dropped (drop only), or null
   * @param ecn the IP packet's ECN field (RFC 3168) at the event
   */
  record Packet(
      long t,
      EventKind kind,
      int node,
      int link,
      long pkt,
      int src,
      int srcPort,
      int dst,
      int dstPort,
      int flags,
      long seq,
      long ack,
      int len,
      TcpState state,
      DropCause cause,
      Ecn ecn)
      implements TraceEvent, PacketEvent {

    /** Itself: it is the value. */
    @Override
    public Packet toEvent() {
      return this;
    }
  }

  /**
   * A UDP datagram sent by a host ({@link EventKind#UDP_SEND}), accepted by one ({@link
   * EventKind#UDP_RECV}), or dropped ({@link EventKind#UDP_DROP}, at a node, or on the link
   * direction {@code link}): the fields of a TCP {@link Packet} that UDP has.
   *
   * @param node the id of the host that sent or accepted it, or of the node that dropped it
   * @param link the id of the link direction it was dropped on, or -1
   * @param pkt the packet's id
   * @param src the source address's bits
   * @param dst the destination address's bits
   * @param len the data bytes
   * @param number the sender's number of the datagram, from 0
   * @param cause why it was dropped (drop only), or null
   */
  record Datagram(
      long t,
      EventKind kind,
      int node,
      int link,
      long pkt,
      int src,
      int srcPort,
      int dst,
      int dstPort,
      int len,
      long number,
      DropCause cause)
      implements TraceEvent {}

  /** Link direction {@code link} duplicated packet {@code pkt} as {@code copy}. */
  record Duplicate(long t, int link, long pkt, long copy) implements TraceEvent {
    @Override
    public EventKind kind() {
      return EventKind.DUP;
    }
  }

  /** Rule {@code rule} of fault chain {@code chain} took packet {@code pkt} to {@code action}. */
  record Rule(
      long t, int chain, int rule, FaultAction.Verb action, long pkt, int flags, long seq, int len)
      implements TraceEvent {
    @Override
    public EventKind kind() {
      return EventKind.RULE;
    }
  }

  /**
   * A TCP connection (or listener, whose remote endpoint is 0.0.0.0:0) of {@code node} changed
   * state.
   *
   * @param causeFlags for {@link StateCause#RCV}, the flags the cause names, else 0
   */
  record State(
      long t,
      int node,
      FourTuple conn,
      TcpState from,
      TcpState to,
      StateCause cause,
      int causeFlags)
      implements TraceEvent {
    @Override
    public EventKind kind() {
      return EventKind.STATE;
    }

    /** The cause as the trace prints it: "OPEN", "rcv SYN|ACK", ... */
    public String causeText() {
      return cause.traceName(causeFlags);
    }

    /** Whether this is a listener's change (its remote endpoint is 0.0.0.0:0). */
    public boolean isListener() {
      return TraceEvent.isListener(conn);
    }
  }

  /** What an application saw or did; {@code bytes} for write and data, else 0. */
  record App(long t, int node, FourTuple conn, AppEvent event, long bytes)
      implements TraceEvent, ApplicationEvent {
    @Override
    public EventKind kind() {
      return EventKind.APP;
    }

    /** Itself: it is the value. */
    @Override
    public App toEvent() {
      return this;
    }
  }

  /** A retransmission; the {@code send} event follows. */
  record Retransmit(
      long t, int node, FourTuple conn, int flags, long seq, int len, RetransmitReason reason)
      implements TraceEvent {
    @Override
    public EventKind kind() {
      return EventKind.RTX;
    }

    /** Whether {@code flag} (a {@link netsim.tcp.TcpFlags} bit) is set. */
    public boolean has(int flag) {
      return (flags & flag) != 0;
    }
  }

  /**
   * The congestion state of a connection changed (sim-tcp reports every change): the congestion
   * window, the slow-start threshold ({@link #NONE} until first set), the smoothed RTT ({@link
   * #NONE} before the first sample), the RTO and the bytes in flight.
   */
  record Congestion(
      long t,
      int node,
      FourTuple conn,
      long cwnd,
      long ssthresh,
      long srtt,
      long rto,
      long inflight)
      implements TraceEvent, CongestionEvent {
    @Override
    public EventKind kind() {
      return EventKind.CC;
    }

    /** Itself: it is the value. */
    @Override
    public Congestion toEvent() {
      return this;
    }
  }

  /** Link direction {@code link} was changed by the run's schedule. */
  record Link(long t, int link, LinkChange what) implements TraceEvent {
    @Override
    public EventKind kind() {
      return EventKind.LINK;
    }
  }

  /** Host {@code node} crashed or restarted its listeners. */
  record Host(long t, int node, HostChange what) implements TraceEvent {
    @Override
    public EventKind kind() {
      return EventKind.HOST;
    }
  }
}
