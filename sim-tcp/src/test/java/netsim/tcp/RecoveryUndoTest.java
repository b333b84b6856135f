package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.tcp.cc.CongestionWindow;
import org.junit.jupiter.api.Test;

/** Linux's undo bookkeeping (tcp_input.c), one rule at a time; SMSS 1000. */
class RecoveryUndoTest {
  private final CongestionWindow window = new CongestionWindow(1000, 10_000);
  private final RecoveryUndo undo = new RecoveryUndo();

  @Test
  void begin_remembersThreeQuartersOfCwndInWholeSegments_whenSsthreshIsLower() {
    // tcp_current_ssthresh: max(ssthresh, (cwnd >> 1) + (cwnd >> 2)) in segments: 11 -> 5 + 2.
    window.setSsthresh(4000);
    window.setCwnd(11_000);
    undo.begin(window, false, false, 1, 0);
    assertThat(undo.priorSsthresh()).isEqualTo(7000);
    assertThat(undo.priorCwnd()).isEqualTo(11_000);
  }

  @Test
  void begin_duringAReduction_remembersSsthreshAsItIs() {
    window.setSsthresh(4000);
    undo.begin(window, true, false, 1, 0);
    assertThat(undo.priorSsthresh()).isEqualTo(4000);
  }

  @Test
  void begin_onAnEcnEcho_remembersNothingToRestore() {
    // tcp_enter_recovery: "if (!ece_ack) tp->prior_ssthresh = tcp_current_ssthresh(sk)".
    window.setSsthresh(4000);
    undo.begin(window, false, true, 1, 0);
    assertThat(undo.priorSsthresh()).isZero();
    window.setCwnd(2000);
    undo.undo(window);
    assertThat(window.cwnd()).isEqualTo(2000);
    assertThat(window.ssthresh()).isEqualTo(4000);
  }

  @Test
  void mark_withNoRetransmissionInFlight_waitsForOne_beforeDsacksCanUndo() {
    // tcp_init_undo: undo_retrans 0 would mean "undo now", so -1 until a retransmission.
    undo.mark(1, 0);
    assertThat(undo.allRetransmissionsDuplicated()).isFalse();
    undo.resent(1, -1);
    assertThat(undo.retransmissions()).isEqualTo(1);
    undo.retransmissionsDuplicated(1001, 1);
    assertThat(undo.allRetransmissionsDuplicated()).isTrue();
  }

  @Test
  void retransmissionsDuplicated_atOrBelowTheMarker_countNothing() {
    undo.mark(5001, 2);
    undo.retransmissionsDuplicated(5001, 1);
    assertThat(undo.retransmissions()).isEqualTo(2);
  }

  @Test
  void duplicatesReported_beyondWhatWasEverResent_isDubious() {
    // tcp_dsack_seen: dsack_dups > total_retrans, "Skip the DSACK if dup segs weren't
    // retransmitted by sender"; a tail loss probe counts in total_retrans.
    undo.probed(1);
    assertThat(undo.duplicatesReported(1)).isTrue();
    assertThat(undo.duplicatesReported(1)).isFalse();
  }

  @Test
  void packetDelayed_comparesTimestampsAsSerialNumbers() {
    // tcp_packet_delayed: before(rcv_tsecr, retrans_stamp), a TSecr of 0 is no echo.
    undo.mark(1, 0);
    assertThat(undo.packetDelayed(7)).as("nothing retransmitted").isTrue();
    undo.resent(1, 0xFFFF_FFF0L);
    assertThat(undo.packetDelayed(0xFFFF_FF00L)).isTrue();
    assertThat(undo.packetDelayed(5)).as("after the wrap: later").isFalse();
    assertThat(undo.packetDelayed(0)).isFalse();
    undo.resent(1, 0xFFFF_FFF8L);
    assertThat(undo.packetDelayed(0xFFFF_FFF4L)).as("the first resend's stamp counts").isFalse();
  }

  @Test
  void undo_restoresTheLargerCwnd_andSsthresh_andIsSpent() {
    window.setSsthresh(8000);
    window.setCwnd(10_000);
    undo.begin(window, false, false, 1, 0);
    window.setSsthresh(5000);
    window.setCwnd(3000);
    long reductions = window.reductions();
    assertThat(undo.mayUndo(0)).as("no retransmission yet: tcp_packet_delayed").isTrue();
    undo.undo(window);
    assertThat(window.cwnd()).isEqualTo(10_000);
    assertThat(window.ssthresh()).isEqualTo(8000);
    assertThat(window.reductions()).as("an undo is no reduction").isEqualTo(reductions);
    assertThat(undo.pending()).isFalse();
    assertThat(undo.mayUndo(0)).isFalse();
  }
}
