package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;

import netsim.tcp.cc.CongestionWindow;
import org.jspecify.annotations.Nullable;

/**
 * RFC 6675's conservative SACK-based loss recovery. A duplicate ACK is one that SACKs data not
 * SACKed before (RFC 6675 2); the third, or a SACK that makes SND.UNA's segment lost (IsLost()),
 * starts a recovery (5 (1)-(4)) that lasts until RecoveryPoint, SND.MAX at its start, is
 * cumulatively acknowledged. During it cwnd stays at ssthresh and segments go while cwnd - pipe is
 * at least one SMSS (5 (C)), each chosen by NextSeg() (4): the first lost hole, new data, any other
 * hole, and one "rescue" retransmission of the tail. A retransmission timeout ends the recovery,
 * clears the scoreboard and starts no new one before the ACKs reach what was sent (5.1).
 *
 * <p>With a {@link ProportionalRateReduction} (RFC 6937), cwnd is not set to ssthresh when the
 * recovery starts: each ACK sets it to pipe + PRR's sndcnt, and the recovery ends with cwnd =
 * ssthresh.
 */
final class SackRecovery implements LossRecovery {
  private final Connection connection;
  private final SackScoreboard scoreboard;

  /** RFC 6675 2, DupAcks: duplicate ACKs since the last cumulative one. */
  private int duplicateAcks;

  private boolean inRecovery;

  /** RFC 6675 RecoveryPoint, as one past the highest position it names. */
  private long recoveryPoint;

  /** RFC 6675 HighRxt, as one past the highest position retransmitted in this recovery. */
  private long highRxtEnd;

  /** RFC 6675 RescueRxt, as one past its position; -1: undefined. */
  private long rescueRxtEnd = -1;

  /** RFC 6675 "pipe": octets estimated in flight. */
  private long pipe;

  /** Step (4.3) is owed: SND.UNA's segment goes next, whatever pipe says. */
  private boolean retransmitFirst;

  /** The segment {@link #nextSegment} last chose is the rescue retransmission (NextSeg() (4)). */
  private boolean rescueChosen;

  /** RFC 6937's rate reduction during recovery, or null for RFC 6675's cwnd = ssthresh. */
  private final @Nullable ProportionalRateReduction prr;

  /** RFC 6675 recovery, cwnd = ssthresh throughout. */
  SackRecovery(Connection connection) {
    this(connection, null);
  }

  /** RFC 6675 recovery with RFC 6937's rate reduction ({@code prr}), or without it (null). */
  SackRecovery(Connection connection, @Nullable ProportionalRateReduction prr) {
    this.connection = connection;
    this.scoreboard = checkNotNull(connection.scoreboard(), "SACK recovery runs only with SACK");
    this.prr = prr;
  }

  @Override
  public AckOutcome onNewAck(long acked) {
    // RFC 6675 5: "If the incoming ACK is a cumulative acknowledgment, the TCP MUST reset DupAcks
    // to zero."
    duplicateAcks = 0;
    if (inRecovery) {
      if (connection.sndUna() >= recoveryPoint) {
        // (A): "An incoming cumulative ACK for a sequence number greater than RecoveryPoint
        // signals the end of loss recovery." cwnd has been ssthresh throughout; with PRR, RFC
        // 6937 3: "cwnd = ssthresh" at the end of recovery.
        inRecovery = false;
        if (prr != null) {
          connection.window().recoverTo(connection.window().ssthresh());
        }
        return AckOutcome.FULL;
      }
      // (B): the scoreboard is up to date; re-calculate pipe. RFC 6298 5.3 restarts the timer.
      setPipe();
      reduceRate(acked + scoreboard.sackedChange());
      return AckOutcome.PARTIAL_RESTART_TIMER;
    }
    connection
        .congestionControl()
        .onAck(connection.window(), connection.now(), acked, connection.srtt());
    if (scoreboard.newlySacked() > 0) {
      // RFC 6675 2: an ACK that SACKs new data is a duplicate "even if it ... moves the
      // cumulative acknowledgment point".
      duplicateAck(acked + scoreboard.sackedChange());
    }
    return AckOutcome.NOT_IN_RECOVERY;
  }

  @Override
  public void onDuplicateAck() {
    duplicateAck(scoreboard.sackedChange());
  }

  /** A duplicate ACK that delivered {@code deliveredData} bytes (RFC 6937's DeliveredData). */
  private void duplicateAck(long deliveredData) {
    if (inRecovery) {
      setPipe(); // (B.2)
      reduceRate(deliveredData);
      return;
    }
    duplicateAcks++;
    long sndUna = connection.sndUna();
    // 5.1: "a new recovery phase ... MUST NOT be initiated until HighACK is greater than or equal
    // to the new value of RecoveryPoint."
    if (sndUna < recoveryPoint) {
      return;
    }
    // (1) DupAcks >= DupThresh, or (2) IsLost(HighACK + 1): enter loss recovery, step (4).
    // Limited transmit, step (3)'s MAY, is not modelled.
    if (duplicateAcks >= SackScoreboard.DUP_THRESH
        || scoreboard.isLost(sndUna, connection.window().smss())) {
      enterRecovery();
      if (prr != null) {
        setPipe();
        reduceRate(deliveredData); // RFC 6937: the ACK that starts recovery is one of its ACKs
      }
    }
  }

