package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.tcp.ProportionalRateReduction.Bound;
import org.junit.jupiter.api.Test;

/** RFC 6937 3's sndcnt rules, one ACK at a time; SMSS 1000, RecoverFS 20 segments. */
class ProportionalRateReductionTest {
  private static final long SMSS = 1000;

  @Test
  void pipeAboveSsthresh_sndcntIsCeilOfDeliveredTimesSsthreshOverRecoverFs_lessPrrOut() {
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.SLOW_START);
    prr.start(20_000);
    assertThat(prr.recoverFs()).isEqualTo(20_000);
    // CEIL(1000 * 10000 / 20000) - 0
    assertThat(prr.onAck(1000, 16_000, 10_000, SMSS)).isEqualTo(500);
    prr.sent(1000); // the fast retransmit
    // CEIL(2000 * 10000 / 20000) - 1000
    assertThat(prr.onAck(1000, 16_000, 10_000, SMSS)).isZero();
    // CEIL(3000 * 10000 / 20000) - 1000
    assertThat(prr.onAck(1000, 15_000, 10_000, SMSS)).isEqualTo(500);
    // CEIL(3001 * 10000 / 20000) - 1000: rounded up
    assertThat(prr.onAck(1, 15_000, 10_000, SMSS)).isEqualTo(501);
    assertThat(prr.prrDelivered()).isEqualTo(3001);
    assertThat(prr.prrOut()).isEqualTo(1000);
  }

  @Test
  void pipeAtOrBelowSsthresh_slowStartBound_sendsOneSmssMoreThanDelivered() {
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.SLOW_START);
    prr.start(20_000);
    // limit = MAX(1000 - 0, 1000) + 1000; sndcnt = MIN(10000 - 5000, limit)
    assertThat(prr.onAck(1000, 5000, 10_000, SMSS)).isEqualTo(2000);
    prr.sent(2000);
    // limit = MAX(3000 - 2000, 2000) + 1000 = 3000, but only ssthresh - pipe = 1500 is left
    assertThat(prr.onAck(2000, 8500, 10_000, SMSS)).isEqualTo(1500);
  }

  @Test
  void pipeAtOrBelowSsthresh_safeAckBound_addsTheSmssOnlyOnASafeAck() {
    // RFC 6937bis and Linux's tcp_cwnd_reduction: SACKs that do not move SND.UNA send what was
    // delivered (prr-ss-30pkt-lost1_4.pkt: one retransmission per SACK); a safe ACK one more.
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.SAFE_ACK);
    prr.start(10_000);
    assertThat(prr.onAck(1000, 3000, 7000, SMSS, false)).isEqualTo(1000);
    prr.sent(1000);
    assertThat(prr.onAck(1000, 3000, 7000, SMSS, false)).isEqualTo(1000);
    prr.sent(1000);
    // limit = MAX(3000 - 2000, 1000) + 1000
    assertThat(prr.onAck(1000, 3000, 7000, SMSS, true)).isEqualTo(2000);
  }

  @Test
  void pipeAtOrBelowSsthresh_retransmissionAckedBound_sendsWhatThisAckDelivered_unlessSafe() {
    // Linux 4.3 to 5.9's tcp_cwnd_reduction: min(delta, newly_acked_sacked), and PRR-SSRB's
    // limit only on an ACK of retransmitted data that shows no lost retransmission.
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.RETRANSMISSION_ACKED);
    prr.start(10_000);
    prr.sent(3000);
    // prr_delivered 1000 - prr_out 3000 is negative: DeliveredData alone, 1000
    assertThat(prr.onAck(1000, 3000, 7000, SMSS, false)).isEqualTo(1000);
    // prr_delivered 5000 - prr_out 3000 = 2000 > DeliveredData 1000: still 1000 when not safe
    assertThat(prr.onAck(4000, 3000, 7000, SMSS, false)).isEqualTo(4000);
    assertThat(prr.onAck(1000, 3000, 7000, SMSS, false)).isEqualTo(1000);
    // safe: MAX(6000 - 3000, 1000) + 1000, within ssthresh - pipe = 4000
    assertThat(prr.onAck(1000, 3000, 7000, SMSS, true)).isEqualTo(4000);
  }

  @Test
  void linuxBounds_withNothingSentYet_sndcntIsAtLeastOneSmss_thenTheProportionRules() {
    // RFC 9937 4 and Linux's tcp_cwnd_reduction: "Force a fast retransmit upon entering fast
    // recovery". CEIL(1000 * 10000 / 20000) - 0 = 500 is raised to one SMSS while prr_out is 0.
    for (Bound bound : new Bound[] {Bound.SAFE_ACK, Bound.RETRANSMISSION_ACKED}) {
      ProportionalRateReduction prr = new ProportionalRateReduction(bound);
      prr.start(20_000);
      assertThat(prr.onAck(1000, 16_000, 10_000, SMSS, false)).as("%s", bound).isEqualTo(1000);
      prr.sent(1000);
      // CEIL(2000 * 10000 / 20000) - 1000: nothing, now that a segment went out
      assertThat(prr.onAck(1000, 16_000, 10_000, SMSS, false)).as("%s", bound).isZero();
    }
  }

  @Test
  void rfc6937Bounds_haveNoFloor_theirFirstRetransmissionIsRfc6675s() {
    for (Bound bound : new Bound[] {Bound.SLOW_START, Bound.CONSERVATIVE}) {
      ProportionalRateReduction prr = new ProportionalRateReduction(bound);
      prr.start(20_000);
      assertThat(prr.onAck(1000, 16_000, 10_000, SMSS)).as("%s", bound).isEqualTo(500);
    }
  }

  @Test
  void pipeAtOrBelowSsthresh_conservativeBound_sendsNoMoreThanDelivered() {
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.CONSERVATIVE);
    prr.start(20_000);
    // limit = 1000 - 0; sndcnt = MIN(10000 - 5000, limit)
    assertThat(prr.onAck(1000, 5000, 10_000, SMSS)).isEqualTo(1000);
    prr.sent(1000);
    assertThat(prr.onAck(2000, 6000, 10_000, SMSS)).isEqualTo(2000);
  }

  @Test
  void sndcntIsNeverNegative_whenMoreWasSentThanTheProportionAllows() {
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.SLOW_START);
    prr.start(20_000);
    prr.sent(3000);
    assertThat(prr.onAck(1000, 16_000, 10_000, SMSS)).isZero();
    assertThat(prr.onAck(1000, 5000, 10_000, SMSS))
        .as("SSRB: the + MSS still applies")
        .isEqualTo(2000);
  }

  @Test
  void start_resetsTheCounters() {
    ProportionalRateReduction prr = new ProportionalRateReduction(Bound.SLOW_START);
    prr.start(20_000);
    prr.onAck(1000, 16_000, 10_000, SMSS);
    prr.sent(1000);
    prr.start(8000);
    assertThat(prr.prrDelivered()).isZero();
    assertThat(prr.prrOut()).isZero();
    assertThat(prr.recoverFs()).isEqualTo(8000);
  }
}
