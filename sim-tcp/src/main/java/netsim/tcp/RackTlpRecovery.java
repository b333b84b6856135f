package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;
import static netsim.tcp.TcpTimers.Kind.LOSS_PROBE;
import static netsim.tcp.TcpTimers.Kind.RACK_REORDER;

import netsim.core.Time;
import netsim.tcp.cc.CongestionWindow;
import org.jspecify.annotations.Nullable;

/**
 * RACK-TLP (RFC 8985): loss detection by time instead of by counting duplicates. Every segment sent
 * keeps its transmit time ({@link SentSegments}); a segment is lost once a segment sent after it
 * has been delivered and a reordering window has passed (RACK, 6), checked on each ACK and by the
 * reordering timer. A tail loss probe (TLP, 7) resends the last segment, or sends new data, two
 * round trips after the last transmission, so that a loss at the end of a flight draws the ACK that
 * RACK needs instead of waiting for the retransmission timer. During the fast recovery that a
 * detected loss starts (RecoveryPoint as in RFC 6675), lost segments go first, then new data, as
 * RFC 6937's PRR-SSRB allows (RFC 8985 9.3 leaves the reaction to the congestion control; PRR is
 * what it names), with the bound Linux's tcp_cwnd_reduction had from 4.3 to 5.9 (the extra segment
 * only on an ACK of retransmitted data that shows no new loss) and its forced fast retransmit (at
 * least one segment while none has been sent in the reduction, RFC 9937 4).
 *
 * <p>Where the profile asks for it ({@link HostProfile#undoSpuriousRecovery}), a reduction that
 * proved spurious is undone as Linux's tcp_fastretrans_alert does ({@link RecoveryUndo}): at the
 * end of a recovery (tcp_try_undo_recovery), on a partial ACK that an original segment caused
 * (tcp_try_undo_partial), once D-SACKs reported every retransmission (tcp_try_undo_dsack, also
 * after the recovery ended), and after a timeout (tcp_try_undo_loss).
 */
final class RackTlpRecovery implements LossRecovery {
  /** RFC 8985 7.2, WCDelAckT: the worst-case delayed ACK timer, 200 ms. */
  static final long WORST_CASE_DELAYED_ACK = Time.millis(200);

  /** Linux's net.ipv4.tcp_max_reordering: the largest reordering degree. */
  static final int MAX_REORDERING = 300;

  /** RFC 8985 6.2 step 4: recoveries the reordering window stays widened after a D-SACK. */
  static final int REO_WND_PERSIST = 16;

  private final Connection connection;
  private final SackScoreboard scoreboard;
  private final SentSegments segments = new SentSegments();
  private final ProportionalRateReduction prr =
      new ProportionalRateReduction(ProportionalRateReduction.Bound.RETRANSMISSION_ACKED);

  // RACK's state (RFC 8985 5.2). Times are virtual nanoseconds; -1: not yet known.
  /** RACK.xmit_ts: the latest transmit time of the segments delivered. */
  private long rackXmitTs = -1;

  /** RACK.end_seq: the end of that segment, as a position. */
  private long rackEndSeq;

  /** RACK.rtt: the round trip of that segment. */
  private long rackRtt;

  /** RACK.min_RTT, over the connection (the RFC allows a windowed minimum). */
  private long minRtt = -1;

  /** The last ACK's RTT sample for the congestion control ({@link #rttSample}), or -1. */
  private long rttSample = -1;

  /** RACK.fack: the highest end of a segment delivered. */
  private long fack;

  private boolean reorderingSeen;

  /**
   * The reordering degree in segments (Linux's tp->reordering, from tcp_check_sack_reordering): RFC
   * 6675's DupThresh at first, raised to the distance in segments from RACK.fack down to a segment
   * delivered out of order, when that is larger; at most {@link #MAX_REORDERING}.
   */
  private int reordering = SackScoreboard.DUP_THRESH;

  /** ACKs that showed reordering (Linux's reord_seen). */
  private int reorderingEvents;

  /** RACK.dsack_round, as a position; -1: None. */
  private long dsackRound = -1;

  private int reoWndMult = 1;
  private int reoWndPersist;

  // TLP's state (RFC 8985 5.3).
  /** TLP.end_seq, as a position; -1: None. */
  private long tlpEndSeq = -1;

  private boolean tlpIsRetrans;

  /** An RTT sample came since the last probe (RFC 8985 7.3's second condition). */
  private boolean rttSampledSinceProbe = true;

  /** The probe timer expired and the probe may go: {@link #nextSegment} chooses it next. */
  private boolean probeOwed;

  /** The segment {@link #nextSegment} last chose is the probe. */
  private boolean probeChosen;

  // Recovery.
  private boolean inRecovery;

  /** After a retransmission timeout, until RecoveryPoint is acknowledged ("RTO recovery"). */
  private boolean rtoRecovery;

  /** RFC 6675's RecoveryPoint: SND.MAX when the last recovery or timeout began. */
  private long recoveryPoint;

  /**
   * Linux's CWR state (tcp_enter_cwr): an ECN echo reduces the window by PRR, as a recovery does
   * but without resending, until data above {@link #cwrPoint} is acknowledged.
   */
  private boolean cwr;

