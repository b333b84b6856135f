package netsim.tcp;

import netsim.tcp.cc.CongestionWindow;

/**
 * Fast retransmit and fast recovery as RFC 5681 3.2 gives them (Reno): the third duplicate ACK
 * retransmits the first unacknowledged segment and inflates cwnd to ssthresh + 3 SMSS, each further
 * duplicate adds one SMSS, and the first ACK of new data ends recovery with cwnd = ssthresh.
 */
class RenoRecovery implements LossRecovery {
  /** RFC 5681 3.2: the duplicate ACK that is taken as a loss. */
  static final int DUPLICATE_THRESHOLD = 3;

  final Connection connection;
  private int duplicateAcks;
  private boolean inRecovery;

  RenoRecovery(Connection connection) {
    this.connection = connection;
    connection.recoveryQuiet(true);
  }

  @Override
  public AckOutcome onNewAck(long acked) {
    duplicateAcks = 0;
    AckOutcome outcome;
    if (inRecovery) {
      outcome = ackInRecovery(acked);
      inRecovery = outcome != AckOutcome.FULL;
    } else {
      outcome = LossRecovery.growWindow(connection, acked);
      ackedOutsideRecovery();
    }
    tellQuiet();
    return outcome;
  }

  /** New data was acknowledged outside recovery, and the window grew. */
  void ackedOutsideRecovery() {}

  /**
   * Tells the connection whether this recovery is quiet ({@link Connection#recoveryQuiet}): no
   * duplicate ACK counted and no recovery under way, nor any state of the variant's ({@link
   * #holdsMore}) that the next ACK would change.
   */
  final void tellQuiet() {
    connection.recoveryQuiet(duplicateAcks == 0 && !inRecovery && !holdsMore());
  }

  /** Whether the variant keeps state that an ACK outside recovery changes (Reno: none). */
  boolean holdsMore() {
    return false;
  }

  /**
   * New data acknowledged during recovery. Reno: it ends recovery, step 6: "set cwnd to ssthresh"
   * ("deflating" the window).
   */
  AckOutcome ackInRecovery(long acked) {
    CongestionWindow window = connection.window();
    window.recoverTo(window.ssthresh());
    return AckOutcome.FULL;
  }

  @Override
  public void onDuplicateAck() {
    duplicateAcks++;
    connection.recoveryQuiet(false);
    CongestionWindow window = connection.window();
    if (inRecovery) {
      // Step 5: each further duplicate ACK inflates the window by one SMSS.
      window.recoverTo(window.cwnd() + window.smss());
      return;
    }
    if (duplicateAcks == DUPLICATE_THRESHOLD && mayStartRecovery()) {
      // Steps 2-4: ssthresh from the flight, retransmit the lost segment, cwnd = ssthresh + 3 SMSS.
      inRecovery = true;
      recoveryStarts();
      connection.congestionControl().onLoss(window, connection.now(), connection.flightSize());
      window.recoverTo(window.ssthresh() + DUPLICATE_THRESHOLD * window.smss());
      connection.stopRttTiming();
      connection.retransmitFirstUnacknowledged(RetransmitReason.FAST);
    }
  }

  /** Whether the third duplicate ACK may start a recovery (Reno: always). */
  boolean mayStartRecovery() {
    return true;
  }

  /** A recovery begins, before the window changes. */
  void recoveryStarts() {}

  @Override
  public void onTimeout() {
    LossRecovery.respondToTimeout(connection);
    inRecovery = false;
    duplicateAcks = 0;
    tellQuiet();
  }

  @Override
  public boolean inRecovery() {
    return inRecovery;
  }

  @Override
  public int duplicateAcks() {
    return duplicateAcks;
  }
}
