package netsim.tcp;

import static netsim.tcp.RecoveryBench.SMSS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.tcp.LossRecovery.AckOutcome;
import netsim.tcp.ProportionalRateReduction.Bound;
import org.junit.jupiter.api.Test;

/**
 * RFC 6675 recovery with RFC 6937's Proportional Rate Reduction, driven by exact ACKs: ISS 0,
 * twenty segments of 1000 bytes in flight from position 1 (segment k at 1 + 1000 k), cwnd 20 SMSS,
 * so ssthresh becomes 10 SMSS (RFC 6937 3.1's examples, without Limited Transmit, which netsim does
 * not model).
 */
class PrrRecoveryTest {
  private final RecoveryBench bench = new RecoveryBench(20 * SMSS, 20);

  private ProportionalRateReduction prr = new ProportionalRateReduction(Bound.SLOW_START);
  private SackRecovery recovery = new SackRecovery(bench, prr);

  private void use(Bound bound) {
    prr = new ProportionalRateReduction(bound);
    recovery = new SackRecovery(bench, prr);
  }

  @Test
  void oneLoss_pipeFallsByHalfASegmentPerAck_thenHoldsAtSsthresh_andRecoveryEndsAtSsthresh() {
    bench.newData = true;
    bench.sackAck(recovery, 1001, 2001);
    bench.sackAck(recovery, 1001, 3001);
    List<String> sent = new ArrayList<>();
    for (int k = 3; k <= 19; k++) {
      bench.sackAck(recovery, 1001, 1001 + k * SMSS);
      sent.add(bench.send(recovery));
    }
    assertThat(bench.window.ssthresh()).isEqualTo(10 * SMSS);
    assertThat(prr.recoverFs()).isEqualTo(20 * SMSS);
    assertThat(sent)
        .as(
            "ACKs 3 to 19: the fast retransmit, then one new segment per two ACKs while pipe >"
                + " ssthresh, none at pipe = ssthresh, then one per ACK (PRR-SSRB)")
        .containsExactly(
            "1-1001",
            "",
            "",
            "20001-21001",
            "",
            "21001-22001",
            "",
            "22001-23001",
            "",
            "23001-24001",
            "",
            "",
            "24001-25001",
            "25001-26001",
            "26001-27001",
            "27001-28001",
            "28001-29001");
    assertThat(prr.prrDelivered()).isEqualTo(17 * SMSS);
    assertThat(prr.prrOut()).isEqualTo(10 * SMSS);
    assertThat(recovery.pipe()).isEqualTo(10 * SMSS);

    assertThat(bench.cumulativeAck(recovery, 20_001)).isEqualTo(AckOutcome.FULL);
    assertThat(bench.window.cwnd()).as("RFC 6937: cwnd = ssthresh at the end").isEqualTo(10 * SMSS);
  }

  @Test
  void burstLoss_pipeBelowSsthresh_slowStartBound_sendsTwoSegmentsPerSegmentDelivered() {
    bench.sackAck(recovery, 12_001, 13_001);
    bench.sackAck(recovery, 12_001, 14_001);
    bench.sackAck(
        recovery, 12_001, 15_001); // segments 0-11 lost; pipe 5 SMSS, below ssthresh 10 SMSS
    assertThat(bench.send(recovery))
        .as("sndcnt 2000: the fast retransmit and the next lost hole")
        .isEqualTo("1-1001 1001-2001");
    assertThat(bench.window.cwnd()).isEqualTo(7000);
    bench.sackAck(recovery, 12_001, 16_001);
    assertThat(bench.send(recovery)).isEqualTo("2001-3001 3001-4001");
  }

  @Test
  void burstLoss_pipeBelowSsthresh_conservativeBound_sendsOneSegmentPerSegmentDelivered() {
    use(Bound.CONSERVATIVE);
    bench.sackAck(recovery, 12_001, 13_001);
    bench.sackAck(recovery, 12_001, 14_001);
    bench.sackAck(recovery, 12_001, 15_001);
    assertThat(bench.send(recovery)).isEqualTo("1-1001");
    assertThat(bench.window.cwnd()).isEqualTo(6000);
    bench.sackAck(recovery, 12_001, 16_001);
    assertThat(bench.send(recovery)).isEqualTo("1001-2001");
  }

  @Test
  void deliveredData_isTheChangeInSndUnaPlusTheChangeInSacked_countingEachByteOnce() {
    bench.sackAck(
        recovery, 1001, 5001); // one ACK SACKs four segments (the ACKs before it were lost)
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(prr.prrDelivered()).isEqualTo(4000);
    bench.send(recovery);
    // SND.UNA moves 5000 over the four SACKed segments; segments 6 and 7 are SACKed anew.
    assertThat(bench.cumulativeAck(recovery, 5001, 6001, 8001))
        .isEqualTo(AckOutcome.PARTIAL_RESTART_TIMER);
    assertThat(prr.prrDelivered()).as("4000 + (5000 - 2000)").isEqualTo(7000);
  }

  @Test
  void aTimeout_duringPrrRecovery_collapsesTheWindow_andTheNextRecoveryStartsAfresh() {
    bench.sackAck(recovery, 1001, 5001);
    bench.send(recovery);
    recovery.onTimeout();
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    bench.sndUna = 20_001;
    bench.sndMax = 30_001;
    recovery.onNewAck(0);
    bench.sackAck(recovery, 21_001, 25_001);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(prr.recoverFs()).isEqualTo(10 * SMSS);
    assertThat(prr.prrOut()).isZero();
  }
}