  /** SND.MAX when the CWR state began (Linux's high_seq). */
  private long cwrPoint;

  /** The ACK being read carries an ECN echo ({@link #onEcnEcho}). */
  private boolean ecnEchoPending;

  /** Linux's undo of a spurious reduction, if the profile asks for it; null otherwise. */
  private final @Nullable RecoveryUndo undo;

  /**
   * PRR counts segments and starts from cwnd, as Linux's tcp_cwnd_reduction ({@link
   * HostProfile#linuxPrr}); otherwise bytes and the flight (RFC 6937 3).
   */
  private final boolean prrInSegments;

  /**
   * The segments the ACK being read delivered, cumulatively or selectively (newly_acked_sacked).
   */
  private long deliveredSegments;

  /**
   * tcp_try_undo_partial's hold: the ACK being read shows a hole filled by an original segment
   * while retransmissions are still in flight, so it marks nothing lost and resends nothing.
   */
  private boolean holdRetransmissions;

  RackTlpRecovery(Connection connection) {
    this.connection = connection;
    this.scoreboard = checkNotNull(connection.scoreboard(), "RACK-TLP runs only with SACK");
    this.undo = connection.undoSpuriousRecovery() ? new RecoveryUndo() : null;
    this.prrInSegments = connection.linuxPrr();
  }

  // ---------------------------------------------------------------------------------------------
  // Transmissions and ACKs
  // ---------------------------------------------------------------------------------------------

  @Override
  public void onTransmit(long position, long length) {
    int count = segments.count();
    long lastEnd = count == 0 ? position : segments.end(count - 1);
    boolean newData = count == 0 || position + length > lastEnd;
    if (undo != null && lastEnd > position) {
      // tcp_retransmit_skb counts each retransmission and stamps the first; a tail loss probe
      // (__tcp_retransmit_skb alone) counts only in total_retrans.
      int resent = pieces(Math.min(lastEnd, position + length) - position);
      if (probeChosen) {
        undo.probed(resent);
      } else {
        undo.resent(resent, connection.timestampClock());
      }
    }
    segments.sent(position, position + length, connection.now());
    if (position + length > lastEnd && scoreboard.highestSacked() > lastEnd) {
      segments.markUnchecked(segments.count() - 1); // sent over data SACKed beyond SND.MAX
    }
    // RFC 8985 7.2: "start or restart a loss probe PTO timer after transmitting new data (that
    // was not itself a loss probe)".
    if (newData && !probeChosen) {
      scheduleProbe(connection.retransmitDeadline());
    }
  }