  /** With PRR, RFC 6937 3: cwnd = pipe + sndcnt for an ACK that delivered {@code deliveredData}. */
  private void reduceRate(long deliveredData) {
    if (prr == null || deliveredData <= 0) {
      return;
    }
    CongestionWindow window = connection.window();
    window.setCwnd(pipe + prr.onAck(deliveredData, pipe, window.ssthresh(), window.smss()));
  }

  /** RFC 6675 5, step (4). */
  private void enterRecovery() {
    CongestionWindow window = connection.window();
    inRecovery = true;
    // (4.1) RecoveryPoint = HighData.
    recoveryPoint = connection.sndMax();
    // (4.2) ssthresh = cwnd = (FlightSize / 2), ssthresh as the congestion control sets it.
    connection.congestionControl().onLoss(window, connection.now(), connection.flightSize());
    if (prr != null) {
      prr.start(connection.flightSize()); // RFC 6937: RecoverFS; cwnd follows each ACK
    } else {
      window.recoverTo(window.ssthresh());
    }
    connection.stopRttTiming();
    // (4.3) the segment at HighACK + 1 goes first; HighRxt and RescueRxt follow when it is sent.
    retransmitFirst = true;
    highRxtEnd = connection.sndUna();
    rescueRxtEnd = -1;
  }

  /** (B.2), (4.4): SetPipe(). */
  private void setPipe() {
    pipe =
        scoreboard.pipe(
            connection.sndUna(), connection.sndMax(), highRxtEnd, connection.window().smss());
  }

  @Override
  public long nextSegment() {
    if (!inRecovery) {
      return WINDOW_DECIDES;
    }
    rescueChosen = false;
    if (retransmitFirst) {
      return connection.sndUna(); // (4.3)
    }
    // (C): "If cwnd - pipe >= 1 SMSS, the sender SHOULD transmit one or more segments."
    CongestionWindow window = connection.window();
    if (window.cwnd() - pipe < window.smss()) {
      return SEND_NOTHING;
    }
    return nextSeg();
  }

  /** RFC 6675 4, NextSeg(). */
  private long nextSeg() {
    long sndUna = connection.sndUna();
    long highestSacked = scoreboard.highestSacked();
    // (1) the smallest unSACKed S2 > HighRxt, below the highest SACKed octet, with IsLost(S2).
    // IsLost() only grows towards SND.UNA, so if that first candidate is not lost, none is.
    long s2 = scoreboard.firstUnsackedFrom(Math.max(highRxtEnd, sndUna));
    if (s2 < highestSacked && scoreboard.isLost(s2, connection.window().smss())) {
      return s2;
    }
    // (2) new data, if there is some and the receiver's window allows.
    if (connection.mayTransmitNewData()) {
      return connection.sndMax();
    }
    // (3) an unSACKed S3 > HighRxt below the highest SACKed octet, even if not yet lost.
    if (s2 < highestSacked) {
      return s2;
    }
    // (4) one rescue retransmission per recovery, if HighACK > RescueRxt: a segment that holds
    // the highest outstanding unSACKed octet.
    long sndMax = connection.sndMax();
    if (sndUna > rescueRxtEnd && !scoreboard.isSacked(sndMax - 1) && sndMax > sndUna) {
      long holeStart = Math.max(sndUna, highestSacked);
      long start = Math.max(holeStart, sndMax - connection.window().smss());
      if (start < sndMax) {
        rescueChosen = true;
        return start;
      }
    }
    return SEND_NOTHING; // (5)
  }

  @Override
  public void segmentSent(long position, long length, boolean retransmission) {
    if (prr != null) {
      prr.sent(length);
    }
    if (retransmitFirst) {
      // (4.3) "set both HighRxt and RescueRxt to the highest sequence number in the
      // retransmitted segment"; (4.4) SetPipe().
      retransmitFirst = false;
      highRxtEnd = position + length;
      rescueRxtEnd = position + length;
      setPipe();
      return;
    }
    if (rescueChosen) {
      // (4): "RescueRxt set to RecoveryPoint. HighRxt MUST NOT be updated."
      rescueRxtEnd = recoveryPoint;
      rescueChosen = false;
    } else if (retransmission) {
      highRxtEnd = Math.max(highRxtEnd, position + length); // (C.2)
    }
    pipe += length; // (C.4)
  }

  @Override
  public void onTimeout() {
    LossRecovery.respondToTimeout(connection);
    // 5.1: "If an RTO occurs during loss recovery ... RecoveryPoint MUST be set to HighData" (here
    // after any timeout, as RFC 6582 4 sets "recover") and the recovery ends; a sender "SHOULD
    // expunge the SACK information gathered from a receiver
    // upon a retransmission timeout" (RFC 2018 8, the receiver may have reneged).
    recoveryPoint = connection.sndMax();
    inRecovery = false;
    retransmitFirst = false;
    duplicateAcks = 0;
    scoreboard.clear();
  }

  @Override
  public boolean inRecovery() {
    return inRecovery;
  }

  /** RFC 6675 "pipe" as last computed (for tests and observers). */
  long pipe() {
    return pipe;
  }
}
