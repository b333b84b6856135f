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

  @Test
  void start_ofAUsedWindow_leavesItAsANewOneOfTheNewSmss() {
    // A connection makes its window with its other parts and starts it at the handshake: a start
    // forgets everything before it, as a new window would.
    CongestionWindow w = new CongestionWindow(true);
    w.start(MSS, 10 * MSS);
    w.sent(10 * MSS, 0, 10 * MSS);
    w.setSsthresh(5 * MSS);
    w.additiveIncrease(4 * MSS);

    w.start(500, 2000);

    CongestionWindow fresh = new CongestionWindow(500, 2000, true);
    assertThat(w.smss()).isEqualTo(fresh.smss()).isEqualTo(500);
    assertThat(w.cwnd()).isEqualTo(fresh.cwnd()).isEqualTo(2000);
    assertThat(w.ssthresh()).isEqualTo(fresh.ssthresh()).isEqualTo(CongestionWindow.UNSET);
    assertThat(w.reductions()).isEqualTo(fresh.reductions()).isZero();
    // No largest flight remembered: Linux's slow start adds nothing until data is sent again.
    assertThat(w.slowStartIncrease(500)).isEqualTo(fresh.slowStartIncrease(500)).isZero();
    // The count of congestion avoidance starts from nothing: 1,999 bytes grow nothing, 2,000 do.
    w.additiveIncrease(1999);
    assertThat(w.cwnd()).isEqualTo(2000);
    w.additiveIncrease(1);
    assertThat(w.cwnd()).isEqualTo(2500);
  }
}