  @Override
  public void onAckArrived(long ackPosition) {
    long now = connection.now();
    long sndUna = connection.sndUna();
    long ack = Math.max(sndUna, ackPosition);
    long delivered = ack - sndUna + scoreboard.sackedChange();
    // Linux's newly_acked_sacked (tp->delivered's growth): the segments neither SACKed before nor
    // still outstanding after this ACK, counted as tcp_clean_rtx_queue and tcp_sacktag_one do.
    long undeliveredBefore = prrInSegments ? undeliveredSegments() : 0;
    holdRetransmissions = false;
    if (undo != null) {
      if (ecnEchoPending) {
        undo.ecnEcho(false); // tcp_fastretrans_alert, A: "ECE, hence prohibit cwnd undoing"
      }
      if (!inRecovery && !rtoRecovery && !cwr && !anyRetransmissionDone()) {
        undo.clearStamp(); // the Open state: retrans_stamp = 0
      }
      if (scoreboard.hasDsack()) {
        countDuplicates(sndUna);
      }
    }
    // RFC 8985 6.2 steps 1-3, for each segment newly acknowledged, cumulatively or selectively.
    boolean sacks = scoreboard.newlySacked() > 0;
    long latestSentAt = -1;
    long latestRtt = 0;
    long latestEnd = 0;
    // Linux's RACK.rtt: the last segment tcp_ack walks, the SACKed ones first, then the
    // cumulatively acknowledged ones (tcp_sacktag_write_queue before tcp_clean_rtx_queue).
    long lastSackedRtt = -1;
    long lastCumulativeRtt = -1;
    long sackedSample = -1;
    long cumulativeSample = -1;
    boolean resentAcked = false;
    // Linux's FLAG_RETRANS_DATA_ACKED (tcp_clean_rtx_queue): a segment once resent is acknowledged.
    boolean retransmissionAcked = false;
    long reorderedFrom = Long.MAX_VALUE;
    // Above the ACK only a segment within the newly SACKed ranges can be newly delivered, unless
    // one's edges changed since its mark was checked; then every segment is looked at.
    boolean checkAll = sacks && segments.uncheckedCount() > 0;
    RangeSet fresh = scoreboard.newlySackedRanges();
    int range = 0;
    for (int i = 0; i < segments.count(); i++) {
      boolean cumulative = segments.end(i) <= ack;
      if (!cumulative && !sacks) {
        break;
      }
      if (!cumulative && !checkAll) {
        while (range < fresh.count() && fresh.end(range) <= segments.start(i)) {
          range++;
        }
        if (range == fresh.count()) {
          break;
        }
        if (segments.end(i) <= fresh.start(range)) {
          i = segments.firstEndingAfter(fresh.start(range)) - 1; // the next segment in the range
          continue;
        }
      }
      retransmissionAcked |= cumulative && segments.isRetransmitted(i);
      if (segments.isSacked(i)) {
        continue;
      }
      if (!cumulative) {
        if (scoreboard.firstUnsackedFrom(segments.start(i)) < segments.end(i)) {
          continue;
        }
        segments.markSacked(i);
      }
      long sentAt = segments.sentAt(i);
      long rtt = now - sentAt;
      boolean retransmitted = segments.isRetransmitted(i);
      if (retransmitted) {
        resentAcked |= cumulative;
      } else if (cumulative) {
        cumulativeSample = rtt;
      } else {
        sackedSample = rtt;
      }
      // Step 2: a retransmitted segment delivered sooner than min_RTT was the original's.
      boolean ambiguous = retransmitted && minRtt >= 0 && rtt < minRtt;
      if (!ambiguous) {
        if (!retransmitted) {
          minRtt = minRtt < 0 ? rtt : Math.min(minRtt, rtt); // step 1
        }
        rttSampledSinceProbe = true;
        if (cumulative) {
          lastCumulativeRtt = rtt;
        } else {
          lastSackedRtt = rtt;
        }
        if (sentAfter(sentAt, segments.end(i), latestSentAt, latestEnd)) {
          latestSentAt = sentAt;
          latestEnd = segments.end(i);
          latestRtt = rtt;
        }
      }
      // Step 3: a segment delivered below RACK.fack that was never resent came out of order.
      if (segments.end(i) > fack) {
        fack = segments.end(i);
      } else if (segments.end(i) < fack && !retransmitted) {
        reorderingSeen = true;
        reorderedFrom = Math.min(reorderedFrom, segments.start(i));
      }
    }
    if (checkAll) {
      segments.markAllChecked();
    }
    if (reorderedFrom < fack) {
      measureReordering(fack - reorderedFrom);
    }
    if (latestSentAt >= 0) {
      // RFC 8985 6.2 step 2: "RACK.rtt = rtt" of the most recently sent segment delivered; Linux's
      // tcp_rack_advance: of the last segment delivered.
      rackRtt =
          !connection.rackRttOfLastDelivered()
              ? latestRtt
              : lastCumulativeRtt >= 0 ? lastCumulativeRtt : lastSackedRtt;
      if (sentAfter(latestSentAt, latestEnd, rackXmitTs, rackEndSeq)) {
        rackXmitTs = latestSentAt;
        rackEndSeq = latestEnd;
      }
    }
    rttSample = sackedSample >= 0 ? sackedSample : resentAcked ? -1 : cumulativeSample;
    segments.removeBelow(ack);
    if (prrInSegments) {
      deliveredSegments = undeliveredBefore - undeliveredSegments();
    }
    // Step 4: a D-SACK widens the reordering window, once per round trip.
    if (dsackRound >= 0 && ack >= dsackRound) {
      dsackRound = -1;
    }
    if (dsackRound < 0 && scoreboard.hasDsack()) {
      dsackRound = connection.sndMax();
      reoWndMult++;
      reoWndPersist = REO_WND_PERSIST;
    }
    processProbeAck(ack);
    boolean ecnEcho = ecnEchoPending;
    boolean lossesLeft = undo != null && tryUndo(ack, sndUna);
    // Step 5.
    boolean newlyLost = !holdRetransmissions && detectLossAndArmTimer(now);
    ecnEchoPending = false;
    if ((newlyLost || lossesLeft) && !inRecovery && !rtoRecovery) {
      enterRecovery(ecnEcho);
    } else if (ecnEcho && !inRecovery && !rtoRecovery && !cwr) {
      enterCwr();
    }
    if ((inRecovery || cwr) && (prrInSegments ? deliveredSegments : delivered) > 0) {
      // Linux's tcp_cwnd_reduction, from tcp_cong_control: only an ACK that delivered data sets
      // cwnd (RFC 9937 6.2); one that delivered nothing leaves it as it was.
      reduceRate(delivered, deliveredSegments, retransmissionAcked && !newlyLost);
    }
    if (ack == sndUna
        && sacks
        && delivered > 0
        && !inRecovery
        && !cwr
        && reordering > SackScoreboard.DUP_THRESH
        && connection.cwndGrowsOnSackWhenReordered()) {
      // Linux's tcp_may_raise_cwnd: with reordering above net.ipv4.tcp_reordering, any forward
      // progress grows cwnd (tcp_cong_control with acked_sacked), also an ACK that only SACKs;
      // an ACK that moves SND.UNA grows it in onNewAck, by what it delivered.
      connection.congestionControl().onAck(connection.window(), now, delivered, connection.srtt());
    }
    if (!mayProbe()) {
      connection.stopTimer(LOSS_PROBE);
    }
  }

