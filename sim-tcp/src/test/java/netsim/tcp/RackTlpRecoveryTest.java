package netsim.tcp;

import static netsim.tcp.RecoveryBench.SMSS;
import static netsim.tcp.TcpTimers.Kind.LOSS_PROBE;
import static netsim.tcp.TcpTimers.Kind.RACK_REORDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.tcp.cc.CongestionWindow;
import org.junit.jupiter.api.Test;

/**
 * RFC 8985's RACK-TLP, driven by exact transmissions, ACKs and timer expiries: ISS 0, segments of
 * 1000 bytes (segment k at 1 + 1000 k), SRTT 100 ms, RTO 1 s, cwnd 10 SMSS. Times are in ms.
 */
class RackTlpRecoveryTest {
  private final RecoveryBench bench = new RecoveryBench(10 * SMSS, 0);
  private RackTlpRecovery recovery;

  RackTlpRecoveryTest() {
    bench.srtt = ms(100);
    recovery = new RackTlpRecovery(bench);
  }

  private static long ms(long millis) {
    return Time.millis(millis);
  }

  /** Segment {@code k} goes out for the first time at {@code atMs}. */
  private void transmit(long atMs, int k) {
    bench.now = ms(atMs);
    long start = 1 + k * SMSS;
    bench.sndMax = Math.max(bench.sndMax, start + SMSS);
    if (bench.retransmitDeadline == TcpTimers.NEVER) {
      bench.retransmitDeadline = bench.now + bench.rto; // RFC 6298 5.1, as the connection does
    }
    recovery.onTransmit(start, SMSS);
  }

  /**
   * An ACK of {@code position} at {@code atMs} with these SACK blocks, as a connection takes it.
   */
  private void ack(long atMs, long position, long... edges) {
    bench.now = ms(atMs);
    bench.update(position, edges);
    recovery.onAckArrived(position);
    if (position > bench.sndUna) {
      long acked = position - bench.sndUna;
      bench.sndUna = position;
      recovery.onNewAck(acked);
    } else if (bench.scoreboard.newlySacked() > 0) {
      recovery.onDuplicateAck();
    }
  }

  /** Sends what the recovery chooses, as a connection would; "R" marks a TLP retransmission. */
  private String send() {
    List<String> sent = new ArrayList<>();
    long position;
    while ((position = recovery.nextSegment()) >= 0) {
      boolean retransmission = position < bench.sndMax;
      long end = position + SMSS;
      RetransmitReason reason = recovery.retransmitReason();
      bench.sndMax = Math.max(bench.sndMax, end);
      recovery.onTransmit(position, SMSS);
      recovery.segmentSent(position, SMSS, retransmission);
      sent.add(
          position + "-" + end + (retransmission && reason == RetransmitReason.TLP ? " tlp" : ""));
    }
    return String.join(" ", sent);
  }

  private void expire(long atMs, TcpTimers.Kind kind) {
    assertThat(bench.timerDeadline(kind)).as("%s deadline", kind).isEqualTo(ms(atMs));
    bench.now = ms(atMs);
    bench.stopTimer(kind);
    recovery.onTimer(kind);
  }

  // What the recovery counts for a tcp_info view (FlightCounts)

  @Test
  void flightCounts_lostSegmentsStayLostOnceResent_untilSacked() {
    // sack-shift-sacked-7-5-6-8-9-fack.pkt: RACK deems 0..6 lost when 7 is SACKed; the first,
    // resent, still counts as lost (Linux keeps TCPCB_LOST) and as retransmitted (retrans_out).
    for (int k = 0; k < 10; k++) {
      transmit(0, k);
    }
    ack(100, 1, 7001, 8001);
    expire(125, RACK_REORDER);
    assertThat(send()).isEqualTo("1-1001");
    assertThat(recovery.flightCounts()).isEqualTo(new FlightCounts(1, 7, 1, 3, 0));
    ack(126, 1, 5001, 6001, 7001, 8001);
    assertThat(recovery.flightCounts()).isEqualTo(new FlightCounts(2, 6, 1, 3, 1));
  }

  @Test
  void flightCounts_aProbeResendingALiveSegment_isRetransmittedNotLost() {
    for (int k = 0; k < 2; k++) {
      transmit(0, k);
    }
    expire(bench.timerDeadline(LOSS_PROBE) / Time.MILLISECOND, LOSS_PROBE);
    assertThat(send()).isEqualTo("1001-2001 tlp");
    assertThat(recovery.flightCounts()).isEqualTo(new FlightCounts(0, 0, 1, 3, 0));
  }

