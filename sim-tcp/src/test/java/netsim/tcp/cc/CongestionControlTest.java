package netsim.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

class CongestionControlTest {
  private static final long MSS = 1000;

  @Test
  void reno_congestionAvoidance_addsOneSegmentPerWindowAcknowledged() {
    Reno reno = Reno.INSTANCE;
    CongestionWindow window = new CongestionWindow(MSS, 10 * MSS);
    reno.onTimeout(window, 0, 20 * MSS); // ssthresh = 10 segments, cwnd = 1
    for (int i = 0; i < 9; i++) {
      reno.onAck(window, 0, MSS, -1); // slow start up to ssthresh
    }
    assertThat(window.cwnd()).isEqualTo(10 * MSS);
    assertThat(window.inSlowStart()).isFalse();
    for (int i = 0; i < 9; i++) {
      reno.onAck(window, 0, MSS, -1);
    }
    assertThat(window.cwnd()).isEqualTo(10 * MSS);
    reno.onAck(window, 0, MSS, -1);
    assertThat(window.cwnd()).isEqualTo(11 * MSS);
  }

  @Test
  void reno_sharedByTwoConnections_countsEachWindowsAvoidanceApart() {
    CongestionWindow first = new CongestionWindow(MSS, 4 * MSS);
    CongestionWindow second = new CongestionWindow(MSS, 4 * MSS);
    Reno.INSTANCE.onLoss(first, 0, 8 * MSS); // ssthresh 4 segments: both in avoidance
    Reno.INSTANCE.onLoss(second, 0, 8 * MSS);
    for (int i = 0; i < 3; i++) {
      Reno.INSTANCE.onAck(first, 0, MSS, -1);
    }
    Reno.INSTANCE.onAck(second, 0, MSS, -1);
    assertThat(first.cwnd()).isEqualTo(4 * MSS);
    assertThat(second.cwnd()).isEqualTo(4 * MSS);
    Reno.INSTANCE.onAck(first, 0, MSS, -1); // the first window's fourth segment: one cwnd
    assertThat(first.cwnd()).isEqualTo(5 * MSS);
    assertThat(second.cwnd()).isEqualTo(4 * MSS); // one segment of four
  }

  @Test
  void reno_loss_restartsTheAvoidanceCount() {
    CongestionWindow window = new CongestionWindow(MSS, 4 * MSS);
    Reno.INSTANCE.onLoss(window, 0, 8 * MSS); // ssthresh 4 segments
    for (int i = 0; i < 3; i++) {
      Reno.INSTANCE.onAck(window, 0, MSS, -1); // three of the four segments counted
    }
    Reno.INSTANCE.onLoss(window, 0, 8 * MSS); // the count starts over
    for (int i = 0; i < 3; i++) {
      Reno.INSTANCE.onAck(window, 0, MSS, -1);
    }
    assertThat(window.cwnd()).isEqualTo(4 * MSS);
    Reno.INSTANCE.onAck(window, 0, MSS, -1);
    assertThat(window.cwnd()).isEqualTo(5 * MSS);
  }

  @Test
  void reno_loss_halvesTheFlight_andLeavesCwndToRecovery() {
    Reno reno = Reno.INSTANCE;
    CongestionWindow window = new CongestionWindow(MSS, 10 * MSS);
    reno.onLoss(window, 0, 16 * MSS);
    assertThat(window.ssthresh()).isEqualTo(8 * MSS);
    assertThat(window.cwnd()).isEqualTo(10 * MSS);
  }

  @Test
  void reno_timeout_setsSsthreshFromTheFlight_andCollapsesToOneSegment() {
    Reno reno = Reno.INSTANCE;
    CongestionWindow window = new CongestionWindow(MSS, 10 * MSS);
    reno.onTimeout(window, 0, 3 * MSS);
    assertThat(window.ssthresh()).isEqualTo(2 * MSS); // never below 2 SMSS
    assertThat(window.cwnd()).isEqualTo(MSS);
  }

  @Test
  void cubic_lossMultipliesTheWindowByBeta() {
    Cubic cubic = new Cubic();
    CongestionWindow window = new CongestionWindow(MSS, 100 * MSS);
    cubic.onLoss(window, 0, 100 * MSS);
    assertThat(window.ssthresh()).isEqualTo(70 * MSS);
    assertThat(window.cwnd()).isEqualTo(100 * MSS);
  }

  @Test
  void window_recoveryWrites_neverGoBelowOneSegment() {
    CongestionWindow window = new CongestionWindow(MSS, 10 * MSS);
    window.recoverTo(MSS / 2);
    assertThat(window.cwnd()).isEqualTo(MSS);
    window.recoverTo(7 * MSS);
    assertThat(window.cwnd()).isEqualTo(7 * MSS);
    assertThat(window.ssthresh()).isEqualTo(CongestionWindow.UNSET);
    assertThat(window.inSlowStart()).isTrue();
  }

  @Test
  void cubic_growsBackToWmaxAfterK_thenBeyondIt() {
    // RFC 9438: after a loss at W_max = 100 segments, K = cbrt(100 * 0.3 / 0.4) ~ 4.22 s; the
    // window is near W_max at K and grows past it afterwards (the convex region).
    Cubic cubic = new Cubic();
    CongestionWindow window = new CongestionWindow(MSS, 100 * MSS);
    cubic.onTimeout(window, 0, 100 * MSS);
    window.recoverTo(70 * MSS);
    long rtt = Time.millis(100);
    long now = 0;
    long atK = 0;
    for (int round = 0; round < 80; round++) {
      now += rtt;
      long cwnd = window.cwnd();
      for (long acked = 0; acked < cwnd; acked += MSS) {
        cubic.onAck(window, now, MSS, rtt);
      }
      if (now == Time.millis(4200)) {
        atK = window.cwnd();
      }
    }
    assertThat(atK).isBetween(95 * MSS, 105 * MSS);
    assertThat(window.cwnd()).isGreaterThan(110 * MSS);
  }
}