  /** RFC 8985 7.4.2, TLP_process_ack(): what the ACK says of the probe in flight. */
  private void processProbeAck(long ack) {
    if (tlpEndSeq < 0 || ack < tlpEndSeq) {
      return;
    }
    if (!tlpIsRetrans) {
      tlpEndSeq = -1; // "TLP of new data delivered"
      return;
    }
    if (scoreboard.hasDsack()
        && scoreboard.dsackStart() < tlpEndSeq
        && scoreboard.dsackEnd() >= tlpEndSeq) {
      tlpEndSeq = -1; // the probe's retransmission was a duplicate: nothing was lost
      return;
    }
    if (ack > tlpEndSeq) {
      // "Repaired the single loss": the congestion control reduces the window, as at the end of a
      // recovery (cwnd = ssthresh).
      tlpEndSeq = -1;
      CongestionWindow window = connection.window();
      connection.congestionControl().onLoss(window, connection.now(), connection.flightSize());
      window.recoverTo(Math.min(window.cwnd(), window.ssthresh()));
    }
    // ACK = TLP.end_seq with no D-SACK: the original or the probe is still in doubt; wait.
  }

  @Override
  public AckOutcome onNewAck(long acked) {
    long sndUna = connection.sndUna();
    if (cwr) {
      if (sndUna <= cwrPoint) {
        return AckOutcome.NOT_IN_RECOVERY; // PRR set cwnd in onAckArrived; no growth meanwhile
      }
      // Linux's tcp_fastretrans_alert: CWR ends once something above high_seq is acknowledged
      // ("for CWR bit to reach receiver"); tcp_end_cwnd_reduction sets cwnd = ssthresh, and
      // tcp_cong_control grows it on this same ACK.
      cwr = false;
      connection.window().recoverTo(connection.window().ssthresh());
    }
    if (inRecovery) {
      if (sndUna < recoveryPoint) {
        return AckOutcome.PARTIAL_RESTART_TIMER;
      }
      // RFC 6675 (A) ends the recovery; RFC 6937: "cwnd = ssthresh", unless the reduction proved
      // spurious (tcp_try_undo_recovery, whose undo does not age the reordering window).
      inRecovery = false;
      if (undo != null && undo.mayUndo(connection.echoedTimestamp())) {
        undoReduction(false);
      } else {
        connection.window().recoverTo(connection.window().ssthresh());
        recoveryEnded();
      }
      scheduleProbe(Time.after(connection.now(), connection.rto()));
      return AckOutcome.FULL;
    }
    if (rtoRecovery && sndUna >= recoveryPoint) {
      rtoRecovery = false;
      recoveryEnded();
    }
    connection
        .congestionControl()
        .onAck(connection.window(), connection.now(), acked, connection.srtt());
    // RFC 8985 7.2: restart the PTO "upon receiving an ACK that cumulatively acknowledges new
    // data"; the connection restarts the retransmission timer for this ACK.
    scheduleProbe(Time.after(connection.now(), connection.rto()));
    return AckOutcome.NOT_IN_RECOVERY;
  }

  @Override
  public void onDuplicateAck() {
    // Everything an ACK says was read in onAckArrived: RACK counts no duplicates.
  }

  // ---------------------------------------------------------------------------------------------
  // RACK (RFC 8985 6)
  // ---------------------------------------------------------------------------------------------

  /** RFC 8985 6.2, RACK_sent_after(t1, seq1, t2, seq2). */
  private static boolean sentAfter(long t1, long seq1, long t2, long seq2) {
    return t1 > t2 || (t1 == t2 && seq1 > seq2);
  }

  /** RFC 8985 6.2 step 4, RACK_update_reo_wnd(). */
  long reorderingWindow() {
    if (!reorderingSeen) {
      if (inRecovery || rtoRecovery) {
        return 0;
      }
      if (sackedSegments() >= SackScoreboard.DUP_THRESH) {
        return 0;
      }
    }
    if (minRtt < 0) {
      return 0;
    }
    long window = reoWndMult * minRtt / 4;
    long srtt = connection.srtt();
    return srtt >= 0 ? Math.min(window, srtt) : window;
  }

  /**
   * An ACK delivered a segment {@code distance} bytes below RACK.fack out of order: Linux's
   * tcp_check_sack_reordering counts the event and raises the degree to the distance in segments.
   */
  private void measureReordering(long distance) {
    long mss = connection.window().smss();
    if (distance > reordering * mss) {
      reordering = (int) Math.min(MAX_REORDERING, (distance + mss - 1) / mss);
    }
    reorderingEvents++;
  }

  /** RACK.segs_sacked: segments SACKed above SND.UNA. */
  private int sackedSegments() {
    return segments.sackedCount();
  }

