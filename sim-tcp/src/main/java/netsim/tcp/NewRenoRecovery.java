package netsim.tcp;

import netsim.tcp.cc.CongestionWindow;

/**
 * RFC 6582's NewReno modification of fast recovery: recovery lasts until everything sent before it
 * began ("recover") is acknowledged; a partial ACK before that retransmits the next hole at once.
 */
final class NewRenoRecovery extends RenoRecovery {
  /** RFC 6582's "recover": SND.MAX when the last recovery began or the last timeout came. */
  private long recover;

  /**
   * Whether the retransmission timer was restarted by a partial ACK and no ACK outside recovery has
   * restarted it since (RFC 6582 3.2 step 5 restarts it on the first partial ACK only).
   */
  private boolean timerRestarted;

  NewRenoRecovery(Connection connection) {
    super(connection);
  }

  @Override
  void ackedOutsideRecovery() {
    if (connection.sndUna() < connection.sndMax()) {
      timerRestarted = false; // the connection restarts the timer for this ACK
    }
  }

  /** A partial ACK restarted the timer and no ACK outside recovery has since. */
  @Override
  boolean holdsMore() {
    return timerRestarted;
  }

  @Override
  AckOutcome ackInRecovery(long acked) {
    CongestionWindow window = connection.window();
    long smss = window.smss();
    if (connection.sndUna() >= recover) {
      // Step 3, a full acknowledgment: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS).
      timerRestarted = false;
      window.recoverTo(Math.min(window.ssthresh(), Math.max(connection.flightSize(), smss) + smss));
      return AckOutcome.FULL;
    }
    // Step 4, a partial ACK: retransmit the first unacknowledged segment, deflate the window by
    // the data acknowledged, and add back one SMSS if that was at least one.
    connection.retransmitFirstUnacknowledged(RetransmitReason.FAST);
    window.recoverTo(window.cwnd() - acked + (acked >= smss ? smss : 0));
    if (timerRestarted) {
      return AckOutcome.PARTIAL_KEEP_TIMER;
    }
    timerRestarted = true;
    return AckOutcome.PARTIAL_RESTART_TIMER;
  }

  /** Step 2: no new recovery until the ACKs cover what was sent when the last one began. */
  @Override
  boolean mayStartRecovery() {
    return connection.sndUna() >= recover;
  }

  @Override
  void recoveryStarts() {
    recover = connection.sndMax();
  }

  /** RFC 6582 4: after a timeout, "recover" is the highest sequence number sent. */
  @Override
  public void onTimeout() {
    super.onTimeout();
    recover = connection.sndMax();
  }
}