  /**
   * prr-ss-ack-below-snd_una-cubic.pkt's first ACKs: ten segments at 10 ms; 1001:3001 and 8001:9001
   * SACKed at 20 ms start a recovery that resends 1:1001; at 32 ms an ACK of 4001 delivers that
   * resend (RTT 12 ms) and 3001:4001, never resent (RTT 22 ms). Returns the segments then lost.
   */
  private int lostAfterAnAckOfAResendAndAnOriginal(boolean rttOfLastDelivered) {
    bench.rackRttOfLastDelivered = rttOfLastDelivered;
    bench.srtt = ms(10);
    for (int k = 0; k < 10; k++) {
      transmit(10, k);
    }
    ack(20, 1, 1001, 2001);
    ack(20, 1, 1001, 3001);
    ack(20, 1, 1001, 3001, 8001, 9001);
    assertThat(send()).isEqualTo("1-1001");
    ack(32, 4001, 8001, 9001);
    return recovery.flightCounts().lost();
  }

  @Test
  void rack6_2_rackRttIsThatOfTheMostRecentlySentSegmentDelivered_soTheLastUnsackedIsLost() {
    // RFC 8985: RACK.rtt = 12 ms (the resend); 9001:10001, sent 22 ms ago, is lost too.
    assertThat(lostAfterAnAckOfAResendAndAnOriginal(false)).isEqualTo(5);
  }

  @Test
  void rack6_2_linuxProfile_rackRttIsThatOfTheLastSegmentDelivered_soTheLastUnsackedWaits() {
    // Linux's tcp_rack_advance: RACK.rtt = 22 ms (3001:4001, acknowledged after the resend);
    // 9001:10001 has 22 ms + the reordering window to come: only 4001:8001 stay lost.
    assertThat(lostAfterAnAckOfAResendAndAnOriginal(true)).isEqualTo(4);
    assertThat(bench.timerDeadline(RACK_REORDER)).isGreaterThan(ms(32));
  }

  @Test
  void rttSample_ofTheLastSegmentSackedNeverResent_elseCumulative_noneWhenAResendIsAcknowledged() {
    // Linux's tcp_clean_rtx_queue gives pkts_acked (CUBIC's HyStart) ca_rtt_us so.
    transmit(0, 0);
    transmit(10, 1);
    transmit(20, 2);
    transmit(30, 3);
    ack(100, 1001);
    assertThat(recovery.rttSample()).as("0..1001 sent at 0").isEqualTo(ms(100));
    ack(110, 1001, 2001, 3001);
    assertThat(recovery.rttSample()).as("SACKed 2001:3001, sent at 20").isEqualTo(ms(90));
    ack(120, 3001, 2001, 3001);
    assertThat(recovery.rttSample()).as("1001:2001, sent at 10").isEqualTo(ms(110));
    bench.now = ms(130);
    recovery.onTransmit(3001, SMSS); // 3001:4001 sent again
    ack(150, 4001);
    assertThat(recovery.rttSample()).as("a resend is ambiguous (Karn)").isEqualTo(-1);
  }

  @Test
  void reorderingDegree_isTheDistanceFromFackToTheSegmentDeliveredOutOfOrder() {
    // Linux's tcp_check_sack_reordering: 7001:8001 SACKed, then 3001:4001: 8001 - 3001 = 5
    // segments (sack-shift-sacked-7-3-4-8-9-fack.pkt); a distance of 3 or less leaves it at 3.
    for (int k = 0; k < 10; k++) {
      transmit(0, k);
    }
    ack(100, 1, 7001, 8001);
    ack(101, 1, 5001, 6001, 7001, 8001);
    assertThat(recovery.flightCounts().reordering()).isEqualTo(3);
    ack(102, 1, 3001, 4001, 5001, 6001, 7001, 8001);
    assertThat(recovery.flightCounts().reordering()).isEqualTo(5);
    assertThat(recovery.flightCounts().reorderingEvents()).isEqualTo(2);
  }