  /**
   * RFC 8985 6.2 step 5, RACK_detect_loss_and_arm_timer(): every segment sent before the latest one
   * delivered is lost once RACK.rtt + RACK.reo_wnd has passed since it was sent; the reordering
   * timer waits for the last of the others. Returns whether a segment was newly marked lost.
   */
  private boolean detectLossAndArmTimer(long now) {
    if (rackXmitTs < 0) {
      return false;
    }
    long reoWnd = reorderingWindow();
    long timeout = 0;
    boolean newlyLost = false;
    checkSackMarks();
    // Linux's tcp_rack_detect_loss: in send order, up to the first segment sent after RACK.xmit_ts.
    for (int i = segments.firstInSendOrder(); i >= 0; i = segments.nextInSendOrder()) {
      if (segments.sentAt(i) > rackXmitTs) {
        break;
      }
      if (segments.isLost(i)) {
        continue;
      }
      if (sentAfter(rackXmitTs, rackEndSeq, segments.sentAt(i), segments.end(i))) {
        long remaining = segments.sentAt(i) + rackRtt + reoWnd - now;
        if (remaining <= 0) {
          segments.markLost(i);
          newlyLost = true;
        } else {
          timeout = Math.max(timeout, remaining);
        }
      }
    }
    if (timeout > 0) {
      connection.startTimer(RACK_REORDER, Time.after(now, timeout));
    } else {
      connection.stopTimer(RACK_REORDER);
    }
    return newlyLost;
  }

  /**
   * Starts a fast recovery: RFC 6675 5 (4.1), (4.2) with RFC 6937's start. From the CWR state the
   * reduction already under way goes on (Linux's tcp_enter_recovery calls tcp_init_cwnd_reduction
   * only in the Open and Disorder states).
   */
  private void enterRecovery(boolean ecnEcho) {
    CongestionWindow window = connection.window();
    if (undo != null) {
      // tcp_enter_recovery: "Start the clock with our fast retransmit, for undo", and
      // tcp_init_undo; the window before the reduction is remembered unless one is under way.
      if (!anyRetransmissionDone()) {
        undo.clearStamp();
      }
      if (cwr) {
        undo.ecnEcho(false);
        undo.mark(connection.sndUna(), retransmissionsInFlight());
      } else {
        undo.begin(window, false, ecnEcho, connection.sndUna(), retransmissionsInFlight());
      }
    }
    inRecovery = true;
    recoveryPoint = connection.sndMax();
    if (!cwr) {
      long priorCwnd = window.cwnd();
      connection.congestionControl().onLoss(window, connection.now(), connection.flightSize());
      startReduction(priorCwnd);
    }
    cwr = false;
    tlpEndSeq = -1; // RFC 8985 7.1: reset when fast recovery starts
    connection.stopRttTiming();
    connection.stopTimer(LOSS_PROBE);
  }

  @Override
  public boolean onEcnEcho() {
    ecnEchoPending = true;
    return true;
  }

  @Override
  public boolean inCongestionWindowReduction() {
    return cwr;
  }

  /**
   * Linux's tcp_enter_cwr with tcp_init_cwnd_reduction: an ECN echo outside a recovery sets
   * ssthresh by the congestion control and starts PRR (RFC 6937) from the data in flight, without
   * marking anything lost; it is "to be held" until data above SND.MAX now is acknowledged
   * (high_seq). RFC 3168 6.1.2 asks for one reduction per window of data, which this keeps.
   */
  private void enterCwr() {
    if (undo != null) {
      undo.ecnEcho(true); // tcp_enter_cwr: "Disable cwnd undo since congestion is proven with ECN"
    }
    cwr = true;
    cwrPoint = connection.sndMax();
    long priorCwnd = connection.window().cwnd();
    connection
        .congestionControl()
        .onLoss(connection.window(), connection.now(), connection.flightSize());
    startReduction(priorCwnd);
    tlpEndSeq = -1; // tcp_init_cwnd_reduction: tlp_high_seq = 0
  }

  /** RFC 8985 6.2 step 4: "exiting Fast or RTO recovery" ages a widened reordering window. */
  private void recoveryEnded() {
    if (--reoWndPersist <= 0) {
      reoWndMult = 1;
      reoWndPersist = 0;
    }
  }

  /**
   * RFC 6937 3: cwnd = pipe + sndcnt, for an ACK that delivered {@code deliveredData} bytes or, as
   * Linux counts ({@link #prrInSegments}), {@code segments} segments; {@code safe}: the ACK
   * advanced SND.UNA, no new loss. Linux's tcp_cwnd_reduction works in packets throughout (sndcnt,
   * prr_delivered, prr_out, ssthresh, tcp_packets_in_flight), and cwnd is that many segments of the
   * MSS.
   */
  private void reduceRate(long deliveredData, long segments, boolean safe) {
    CongestionWindow window = connection.window();
    long smss = window.smss();
    if (prrInSegments) {
      long pipe = pipeSegments();
      long sndcnt = prr.onAck(segments, pipe, window.ssthresh() / smss, 1, safe);
      window.setCwnd((pipe + sndcnt) * smss);
      return;
    }
    long pipe = pipe();
    window.setCwnd(pipe + prr.onAck(deliveredData, pipe, window.ssthresh(), smss, safe));
  }

  /**
   * RFC 6937's start of a reduction: RecoverFS, the flight now; with {@link #prrInSegments} Linux's
   * prior_cwnd, cwnd in segments before the congestion control cut it ({@code priorCwnd}).
   */
  private void startReduction(long priorCwnd) {
    prr.start(prrInSegments ? priorCwnd / connection.window().smss() : connection.flightSize());
  }

