package netsim.tcp;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@link ReceiveSide} that every arriving segment and every segment sent read, also
 * at a sender that receives no text: RCV.NXT and RCV.WND (the acceptability test, the window
 * field), TS.Recent with its age and Last.ACK.sent (RFC 7323 4.3, 5.3), whether an acknowledgment
 * is owed, and the references those paths follow. Only {@link ReceiveSide} extends it, and it has
 * no behaviour of its own.
 *
 * <p>It exists for where HotSpot puts them, as {@link SendSideHead} does for the send side: a
 * superclass's fields, references included, come before the subclass's, and within a class the
 * references come last. Here they lie in the object's first 80 bytes, before what only text reads
 * (the buffer, the offsets, the delivery state), so that an ACK arriving at a sender reads about
 * half of the receive side's lines: among thousands of connections each one is a cache miss.
 */
abstract class ReceiveSideHead {
  /**
   * The connection, whose block ({@link TransmissionControlBlock}) holds RCV.NXT, RCV.WND,
   * TS.Recent and the acknowledgment state; first, in the line the object's header starts.
   */
  final TcpConnection tcb;

  /**
   * The clock: the connection's environment, which every event of the connection reads anyway (its
   * own view would be one object more to read per arriving segment).
   */
  final TcpConnection.Environment clock;

  final TcpConfig config;
  final TcpTimers timers;

  /** Linux's quick-ACK mode, when the host has it; else null. */
  final @Nullable QuickAckMode quickAck;

  /** What the ACKs we send report of SACK, once both ends agreed on it; null until then. */
  @Nullable SackReport sack;

  ReceiveSideHead(
      TcpConnection.Environment clock,
      TcpConfig config,
      TcpTimers timers,
      @Nullable QuickAckMode quickAck,
      TcpConnection tcb) {
    this.tcb = tcb;
    this.clock = clock;
    this.config = config;
    this.timers = timers;
    this.quickAck = quickAck;
  }
}
