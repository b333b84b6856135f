package netsim.tcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link CongestionWindow}'s own rules. */
class CongestionWindowTest {
  private static final long MSS = 1000;
  private static final long RTO = 300;

  private static CongestionWindow window(long cwndSegments, long ssthreshSegments) {
    CongestionWindow window = new CongestionWindow(MSS, cwndSegments * MSS);
    window.setSsthresh(ssthreshSegments * MSS);
    return window;
  }

  @Test
  void restartAfterIdle_raisesSsthreshToThreeQuartersOfCwnd_andHalvesCwndPerRto() {
    // RFC 2861 3 / Linux tcp_cwnd_restart: 1000 idle with an RTO of 300 halves twice (700 and
    // 400 left, then 100 stops at the third), 40 -> 20 -> 10 -> 5; ssthresh max(20, 30).
    CongestionWindow w = window(40, 20);
    w.restartAfterIdle(1000, RTO, 4 * MSS, false);
    assertThat(w.cwnd()).isEqualTo(5 * MSS);
    assertThat(w.ssthresh()).isEqualTo(30 * MSS);
  }

  @Test
  void restartAfterIdle_neverGoesBelowTheInitialWindow() {
    CongestionWindow w = window(36, 100);
    w.restartAfterIdle(2100, RTO, 10 * MSS, false);
    assertThat(w.cwnd()).isEqualTo(10 * MSS);
    assertThat(w.ssthresh()).isEqualTo(100 * MSS);
  }

  @Test
  void restartAfterIdle_withCwndBelowTheInitialWindow_keepsCwnd() {
    // The restart window is min(initial window, cwnd).
    CongestionWindow w = window(4, 2);
    w.restartAfterIdle(5000, RTO, 10 * MSS, false);
    assertThat(w.cwnd()).isEqualTo(4 * MSS);
    assertThat(w.ssthresh()).isEqualTo(3 * MSS);
  }

  @Test
  void restartAfterIdle_inAReduction_leavesSsthresh_andIsNoReduction() {
    CongestionWindow w = window(40, 20);
    long reductions = w.reductions();
    w.restartAfterIdle(1000, RTO, 4 * MSS, true);
    assertThat(w.ssthresh()).isEqualTo(20 * MSS);
    assertThat(w.reductions()).isEqualTo(reductions);
  }
}