  /**
   * The segments in flight as Linux's tcp_packets_in_flight counts them: {@link #pipe} in pcount.
   */
  private long pipeSegments() {
    long pipe = 0;
    for (int i = 0; i < segments.count(); i++) {
      if (!delivered(i) && !segments.isLost(i)) {
        pipe += pieces(segments.end(i) - segments.start(i));
      }
    }
    return pipe;
  }

  /** Segments sent and neither acknowledged nor marked SACKed, in pcount. */
  private long undeliveredSegments() {
    long count = 0;
    for (int i = 0; i < segments.count(); i++) {
      if (!segments.isSacked(i)) {
        count += pieces(segments.end(i) - segments.start(i));
      }
    }
    return count;
  }

  /**
   * The bytes in flight: sent, neither delivered nor deemed lost (a resent segment counts once).
   */
  long pipe() {
    checkSackMarks();
    return segments.pipeBytes();
  }

  /** Where the first segment marked lost and not resent since needs resending, or -1. */
  private long firstLost() {
    // Linux's tcp_xmit_retransmit_queue starts at retransmit_skb_hint; below the first candidate
    // every segment is either not lost or marked SACKed.
    for (int i = segments.firstLostCandidate(); i < segments.count(); i++) {
      if (segments.isLost(i) && !delivered(i)) {
        segments.noLostBelow(i);
        return scoreboard.firstUnsackedFrom(segments.start(i));
      }
    }
    segments.noLostBelow(segments.count());
    return -1;
  }

  /**
   * Marks SACKed each segment wholly SACKed whose edges changed since its mark was checked: then
   * {@link #delivered} is the mark alone for every segment.
   */
  private void checkSackMarks() {
    for (int i = 0; i < segments.count() && segments.uncheckedCount() > 0; i++) {
      if (segments.isUnchecked(i)) {
        segments.markChecked(i);
        delivered(i);
      }
    }
  }

