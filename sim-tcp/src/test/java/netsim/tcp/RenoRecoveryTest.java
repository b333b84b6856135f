package netsim.tcp;

import static netsim.tcp.RecoveryBench.SMSS;
import static org.assertj.core.api.Assertions.assertThat;

import netsim.tcp.LossRecovery.AckOutcome;
import org.junit.jupiter.api.Test;

/** RFC 5681 3.2 fast retransmit and fast recovery, driven by exact ACK sequences. */
class RenoRecoveryTest {
  private final RecoveryBench bench = new RecoveryBench(10 * SMSS, 10);
  private final RenoRecovery recovery = new RenoRecovery(bench);

  @Test
  void quiet_fromTheStart_untilADuplicateAck_andAgainAfterTheAckThatEndsRecovery() {
    assertThat(bench.quiet).isTrue(); // nothing counted: the connection grows the window alone
    bench.duplicates(recovery, 1);
    assertThat(bench.quiet).isFalse(); // the next new ACK must reset the count
    bench.ack(recovery, 1 + SMSS);
    assertThat(bench.quiet).isTrue();
    bench.duplicates(recovery, 3);
    assertThat(bench.quiet).isFalse();
    bench.ack(recovery, 1 + 2 * SMSS); // ends recovery (Reno: any new ACK)
    assertThat(bench.quiet).isTrue();
  }

  @Test
  void timeout_inRecovery_leavesItQuiet() {
    bench.duplicates(recovery, 4);
    recovery.onTimeout();
    assertThat(bench.quiet).isTrue();
  }

  @Test
  void quietAck_growsTheWindowAsTheRecoveryWould() {
    RecoveryBench direct = new RecoveryBench(10 * SMSS, 10);
    new RenoRecovery(direct);
    bench.ack(recovery, 1 + SMSS);
    direct.sndUna = 1 + SMSS;
    LossRecovery.growWindow(direct, SMSS);
    assertThat(direct.window.cwnd()).isEqualTo(bench.window.cwnd()).isEqualTo(11 * SMSS);
  }

  @Test
  void twoDuplicateAcks_changeNothing() {
    bench.duplicates(recovery, 2);
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS);
    assertThat(bench.requests).isEmpty();
  }

  @Test
  void threeDuplicateAcks_enterRecovery_cwndIsSsthreshPlus3Smss() {
    bench.duplicates(recovery, 3);
    assertThat(recovery.inRecovery()).isTrue();
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS); // FlightSize / 2
    assertThat(bench.window.cwnd()).isEqualTo(8 * SMSS);
    assertThat(bench.requests).containsExactly("stop RTT timing", "retransmit fast at 1");
  }

  @Test
  void furtherDuplicateAcks_inflateByOneSmssEach() {
    bench.duplicates(recovery, 5);
    assertThat(bench.window.cwnd()).isEqualTo(10 * SMSS);
    assertThat(bench.requests).hasSize(2); // one retransmission only
  }

  @Test
  void firstNewAck_endsRecovery_evenAPartialOne_cwndIsSsthresh() {
    bench.duplicates(recovery, 4);
    AckOutcome outcome = bench.ack(recovery, 1 + 2 * SMSS);
    assertThat(outcome).isEqualTo(AckOutcome.FULL);
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(5 * SMSS);
    assertThat(bench.requests).hasSize(2);
  }

  @Test
  void newAckOutsideRecovery_growsTheWindow_andResetsTheDuplicateCount() {
    bench.duplicates(recovery, 2);
    assertThat(bench.ack(recovery, 1 + SMSS)).isEqualTo(AckOutcome.NOT_IN_RECOVERY);
    assertThat(bench.window.cwnd()).isEqualTo(11 * SMSS); // slow start: + min(acked, SMSS)
    bench.duplicates(recovery, 2);
    assertThat(recovery.inRecovery()).isFalse();
  }

  @Test
  void timeout_endsRecovery_andCollapsesToTheLossWindow() {
    bench.duplicates(recovery, 3);
    recovery.onTimeout();
    assertThat(recovery.inRecovery()).isFalse();
    assertThat(bench.window.cwnd()).isEqualTo(SMSS);
    assertThat(bench.window.ssthresh()).isEqualTo(5 * SMSS);
    bench.duplicates(recovery, 2); // the count starts again
    assertThat(recovery.inRecovery()).isFalse();
  }
}
