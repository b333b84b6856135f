package netsim.tcp;

import static netsim.tcp.RecoveryBench.SMSS;
import static org.assertj.core.api.Assertions.assertThat;

import netsim.tcp.LossRecovery.AckOutcome;
import org.junit.jupiter.api.Test;

/** RFC 6582 NewReno fast recovery, driven by exact ACK sequences. */
class NewRenoRecoveryTest {
  private final RecoveryBench bench = new RecoveryBench(10 * SMSS, 10);
  private final NewRenoRecovery recovery = new NewRenoRecovery(bench);

  @Test
  void quiet_endsWithADuplicateAck_andReturnsWithTheFullAck() {
    assertThat(bench.quiet).isTrue();
    bench.duplicates(recovery, 3);
    assertThat(bench.quiet).isFalse();
    bench.ack(recovery, 1 + 3 * SMSS); // partial: still in recovery
    assertThat(bench.quiet).isFalse();
    bench.ack(recovery, 1 + 10 * SMSS); // full
    assertThat(bench.quiet).isTrue();
  }

  @Test
  void timeoutAfterAPartialAck_staysLoud_untilAnAckOutsideRecoveryForgetsTheTimerRestart() {
    bench.duplicates(recovery, 3);
    bench.ack(recovery, 1 + SMSS); // the first partial ACK restarted the timer
    recovery.onTimeout();
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.quiet).isFalse(); // the next ACK outside recovery still has to reset it
    bench.sndMax += 10 * SMSS;
    bench.ack(recovery, 1 + 10 * SMSS); // reaches "recover", data still in flight
    assertThat(bench.quiet).isTrue();
    bench.duplicates(recovery, 3);
    assertThat(bench.ack(recovery, 1 + 11 * SMSS)).isEqualTo(AckOutcome.PARTIAL_RESTART_TIMER);
  }

  @Test
  void ackOfEverything_afterAPartialAckAndATimeout_keepsTheTimerRestart_soStaysLoud() {
    bench.duplicates(recovery, 3);
    bench.ack(recovery, 1 + SMSS);
    recovery.onTimeout();
    bench.ack(recovery, 1 + 10 * SMSS); // SND.UNA = SND.MAX: the flag is kept (RFC 6582 3.2)
    assertThat(bench.quiet).isFalse();
  }

  @Test
  void threeDuplicateAcks_enterRecovery_cwndIsSsthreshPlus3Smss() {
    bench.duplicates(recovery, 3);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS);
    assertThat(bench.window.cwnd()).isEqualTo(8 * SMSS);
    assertThat(bench.requests).containsExactly("stop RTT timing", "retransmit fast at 1");
  }

  @Test
  void partialAck_retransmitsFirstUnacked_deflatesByAcked_restartsTimerOnce() {
    bench.duplicates(recovery, 5); // cwnd 8 + 2 SMSS
    bench.requests.clear();

    AckOutcome first = bench.ack(recovery, 1 + 3 * SMSS);
    assertThat(first).isEqualTo(AckOutcome.PARTIAL_RESTART_TIMER);
    assertThat(bench.requests).containsExactly("retransmit fast at 3001");
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS - 3 * SMSS + SMSS);

    AckOutcome second = bench.ack(recovery, 1 + 3 * SMSS + 500);
    assertThat(second).isEqualTo(AckOutcome.PARTIAL_KEEP_TIMER);
    assertThat(bench.window.cwnd()).isEqualTo(8 * SMSS - 500); // under one SMSS: nothing back
    assertThat(recovery.inRecovery()).isTrue();
  }

  @Test
  void fullAck_exitsWith_minSsthreshFlightPlusSmss() {
    bench.duplicates(recovery, 3);
    bench.sndMax += 4 * SMSS; // sent during recovery, beyond "recover"
    AckOutcome outcome = bench.ack(recovery, 1 + 10 * SMSS);
    assertThat(outcome).isEqualTo(AckOutcome.FULL);
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(5 * SMSS); // min(ssthresh 5, flight 4 + 1)

    bench.duplicates(recovery, 3); // a new loss after the full ACK starts a new recovery
    assertThat(recovery.inRecovery()).isTrue();
  }

  @Test
  void fullAck_withLittleInFlight_exitsWithFlightPlusOneSmss() {
    bench.duplicates(recovery, 3);
    bench.ack(recovery, 1 + 10 * SMSS); // nothing left in flight: max(0, SMSS) + SMSS
    assertThat(bench.window.cwnd()).isEqualTo(2 * SMSS);
  }

  @Test
  void afterAFullAck_theFirstPartialAckOfTheNextRecovery_restartsTheTimerAgain() {
    bench.duplicates(recovery, 3);
    assertThat(bench.ack(recovery, 1 + SMSS)).isEqualTo(AckOutcome.PARTIAL_RESTART_TIMER);
    bench.sndMax += 10 * SMSS;
    assertThat(bench.ack(recovery, 1 + 10 * SMSS)).isEqualTo(AckOutcome.FULL);
    bench.duplicates(recovery, 3);
    assertThat(bench.ack(recovery, 1 + 11 * SMSS)).isEqualTo(AckOutcome.PARTIAL_RESTART_TIMER);
  }

  @Test
  void duplicateAcksBelowRecover_startNoNewRecovery() {
    bench.duplicates(recovery, 3);
    recovery.onTimeout(); // recover = SND.MAX = 10001
    bench.ack(recovery, 1 + SMSS);
    bench.duplicates(recovery, 3);
    assertThat(recovery.inRecovery()).isFalse(); // RFC 6582 3.2 step 2
    bench.sndMax += 5 * SMSS;
    bench.ack(recovery, 1 + 10 * SMSS);
    bench.duplicates(recovery, 3);
    assertThat(recovery.inRecovery()).isTrue();
  }
}
