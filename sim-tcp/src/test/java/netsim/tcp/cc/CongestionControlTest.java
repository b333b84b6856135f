package netsim.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

class CongestionControlTest {
  private static final long MSS = 1000;

  @Test
  void reno_congestionAvoidance_addsOneSegmentPerWindowAcknowledged() {
    Reno reno = new Reno(true, MSS, 10 * MSS);
    reno.onTimeout(0, 20 * MSS); // ssthresh = 10 segments, cwnd = 1
    for (int i = 0; i < 9; i++) {
      reno.onAck(0, MSS, -1); // slow start up to ssthresh
    }
    assertThat(reno.cwnd()).isEqualTo(10 * MSS);
    assertThat(reno.inSlowStart()).isFalse();
    for (int i = 0; i < 9; i++) {
      reno.onAck(0, MSS, -1);
    }
    assertThat(reno.cwnd()).isEqualTo(10 * MSS);
    reno.onAck(0, MSS, -1);
    assertThat(reno.cwnd()).isEqualTo(11 * MSS);
  }

  @Test
  void reno_fastRetransmit_halvesTheFlight_andAddsThreeSegments() {
    Reno reno = new Reno(true, MSS, 10 * MSS);
    reno.onFastRetransmit(0, 16 * MSS);
    assertThat(reno.ssthresh()).isEqualTo(8 * MSS);
    assertThat(reno.cwnd()).isEqualTo(11 * MSS);
  }

  @Test
  void cubic_lossMultipliesTheWindowByBeta() {
    Cubic cubic = new Cubic(MSS, 100 * MSS);
    cubic.onFastRetransmit(0, 100 * MSS);
    assertThat(cubic.ssthresh()).isEqualTo(70 * MSS);
    assertThat(cubic.cwnd()).isEqualTo(73 * MSS);
  }

  @Test
  void cubic_growsBackToWmaxAfterK_thenBeyondIt() {
    // RFC 9438: after a loss at W_max = 100 segments, K = cbrt(100 * 0.3 / 0.4) ~ 4.22 s; the
    // window is near W_max at K and grows past it afterwards (the convex region).
    Cubic cubic = new Cubic(MSS, 100 * MSS);
    cubic.onTimeout(0, 100 * MSS);
    cubic.setCwnd(70 * MSS);
    long rtt = Time.millis(100);
    long now = 0;
    long atK = 0;
    for (int round = 0; round < 80; round++) {
      now += rtt;
      long window = cubic.cwnd();
      for (long acked = 0; acked < window; acked += MSS) {
        cubic.onAck(now, MSS, rtt);
      }
      if (now == Time.millis(4200)) {
        atK = cubic.cwnd();
      }
    }
    assertThat(atK).isBetween(95 * MSS, 105 * MSS);
    assertThat(cubic.cwnd()).isGreaterThan(110 * MSS);
  }

  @Test
  void registry_makesEachByName_andRefusesUnknownNames() {
    assertThat(CongestionControls.create("reno", MSS, MSS).name()).isEqualTo("reno");
    assertThat(CongestionControls.create("newreno", MSS, MSS).newRenoRecovery()).isTrue();
    assertThat(CongestionControls.create("cubic", MSS, MSS).name()).isEqualTo("cubic");
    assertThatThrownBy(() -> CongestionControls.create("bbr", MSS, MSS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown congestion control 'bbr' (known: reno, newreno, cubic)");
  }
}
