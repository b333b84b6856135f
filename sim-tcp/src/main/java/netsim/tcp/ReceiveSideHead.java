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
  /** RCV.WND: the window offered, from RCV.NXT. */
  long rcvWnd;

  // RFC 7323's receiving side: TS.Recent, the peer's timestamp that our segments echo (4.3), when
  // it was taken (TS.Recent.Age, for PAWS, 5.5) and Last.ACK.sent (4.3 (1)). Fields of this object,
  // not one of their own, so that an arriving segment reads one object fewer.
  long tsRecent;
  long tsRecentTakenAt;

  /** RCV.NXT (HotSpot puts it in the four bytes after the object's header). */
  int rcvNxt;

  int lastAckSent;

  /** The shift of our window field (RFC 7323 2), or 0 without window scaling. */
  int rcvShift;

  /** Full-sized segments received since our last ACK, for delayed ACKs. */
  int unackedSegments;

  boolean ackPending;

  /** The acknowledgment owed is a challenge ACK, sent bare even while our FIN is unacknowledged. */
  boolean bareAckOwed;

  /**
   * Whether the reassembly queue holds text: kept here so that text arriving in order with no gap
   * open, the common case, reads neither the queue nor the SACK report (among thousands of
   * connections, each a cache miss of its own).
   */
  boolean textHeld;

  /**
   * Whether a duplicate went to the SACK report since our last ACK (RFC 2883's D-SACK). With this
   * false and no {@link #textHeld}, the report has no block to give, and a segment we send reads
   * nothing of it.
   */
  boolean duplicateNoted;

  /** A FIN arrived beyond a gap (its sequence number is the receive side's). */
  boolean finPending;

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
      @Nullable QuickAckMode quickAck) {
    this.clock = clock;
    this.config = config;
    this.timers = timers;
    this.quickAck = quickAck;
  }
}