  @Test
  void linuxProfile_withReorderingAboveDupThresh_anAckThatOnlySacks_growsCwndByWhatItDelivered() {
    // Linux's tcp_may_raise_cwnd (cubic-rack-reo-timeout-retrans-failed-incoming-data.pkt):
    // 9001:10001 SACKed leaves the degree at 3, no growth; then 3001:4001, 7 segments below FACK,
    // raises it to 7, and that same ACK grows cwnd by the segment it delivered (the script's
    // cwnd 19 after the cumulative ACK of the other 8).
    bench.cwndGrowsOnSackWhenReordered = true;
    for (int k = 0; k < 10; k++) {
      transmit(0, k);
    }
    ack(100, 1, 9001, 10001);
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS);
    ack(101, 1, 3001, 4001, 9001, 10001);
    assertThat(recovery.flightCounts().reordering()).isEqualTo(7);
    assertThat(bench.window.cwnd()).isEqualTo(11 * SMSS);
  }

  @Test
  void rfcProfile_anAckThatOnlySacks_neverGrowsCwnd_evenWithReordering() {
    // RFC 5681 3.1: cwnd grows on ACKs of new data, in order.
    for (int k = 0; k < 10; k++) {
      transmit(0, k);
    }
    ack(100, 1, 9001, 10001);
    ack(101, 1, 3001, 4001, 9001, 10001);
    assertThat(recovery.flightCounts().reordering()).isEqualTo(7);
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS);
  }

  // RACK (RFC 8985 6)

  @Test
  void rack6_2_aSegmentSentBeforeADeliveredOne_waitsRttPlusReoWnd_thenTheReorderTimerMarksItLost() {
    for (int k = 0; k < 4; k++) {
      transmit(k, k);
    }
    ack(100, 1001); // segment 0: RTT 100 ms, min_RTT 100 ms
    assertThat(recovery.minRtt()).isEqualTo(ms(100));
    ack(102, 1001, 2001, 3001); // segment 2 SACKed: segment 1, sent before it, may be reordered
    assertThat(recovery.reorderingWindow()).as("min_RTT / 4").isEqualTo(ms(25));
    assertThat(recovery.inRecovery()).isFalse();
    // 6.2 step 5: remaining = xmit_ts 1 + RACK.rtt 100 + reo_wnd 25 - now 102 = 24 ms.
    assertThat(bench.timerDeadline(RACK_REORDER)).isEqualTo(ms(126));
    assertThat(bench.timerDeadline(LOSS_PROBE))
        .as("7.2: no PTO with SACKed data")
        .isEqualTo(TcpTimers.NEVER);

    expire(126, RACK_REORDER);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).as("FlightSize 3000 / 2, at least 2 SMSS").isEqualTo(2000);
    assertThat(send()).as("the lost segment first").isEqualTo("1001-2001");
    assertThat(recovery.pipe()).isEqualTo(2000);
  }

  @Test
  void reorderTimerStartsTheRecovery_withNothingInFlight_cwndIsOneSmss_untilAnAckDeliversData() {
    // cubic-rack-reo-timeout-retrans-failed-incoming-data.pkt: two segments, the second SACKed;
    // the timer deems the first lost, and nothing is in flight. Linux's tcp_rack_reo_timeout
    // reduces as if one segment had been delivered, and PRR's sndcnt is at least one SMSS while
    // nothing has been sent in the recovery: cwnd = pipe 0 + 1 SMSS.
    transmit(0, 0);
    transmit(0, 1);
    ack(20, 1, 1001, 2001);
    expire(25, RACK_REORDER);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(recovery.pipe()).isZero();
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    // The retransmission could not leave (a full local queue); an ACK that delivers nothing
    // leaves cwnd as it is (tcp_cwnd_reduction returns when newly_acked_sacked is 0).
    ack(35, 1, 1001, 2001);
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    assertThat(send()).isEqualTo("1-1001");
  }

  /**
   * Six segments of 400 bytes (no-coalesce-retrans.pkt's MSG_EOR records) at 0 ms; an ACK at 100 ms
   * SACKs the last three, so RACK deems the first three lost at once (three SACKed: reo_wnd 0) and
   * the recovery begins with nothing in flight, ssthresh 2 SMSS (Reno: FlightSize 2400 / 2, at
   * least 2 SMSS). Returns what the recovery then resends.
   */
  private String resendsAfterThreeOfSixSmallSegmentsAreSacked(boolean linuxPrr) {
    bench.linuxPrr = linuxPrr;
    recovery = new RackTlpRecovery(bench);
    bench.now = 0;
    for (int k = 0; k < 6; k++) {
      bench.sndMax = 1 + (k + 1) * 400L;
      recovery.onTransmit(1 + k * 400L, 400);
    }
    ack(100, 1, 1201, 2401);
    assertThat(recovery.inRecovery()).isTrue();
    List<String> sent = new ArrayList<>();
    long position;
    while ((position = recovery.nextSegment()) >= 0) {
      recovery.onTransmit(position, 400);
      recovery.segmentSent(position, 400, true);
      sent.add(position + "-" + (position + 400));
    }
    return String.join(" ", sent);
  }

  @Test
  void prr_linuxProfile_countsSegments_aSegmentBelowTheMssCountsOne() {
    // Linux's tcp_cwnd_reduction: 3 segments delivered, 0 in flight, ssthresh 2: sndcnt =
    // min(ssthresh - in flight, max(prr_delivered - prr_out, delivered)) = 2 segments, so
    // cwnd = 2 SMSS and tcp_xmit_retransmit_queue sends while in flight < cwnd: two resends.
    assertThat(resendsAfterThreeOfSixSmallSegmentsAreSacked(true)).isEqualTo("1-401 401-801");
    assertThat(bench.window.cwnd()).isEqualTo(2 * SMSS);
    assertThat(recovery.prr().prrOut()).as("prr_out in segments").isEqualTo(2);
  }

  @Test
  void prr_rfcProfile_countsBytes() {
    // RFC 6937 3 in bytes: DeliveredData 1200, pipe 0: sndcnt = 1200 bytes (the ACK advanced no
    // SND.UNA), so one resend of 400 leaves 800 bytes, less than an SMSS.
    assertThat(resendsAfterThreeOfSixSmallSegmentsAreSacked(false)).isEqualTo("1-401");
    assertThat(recovery.prr().prrOut()).as("prr_out in bytes").isEqualTo(400);
  }

  /**
   * Twenty segments in flight with cwnd 40 SMSS; an ACK SACKs segments 1 to 3, so segment 0 is lost
   * and 16 stay in flight, above ssthresh (10 SMSS): PRR's proportional part. Returns cwnd then.
   */
  private long cwndAfterAProportionalReduction(boolean linuxPrr) {
    bench.linuxPrr = linuxPrr;
    bench.window.setCwnd(40 * SMSS);
    recovery = new RackTlpRecovery(bench);
    for (int k = 0; k < 20; k++) {
      transmit(0, k);
    }
    ack(100, 1, 1001, 4001);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(10 * SMSS);
    return bench.window.cwnd();
  }

  @Test
  void prr_linuxProfile_proportionalToPriorCwnd() {
    // tcp_cwnd_reduction: sndcnt = ceil(ssthresh 10 * prr_delivered 3 / prior_cwnd 40) - 0 = 1;
    // cwnd = 16 in flight + 1.
    assertThat(cwndAfterAProportionalReduction(true)).isEqualTo(17 * SMSS);
  }

  @Test
  void prr_rfcProfile_proportionalToRecoverFs() {
    // RFC 6937 3: sndcnt = ceil(prr_delivered 3000 * ssthresh 10000 / RecoverFS 20000) - 0 = 1500.
    assertThat(cwndAfterAProportionalReduction(false)).isEqualTo(16 * SMSS + 1500);
  }

  @Test
  void rack6_2_threeSegmentsSacked_noReorderingSeen_reoWndIsZero_lossIsMarkedOnTheAck() {
    for (int k = 0; k < 5; k++) {
      transmit(k, k);
    }
    ack(100, 1001);
    ack(102, 1001, 2001, 3001);
    ack(103, 1001, 2001, 4001);
    assertThat(bench.timerDeadline(RACK_REORDER)).isEqualTo(ms(126));
    ack(104, 1001, 2001, 5001);
    assertThat(recovery.reorderingWindow()).isZero();
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.timerDeadline(RACK_REORDER)).isEqualTo(TcpTimers.NEVER);
    assertThat(send()).isEqualTo("1001-2001");
  }

  @Test
  void rack6_2_step3_anOriginalDeliveredBelowFack_isReordering_andKeepsTheWindowInRecovery() {
    for (int k = 0; k < 3; k++) {
      transmit(k, k);
    }
    ack(100, 1001);
    ack(102, 1001, 2001, 3001);
    assertThat(recovery.reorderingSeen()).isFalse();
    ack(103, 3001); // segment 1's original arrives after segment 2: it was reordered, not lost
    assertThat(recovery.reorderingSeen()).isTrue();
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(recovery.reorderingWindow()).isEqualTo(ms(25));
  }

  @Test
  void rack6_2_step2_aRetransmissionAckedSoonerThanMinRtt_givesNoRttSample() {
    transmit(0, 0);
    transmit(100, 1);
    ack(100, 1001);
    bench.now = ms(150);
    recovery.onTransmit(1001, SMSS); // segment 1 again
    ack(160, 2001); // 10 ms after the retransmission: the original's ACK
    assertThat(recovery.rackRtt()).isEqualTo(ms(100));
    assertThat(recovery.minRtt()).isEqualTo(ms(100));
  }

  @Test
  void rack6_2_step4_aDsackWidensTheWindowByMinRttOverFour_oncePerRoundTrip() {
    for (int k = 0; k < 5; k++) {
      transmit(k, k);
    }
    ack(100, 1001);
    ack(101, 2001, 1, 1001); // D-SACK: segment 0 arrived twice; dsack_round = SND.MAX 5001
    assertThat(recovery.reorderingWindow()).as("2 * min_RTT / 4").isEqualTo(ms(50));
    ack(102, 2001, 1001, 2001); // another D-SACK within the same round trip
    assertThat(recovery.reorderingWindow()).isEqualTo(ms(50));
    ack(104, 5001, 1001, 2001); // SND.UNA reached dsack_round: a new round
    assertThat(recovery.reorderingWindow()).as("3 * min_RTT / 4").isEqualTo(ms(75));
    bench.srtt = ms(60);
    assertThat(recovery.reorderingWindow()).as("never above SRTT").isEqualTo(ms(60));
  }

  @Test
  void rack6_3_aRetransmissionTimeout_marksSndUnasSegmentAndEveryExpiredOneLost() {
    for (int k = 0; k < 4; k++) {
      transmit(k, k);
    }
    ack(100, 1001);
    transmit(1000, 4);
    bench.now = ms(1050);
    recovery.onTimeout();
    // segment 1 (SND.UNA), 2, 3 (sent at 2, 3 ms: 100 + 25 ms have passed); 4 (sent at 1000 ms)
    // is still in flight.
    assertThat(recovery.pipe()).isEqualTo(1000);
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    assertThat(recovery.nextSegment())
        .as("the window decides after a timeout")
        .isEqualTo(LossRecovery.WINDOW_DECIDES);
  }

  // TLP (RFC 8985 7)

  @Test
  void tlp7_2_ptoIsTwiceSrtt_afterNewData() {
    transmit(0, 0);
    transmit(0, 1);
    assertThat(bench.timerDeadline(LOSS_PROBE)).isEqualTo(ms(200));
  }

  @Test
  void tlp7_2_withOneSegmentInFlight_ptoAddsTheWorstCaseDelayedAck() {
    transmit(0, 0);
    assertThat(bench.timerDeadline(LOSS_PROBE)).isEqualTo(ms(400));
  }

  /**
   * The probe deadlines under {@code profile}'s slack: after two segments sent at 0 ms with SRTT 10
   * ms, then after a third sent at 5 ms with SRTT 0.
   */
  private List<Long> ptoDeadlinesWithSeveralInFlight(HostProfile profile) {
    bench.probeTimeoutSlack = profile.probeTimeoutSlack();
    bench.srtt = ms(10);
    transmit(0, 0);
    transmit(0, 1);
    long first = bench.timerDeadline(LOSS_PROBE);
    bench.srtt = 0;
    transmit(5, 2);
    return List.of(first, bench.timerDeadline(LOSS_PROBE));
  }

  @Test
  void tlp7_2_rfcProfile_withSeveralSegmentsInFlight_ptoIsExactlyTwiceSrtt_evenWhenSrttIsZero() {
    // RFC 8985 7.2: PTO = 2 SRTT; with SRTT 0 the probe is due at once.
    assertThat(ptoDeadlinesWithSeveralInFlight(HostProfile.RFC)).containsExactly(ms(20), ms(5));
  }

  @Test
  void tlp7_2_linuxProfile_withSeveralSegmentsInFlight_ptoIsTwiceSrttPlusTwoMs() {
    // Linux's tcp_schedule_loss_probe: 2 SRTT + TCP_TIMEOUT_MIN when more than one packet is out.
    assertThat(ptoDeadlinesWithSeveralInFlight(HostProfile.LINUX)).containsExactly(ms(22), ms(7));
  }

  @Test
  void tlp7_2_linuxProfile_withOneSegmentInFlight_ptoAddsTheWorstCaseDelayedAck_only() {
    // Linux adds TCP_RTO_MIN (200 ms) with one packet out: RFC 8985's WCDelAckT, no slack besides.
    bench.probeTimeoutSlack = HostProfile.LINUX.probeTimeoutSlack();
    bench.srtt = 0;
    transmit(0, 0);
    assertThat(bench.timerDeadline(LOSS_PROBE)).isEqualTo(ms(200));
  }

  @Test
  void tlp7_2_withoutSrtt_ptoIsOneSecond_andNeverLaterThanTheRto() {
    bench.srtt = -1;
    bench.rto = Time.seconds(3);
    transmit(0, 0);
    assertThat(bench.timerDeadline(LOSS_PROBE)).isEqualTo(ms(1000));
    bench.srtt = ms(100);
    bench.retransmitDeadline = ms(150);
    transmit(10, 1); // 2 SRTT would be 210 ms
    assertThat(bench.timerDeadline(LOSS_PROBE)).as("capped at the RTO's expiry").isEqualTo(ms(150));
  }

  @Test
  void tlp7_2_anAckOfNewData_restartsThePto_andOneThatSacks_stopsIt() {
    for (int k = 0; k < 3; k++) {
      transmit(0, k);
    }
    ack(100, 1001);
    assertThat(bench.timerDeadline(LOSS_PROBE)).as("2 SRTT from the ACK").isEqualTo(ms(300));
    ack(101, 1001, 2001, 3001);
    assertThat(bench.timerDeadline(LOSS_PROBE)).isEqualTo(TcpTimers.NEVER);
  }

  @Test
  void tlp7_2_aSackOfPartOfASegment_leavesThePtoRunning() {
    // fr-4pkt-fack-last-byte.pkt: a SACK of the last byte only SACKs no segment.
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    long pto = bench.timerDeadline(LOSS_PROBE);
    ack(100, 1, 4000, 4001);
    assertThat(bench.timerDeadline(LOSS_PROBE)).isEqualTo(pto);
  }

  @Test
  void
      tlp7_3_withWholeSegmentSacks_afterASackOfTheLastByteOnly_theProbeResendsAllOfTheLastSegment() {
    // fr-4pkt-fack-last-byte.pkt under Linux's tcp_match_skb_to_sack: SACK 4000:4001 marks
    // nothing, so the probe at 2 SRTT resends 3001:4001 whole, not the 999 bytes below the SACK.
    bench.scoreboard.sackWholeSegments(recovery.segmentEdges());
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    ack(100, 1, 4000, 4001);
    assertThat(bench.scoreboard.isEmpty()).isTrue();
    expire(200, LOSS_PROBE);
    assertThat(send()).isEqualTo("3001-4001 tlp");
  }

  @Test
  void tlp7_3_theProbeResendsTheLastSegment_whenNoNewDataMayGo_andRestartsTheRto() {
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    expire(200, LOSS_PROBE);
    assertThat(send()).isEqualTo("3001-4001 tlp");
    assertThat(recovery.tlpEndSeq()).isEqualTo(4001);
    assertThat(bench.requests).contains("restart RTO");
    assertThat(bench.retransmitDeadline).isEqualTo(ms(1200));
    assertThat(bench.timerDeadline(LOSS_PROBE))
        .as("the probe is no new data: no PTO")
        .isEqualTo(TcpTimers.NEVER);
  }

  @Test
  void tlp7_3_theProbeSendsNewData_whenTheWindowAllows() {
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    bench.newData = true;
    expire(200, LOSS_PROBE);
    assertThat(send()).isEqualTo("4001-5001");
    assertThat(recovery.tlpEndSeq()).isEqualTo(5001);
  }

  @Test
  void tlp7_3_noSecondProbe_whileOneIsInFlight() {
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    expire(200, LOSS_PROBE);
    send();
    bench.startTimer(LOSS_PROBE, ms(300));
    expire(300, LOSS_PROBE);
    assertThat(recovery.nextSegment()).isEqualTo(LossRecovery.WINDOW_DECIDES);
  }

  // Linux's CWR state (tcp_enter_cwr): the answer to an ECN echo

  @Test
  void ecnEcho_entersCwr_reducesByPrrWithoutResending_untilDataAboveSndMaxThenIsAcked() {
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    assertThat(recovery.onEcnEcho()).as("the recovery answers the echo itself").isTrue();
    ack(100, 1001);
    assertThat(recovery.inCongestionWindowReduction()).isTrue();
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.ssthresh()).as("FlightSize 4000 / 2").isEqualTo(2000);
    // RFC 6937: pipe 3000 > ssthresh: CEIL(1000 * 2000 / 4000) - 0 = 500, but with nothing sent
    // yet sndcnt is one SMSS (tcp_cwnd_reduction's forced retransmit); no growth on this ACK.
    assertThat(bench.window.cwnd()).isEqualTo(4000);
    assertThat(send()).as("nothing is marked lost, nothing resent").isEmpty();

    recovery.onEcnEcho();
    ack(200, 2001);
    assertThat(bench.window.reductions()).as("one reduction per window of data").isEqualTo(1);
    // pipe 2000 = ssthresh: MIN(ssthresh - pipe, ...) = 0, and still nothing sent: one SMSS.
    assertThat(bench.window.cwnd()).isEqualTo(3000);
    ack(300, 4001);
    assertThat(recovery.inCongestionWindowReduction())
        .as("held until something above high_seq is acknowledged")
        .isTrue();
    transmit(300, 4);
    ack(400, 5001);
    assertThat(recovery.inCongestionWindowReduction()).isFalse();
    assertThat(bench.window.cwnd())
        .as("tcp_end_cwnd_reduction: cwnd = ssthresh, then Reno's avoidance (1000 of 2000)")
        .isEqualTo(2000);
  }

  @Test
  void ecnEcho_thenALoss_recoveryGoesOnWithTheReductionUnderWay() {
    for (int k = 0; k < 6; k++) {
      transmit(k, k);
    }
    recovery.onEcnEcho();
    ack(100, 1001);
    assertThat(bench.window.ssthresh()).isEqualTo(3000);
    ack(101, 1001, 3001, 4001);
    ack(102, 1001, 3001, 5001);
    ack(105, 1001, 3001, 6001); // three SACKed: segment 1 is lost
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(recovery.inCongestionWindowReduction()).isFalse();
    assertThat(bench.window.reductions())
        .as("tcp_enter_recovery from CWR keeps ssthresh and PRR's counts")
        .isEqualTo(1);
    assertThat(bench.window.ssthresh()).isEqualTo(3000);
    assertThat(send()).isEqualTo("1001-2001");
  }

  @Test
  void tlp7_4_aProbeThatRepairedATailLoss_reducesTheWindow_whenAnAckGoesBeyondIt() {
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    ack(100, 3001); // segment 3 is lost
    expire(500, LOSS_PROBE); // one segment in flight: 2 SRTT + WCDelAckT after the ACK
    assertThat(send()).isEqualTo("3001-4001 tlp");
    ack(600, 4001);
    assertThat(recovery.tlpEndSeq()).as("ACK = TLP.end_seq: still in doubt").isEqualTo(4001);
    assertThat(bench.window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
    transmit(600, 4);
    ack(700, 5001);
    assertThat(recovery.tlpEndSeq()).isEqualTo(-1);
    assertThat(bench.window.ssthresh())
        .as("the loss counted: ssthresh from the flight")
        .isEqualTo(2 * SMSS);
    assertThat(bench.window.cwnd()).isEqualTo(2 * SMSS);
  }

  @Test
  void tlp7_4_aDsackOfTheProbe_meansNothingWasLost_andTheWindowStays() {
    for (int k = 0; k < 4; k++) {
      transmit(0, k);
    }
    expire(200, LOSS_PROBE);
    assertThat(send()).isEqualTo("3001-4001 tlp");
    ack(210, 4001); // the originals arrive
    ack(211, 4001, 3001, 4001); // then the probe, reported as a duplicate
    assertThat(recovery.tlpEndSeq()).isEqualTo(-1);
    assertThat(bench.window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
  }

  // Undo of a spurious reduction (Linux's tcp_try_undo_*; the linux profile's undoSpuriousRecovery)

  /**
   * Ten segments at 10 ms (TSval 10 when {@code timestamps}); at 20 ms 1001:4001 is SACKed, RACK
   * deems segment 0 lost and a recovery (ssthresh 5 SMSS) resends it (TSval 20). Segment 0 was only
   * late: its original is what the next ACK, of 4001 at 25 ms, acknowledges.
   */
  private void spuriousFastRetransmit(boolean undo, boolean timestamps) {
    bench.undoSpuriousRecovery = undo;
    recovery = new RackTlpRecovery(bench); // the profile's choice is read once, at the start
    bench.srtt = ms(10);
    bench.timestampClock = timestamps ? 10 : -1;
    for (int k = 0; k < 10; k++) {
      transmit(10, k);
    }
    ack(20, 1, 1001, 4001);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS);
    bench.timestampClock = timestamps ? 20 : -1;
    assertThat(send()).isEqualTo("1-1001");
  }

  @Test
  void undo_aDsackOfEveryRetransmission_endsTheRecoveryWithTheWindowRestored() {
    // Linux tcp_try_undo_dsack (RFC 3708): undo_retrans reaches 0, cwnd = max(cwnd, prior_cwnd)
    // and ssthresh = prior_ssthresh (infinite before the first loss), back to the Open state.
    spuriousFastRetransmit(true, false);
    ack(25, 4001); // without timestamps the partial ACK cannot tell original from resend
    assertThat(recovery.inRecovery()).isTrue();
    ack(30, 4001, 1, 1001); // the resend arrived too: a D-SACK below SND.UNA (RFC 2883 4)
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS);
    assertThat(bench.window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
  }

  @Test
  void undo_offForTheRfcProfile_aDsackLeavesTheRecoveryAsItIs() {
    spuriousFastRetransmit(false, false);
    ack(25, 4001);
    ack(30, 4001, 1, 1001);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS);
    assertThat(bench.window.cwnd()).isLessThan(10 * SMSS);
  }

  @Test
  void undo_aDsackAfterTheRecoveryEnded_stillRestoresTheWindow() {
    // tcp_try_undo_dsack in the Open state: undo_marker outlives the recovery.
    spuriousFastRetransmit(true, false);
    ack(25, 4001);
    ack(30, 10001); // RecoveryPoint reached: cwnd = ssthresh (tcp_end_cwnd_reduction)
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(5 * SMSS);
    ack(35, 10001, 1, 1001);
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS);
    assertThat(bench.window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
  }

  @Test
  void undo_eifel_aPartialAckEchoingTheOriginalsTimestamp_undoesTheRecovery() {
    // Linux tcp_try_undo_partial with tcp_packet_delayed (RFC 3522): TSecr 10 is older than the
    // first retransmission's TSval 20, so the original filled the hole; no resend is in flight.
    spuriousFastRetransmit(true, true);
    bench.echoedTimestamp = 10;
    ack(25, 4001);
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
    // cwnd back to 10 SMSS, then slow start's one SMSS for the ACK (RFC 5681 3.1)
    assertThat(bench.window.cwnd()).isEqualTo(11 * SMSS);
  }

  @Test
  void undo_eifel_aPartialAckEchoingTheResendsTimestamp_keepsTheRecovery() {
    spuriousFastRetransmit(true, true);
    bench.echoedTimestamp = 20;
    ack(25, 4001);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS);
  }

  /**
   * Two segments at 0 ms (TSval 100); the retransmission timer expires at 1 s and segment 0 goes
   * again (TSval 1100); at 1010 ms an ACK of both echoes {@code echoed}.
   */
  private void timeoutThenAckEchoing(long echoed) {
    bench.undoSpuriousRecovery = true;
    recovery = new RackTlpRecovery(bench);
    bench.timestampClock = 100;
    transmit(0, 0);
    transmit(0, 1);
    bench.now = ms(1000);
    bench.retries = 1;
    recovery.onTimeout();
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    assertThat(bench.window.ssthresh()).isEqualTo(2 * SMSS);
    bench.timestampClock = 1100;
    recovery.onTransmit(1, SMSS);
    bench.echoedTimestamp = echoed;
    ack(1010, 2001);
  }

  @Test
  void undo_eifel_anAckAfterATimeoutEchoingTheOriginal_undoesTheTimeout() {
    // Linux tcp_process_loss / tcp_try_undo_loss: the timeout was spurious; Open again with
    // cwnd = prior_cwnd (10 SMSS) and ssthresh infinite, then slow start's one SMSS.
    timeoutThenAckEchoing(100);
    assertThat(recovery.inTimeoutRecovery()).isFalse();
    assertThat(bench.window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
    assertThat(bench.window.cwnd()).isEqualTo(11 * SMSS);
  }

  @Test
  void undo_eifel_anAckAfterATimeoutEchoingTheResend_keepsTheReduction() {
    timeoutThenAckEchoing(1100);
    assertThat(bench.window.ssthresh()).isEqualTo(2 * SMSS);
    assertThat(bench.window.cwnd()).isEqualTo(2 * SMSS);
  }

  // RACK's loss detection walks the segments in send order (Linux's tcp_rack_detect_loss)

  @Test
  void rack6_2_aSegmentResentAfterRackXmitTs_isNotLost_untilOneSentAfterItIsDelivered() {
    for (int k = 0; k < 5; k++) {
      transmit(0, k);
    }
    ack(100, 1, 2001, 3001); // segment 2 delivered: RACK.xmit_ts = 0, 0 and 1 wait 125 ms
    expire(125, RACK_REORDER);
    assertThat(recovery.segments())
        .hasToString("[1-1001@0L 1001-2001@0L 2001-3001@0S 3001-4001@0 4001-5001@0]");
    assertThat(send()).isEqualTo("1-1001");
    // Segment 3, sent at 0, delivered: the resend at 125 ms was sent after it, so it waits.
    ack(150, 1, 2001, 4001);
    assertThat(recovery.segments())
        .hasToString("[1-1001@125000000R 1001-2001@0L 2001-3001@0S 3001-4001@0S 4001-5001@0]");
    assertThat(send()).isEmpty();
    // Segment 4, sent at 0 too: the walk in send order stops before the resend, which stays in
    // flight, 35 ms after it went out, although a segment above it is delivered.
    ack(160, 1, 2001, 5001);
    assertThat(recovery.segments())
        .hasToString("[1-1001@125000000R 1001-2001@0L 2001-3001@0S 3001-4001@0S 4001-5001@0S]");
    assertThat(recovery.pipe()).isEqualTo(SMSS);
  }
}
