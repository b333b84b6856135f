package netsim.tcp;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@link SendSide} that every arriving segment reads: the send sequence space (RFC
 * 9293 3.3.1) that the ACK check and the window update test, and what tells a sending pass that
 * nothing waits (a receiver's pass). Only {@link SendSide} extends it, and it has no behaviour of
 * its own.
 *
 * <p>It exists for where HotSpot puts them: it lays out a superclass's fields, references included,
 * before the subclass's, and within a class all the {@code long}s, then the {@code int}s, then the
 * {@code boolean}s and last the references. As one class, the references an ACK follows (the
 * timers, the loss recovery) came after every field of the send side, four cache lines from its
 * start; here they follow the sequence numbers. A receiver whose send side has nothing to send then
 * reads this head only (about 100 bytes of the object's 230), and among thousands of connections
 * each line read is a cache miss (the idiom of JCTools' padding superclasses, for the opposite
 * purpose).
 */
abstract class SendSideHead {
  /**
   * The connection, whose block ({@link TransmissionControlBlock}) holds the send sequence space;
   * first, in the line the object's header starts.
   */
  final TcpConnection tcb;

  final TcpTimers timers;

  // Congestion control and loss recovery (RFC 5681, RFC 6582), from the peer's SYN on.
  @Nullable LossRecovery recovery;

  /** What the peer has SACKed (RFC 6675 3), when SACK is in use; else null. */
  @Nullable SackScoreboard scoreboard;

  /** The segments of an output pass, grouped as Linux's TSO chunks (Linux); else null. */
  final @Nullable TsoChunks chunks;

  /** The connection's {@link SegmentWriter}, which builds, sends and resends our segments. */
  final SegmentWriter out;

  SendSideHead(
      int iss,
      TcpTimers timers,
      @Nullable TsoChunks chunks,
      TcpConnection connection,
      SegmentWriter out) {
    this.tcb = connection;
    connection.tsoChunks = chunks != null;
    connection.iss = iss;
    this.timers = timers;
    this.chunks = chunks;
    this.out = out;
  }
}
