package netsim.tcp;

import org.jspecify.annotations.Nullable;

/**
 * The references of a {@link SendSide} that an ACK and a sending pass follow, first in the object:
 * the connection, whose block ({@link TransmissionControlBlock}) holds the send sequence space
 * (prototype tcb21: SND.UNA, SND.NXT, SND.MAX, SND.WND, SND.WL1/2 and ISS were this head's fields),
 * the timers (the connection too), the loss recovery, the scoreboard, the TSO chunks and the writer
 * (the connection too). Only {@link SendSide} extends it, and it has no behaviour of its own.
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
