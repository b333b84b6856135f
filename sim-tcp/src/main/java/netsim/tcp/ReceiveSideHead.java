package netsim.tcp;

import org.jspecify.annotations.Nullable;

/**
 * The references of a {@link ReceiveSide} that every segment it handles follows, first in the
 * object: the connection, whose block ({@link TransmissionControlBlock}) holds RCV.NXT, RCV.WND,
 * TS.Recent, Last.ACK.sent and whether an acknowledgment is owed (prototype tcb21: those were this
 * head's fields). Only {@link ReceiveSide} extends it, and it has no behaviour of its own.
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