  /**
   * Whether segment {@code i} is SACKed: marked so, or wholly SACKed now (a retransmission over
   * part of a segment may have split off a SACKed part).
   */
  private boolean delivered(int i) {
    if (segments.isSacked(i)) {
      return true;
    }
    if (scoreboard.firstUnsackedFrom(segments.start(i)) >= segments.end(i)) {
      segments.markSacked(i);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Undo (Linux's tcp_try_undo_*, RFC 3708, RFC 3522)
  // ---------------------------------------------------------------------------------------------

  /**
   * The ACK's first SACK block is a D-SACK (RFC 2883): each retransmission it reports as a
   * duplicate is one fewer that may have repaired a loss. Below SND.UNA ({@code priorSndUna}, the
   * ACK not yet applied) the block counts one segment per MSS (tcp_check_dsack's "dumb counting");
   * above, the resent segments it covers whole (tcp_sacktag_one). A report of more duplicates than
   * were ever resent is dubious and ignored (tcp_dsack_seen).
   */
  private void countDuplicates(long priorSndUna) {
    RecoveryUndo record = checkNotNull(undo);
    long start = scoreboard.dsackStart();
    long end = scoreboard.dsackEnd();
    int duplicates = Math.max(1, pieces(end - start));
    if (!record.duplicatesReported(duplicates)) {
      return;
    }
    if (end <= priorSndUna) {
      record.retransmissionsDuplicated(end, duplicates);
      return;
    }
    for (int i = 0; i < segments.count() && segments.start(i) < end; i++) {
      if (segments.start(i) >= start && segments.end(i) <= end && segments.isRetransmitted(i)) {
        record.retransmissionsDuplicated(
            segments.end(i), pieces(segments.end(i) - segments.start(i)));
      }
    }
  }

  /**
   * tcp_fastretrans_alert's undo steps for an ACK of {@code ack} ({@code priorSndUna}: SND.UNA
   * before it), before RACK marks losses. Returns whether a recovery was undone with segments still
   * marked lost, so that a new one starts at once ("If loss is evident, starts a new recovery").
   */
  private boolean tryUndo(long ack, long priorSndUna) {
    RecoveryUndo record = checkNotNull(undo);
    long echoed = connection.echoedTimestamp();
    boolean advanced = ack > priorSndUna;
    if (inRecovery) {
      if (ack >= recoveryPoint) {
        return false; // the recovery ends in onNewAck (tcp_try_undo_recovery)
      }
      if (advanced && record.pending() && record.packetDelayed(echoed)) {
        // tcp_try_undo_partial: "Plain luck! Hole if filled with delayed packet, rather than with
        // a retransmit." With retransmissions in flight, send new data only; else undo.
        if (retransmissionsInFlight() > 0) {
          holdRetransmissions = true;
          return false;
        }
        if (!anyRetransmissionDone()) {
          record.clearStamp();
        }
        undoReduction(true);
        inRecovery = false; // tcp_try_keep_open
        return false;
      }
      if (record.allRetransmissionsDuplicated()) {
        // tcp_try_undo_dsack, then tcp_try_to_open (with an ECN echo, into CWR: onAckArrived).
        undoAfterDuplicates();
        inRecovery = false;
        return firstLost() >= 0;
      }
      return false;
    }
    if (rtoRecovery) {
      if (advanced && record.mayUndo(echoed)) {
        // tcp_process_loss, tcp_try_undo_loss: the timeout was spurious; back to Open.
        undoReduction(true);
        rtoRecovery = false;
      }
      return false;
    }
    if (!cwr && record.allRetransmissionsDuplicated()) {
      undoAfterDuplicates(); // tcp_try_undo_dsack in the Open and Disorder states
    }
    return false;
  }

  /** tcp_try_undo_dsack: undo, and keep RACK's widened reordering window one recovery longer. */
  private void undoAfterDuplicates() {
    reoWndPersist = Math.min(RecoveryUndo.RACK_RECOVERY_THRESH, reoWndPersist + 1);
    undoReduction(false);
  }

  /** tcp_undo_cwnd_reduction; {@code unmarkLoss}: the segments deemed lost are not. */
  private void undoReduction(boolean unmarkLoss) {
    checkNotNull(undo).undo(connection.window());
    if (unmarkLoss) {
      segments.clearLost();
    }
  }

  /** Linux's retrans_out: resent segments neither delivered nor deemed lost again, in MSS. */
  private int retransmissionsInFlight() {
    int inFlight = 0;
    for (int i = 0; i < segments.count(); i++) {
      if (segments.isRetransmitted(i) && !segments.isLost(i) && !delivered(i)) {
        inFlight += pieces(segments.end(i) - segments.start(i));
      }
    }
    return inFlight;
  }

  /** tcp_any_retrans_done: a retransmission in flight, or the first segment was ever resent. */
  private boolean anyRetransmissionDone() {
    return retransmissionsInFlight() > 0 || (segments.count() > 0 && segments.isRetransmitted(0));
  }

  /** {@code bytes} in segments of the sender's MSS, as Linux counts an skb's pcount. */
  private int pieces(long bytes) {
    long mss = connection.window().smss();
    return (int) ((bytes + mss - 1) / mss);
  }

  // ---------------------------------------------------------------------------------------------
  // TLP (RFC 8985 7)
  // ---------------------------------------------------------------------------------------------

  /**
   * RFC 8985 7.2: a probe may be scheduled when SACK is in use (it is, for this recovery), with no
   * recovery under way, no segment SACKed, data in flight, and no reordering timer pending. A SACK
   * block that covers part of a segment does not count, as Linux counts SACKs in whole segments
   * (tcp_match_skb_to_sack) and stays Open to probe (fr-4pkt-fack-last-byte.pkt).
   */
  private boolean mayProbe() {
    return !inRecovery
        && !rtoRecovery
        && sackedSegments() == 0
        && connection.flightSize() > 0
        && connection.timerDeadline(RACK_REORDER) == TcpTimers.NEVER;
  }

  /**
   * RFC 8985 7.2, TLP_calc_PTO(), capped at {@code rtoDeadline}; or no probe when not allowed. With
   * more than one segment in flight the profile's slack is added (Linux's tcp_schedule_loss_probe:
   * TCP_TIMEOUT_MIN), so that an SRTT of 0 does not probe at once.
   */
  private void scheduleProbe(long rtoDeadline) {
    if (!mayProbe()) {
      connection.stopTimer(LOSS_PROBE);
      return;
    }
    long srtt = connection.srtt();
    long pto;
    if (srtt >= 0) {
      pto = 2 * srtt;
      if (connection.flightSize() <= connection.window().smss()) {
        pto += WORST_CASE_DELAYED_ACK; // "If FlightSize is equal to one segment"
      } else {
        pto += connection.probeTimeoutSlack();
      }
    } else {
      pto = Time.seconds(1);
    }
    connection.startTimer(LOSS_PROBE, Math.min(Time.after(connection.now(), pto), rtoDeadline));
  }

  @Override
  public void onTimer(TcpTimers.Kind kind) {
    long now = connection.now();
    if (kind == RACK_REORDER) {
      // RFC 8985 6.3: "Upon RACK reordering timer expiration ... RACK_detect_loss_and_arm_timer()".
      // Linux's tcp_rack_reo_timeout: a recovery that the timer starts reduces cwnd as if one
      // segment had been delivered (tcp_cwnd_reduction(sk, 1, ...)), so that PRR's forced fast
      // retransmit lets the first lost segment out; within a recovery cwnd stays as it is.
      if (detectLossAndArmTimer(now) && !inRecovery && !rtoRecovery) {
        enterRecovery(false);
        reduceRate(connection.window().smss(), 1, false);
      }
    } else if (kind == LOSS_PROBE) {
      // RFC 8985 7.3: no probe while another is in flight or before an RTT sample since the last;
      // then the retransmission timer, still running, stays as it is.
      if (tlpEndSeq < 0 && rttSampledSinceProbe && connection.flightSize() > 0) {
        probeOwed = true;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What to send
  // ---------------------------------------------------------------------------------------------

  @Override
  public long nextSegment() {
    probeChosen = false;
    if (probeOwed) {
      // RFC 8985 7.3: new data if the window allows, else the highest-sequence segment sent.
      probeOwed = false;
      probeChosen = true;
      if (connection.mayTransmitNewData()) {
        return connection.sndMax();
      }
      int last = segments.count() - 1;
      return last < 0 ? SEND_NOTHING : segments.start(last);
    }
    if (!inRecovery) {
      return WINDOW_DECIDES;
    }
    long lost = holdRetransmissions ? -1 : firstLost();
    CongestionWindow window = connection.window();
    boolean full =
        prrInSegments
            // tcp_xmit_retransmit_queue: "if (tcp_packets_in_flight(tp) >= tcp_snd_cwnd(tp))"
            ? window.cwnd() / window.smss() <= pipeSegments()
            : window.cwnd() - pipe() < window.smss();
    if (full) {
      return SEND_NOTHING;
    }
    if (lost >= 0) {
      return lost;
    }
    return connection.mayTransmitNewData() ? connection.sndMax() : SEND_NOTHING;
  }

  @Override
  public void segmentSent(long position, long length, boolean retransmission) {
    if (probeChosen) {
      // RFC 8985 7.3: TLP.end_seq = SND.NXT; "re-arm the RTO timer, not the PTO timer".
      probeChosen = false;
      tlpEndSeq = connection.sndMax();
      tlpIsRetrans = retransmission;
      rttSampledSinceProbe = false;
      connection.restartRetransmitTimer();
      return;
    }
    if (inRecovery || cwr) {
      prr.sent(prrInSegments ? pieces(length) : length); // RFC 6937: prr_out; Linux's in pcount
    }
  }

  @Override
  public RetransmitReason retransmitReason() {
    return probeChosen ? RetransmitReason.TLP : RetransmitReason.FAST;
  }

  // ---------------------------------------------------------------------------------------------
  // Timeouts
  // ---------------------------------------------------------------------------------------------

  @Override
  public void onTimeout() {
    long now = connection.now();
    long sndUna = connection.sndUna();
    // RFC 8985 6.3, RACK_mark_losses_on_RTO(): SND.UNA's segment, and every one whose time is up.
    long reoWnd = reorderingWindow();
    for (int i = 0; i < segments.count(); i++) {
      if (!segments.isSacked(i)
          && (segments.start(i) <= sndUna || segments.sentAt(i) + rackRtt + reoWnd - now <= 0)) {
        segments.markLost(i);
      }
    }
    if (undo != null) {
      // tcp_enter_loss: a new episode unless this window was already reduced ("Reduce ssthresh if
      // it has not yet been made inside this window"), then tcp_init_undo.
      long highSeq = cwr ? cwrPoint : recoveryPoint;
      boolean open = !inRecovery && !rtoRecovery && !cwr;
      if (open || sndUna >= highSeq || (rtoRecovery && connection.retries() == 1)) {
        undo.begin(
            connection.window(), inRecovery || cwr, false, sndUna, retransmissionsInFlight());
      }
    }
    LossRecovery.respondToTimeout(connection);
    recoveryPoint = connection.sndMax();
    inRecovery = false;
    cwr = false;
    rtoRecovery = true;
    probeOwed = false;
    tlpEndSeq = -1; // RFC 8985 7.1: reset when RTO recovery starts
    connection.stopTimer(LOSS_PROBE);
    connection.stopTimer(RACK_REORDER);
  }

  @Override
  public boolean inRecovery() {
    return inRecovery;
  }

  @Override
  public boolean inTimeoutRecovery() {
    return rtoRecovery;
  }

  /**
   * Counts each entry as the segments of the sender's MSS it holds, as Linux counts an skb's
   * pcount. A segment deemed lost stays lost once sent again, as Linux's TCPCB_LOST does, until it
   * is SACKed or acknowledged; only a resent segment not deemed lost (again) is "retransmitted".
   */
  @Override
  public FlightCounts flightCounts() {
    long mss = connection.window().smss();
    int sacked = 0;
    int lost = 0;
    int retransmitted = 0;
    for (int i = 0; i < segments.count(); i++) {
      int pieces = (int) ((segments.end(i) - segments.start(i) + mss - 1) / mss);
      if (delivered(i)) {
        sacked += pieces;
        continue;
      }
      if (segments.isLost(i) || segments.wasResentAfterLoss(i)) {
        lost += pieces;
      }
      if (segments.isRetransmitted(i) && !segments.isLost(i)) {
        retransmitted += pieces;
      }
    }
    return new FlightCounts(sacked, lost, retransmitted, reordering, reorderingEvents);
  }

  // For tests.

  long rackRtt() {
    return rackRtt;
  }

  long minRtt() {
    return minRtt;
  }

  boolean reorderingSeen() {
    return reorderingSeen;
  }

  long tlpEndSeq() {
    return tlpEndSeq;
  }

  ProportionalRateReduction prr() {
    return prr;
  }

  SentSegments segments() {
    return segments;
  }

  @Override
  public long rttSample() {
    return rttSample;
  }

  @Override
  public SackScoreboard.SegmentEdges segmentEdges() {
    return segments;
  }
}
