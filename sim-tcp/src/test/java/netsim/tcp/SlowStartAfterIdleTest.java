package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Slow start after idle ({@link TcpConfig#slowStartAfterIdle}; RFC 2861 3, Linux's
 * tcp_cwnd_restart): a connection that sent nothing for longer than the RTO restarts from a smaller
 * window when it sends again.
 */
class SlowStartAfterIdleTest {
  private static final int MSS = 1460;

  private static TcpConfig linux(boolean restart) {
    return TcpHarness.configOf(HostProfile.LINUX).toBuilder()
        .slowStartAfterIdle(restart)
        .minTsoSegments(10)
        .timestamps(false)
        .build();
  }

  /** 36 segments written and acknowledged in slow start, 100 ms apart: cwnd 36 segments. */
  private static TcpHarness grownTo36(TcpConfig config) {
    TcpHarness h = TcpHarness.established(config);
    h.advanceBy("100ms");
    h.connection.send(new byte[10 * MSS]);
    h.advanceBy("100ms");
    h.receive("ACK", 5001, 1001 + 10 * MSS);
    h.connection.send(new byte[16 * MSS]);
    h.advanceBy("100ms");
    h.receive("ACK", 5001, 1001 + 26 * MSS);
    assertThat(h.connection.info().cwnd()).isEqualTo(36 * MSS);
    h.forgetSent();
    return h;
  }

  @Test
  void writeAfterTwoSecondsIdle_halvesCwndPerRto_downToTheInitialWindow() {
    // RTO 300 ms (SRTT 100 ms + Linux's least rttvar 200 ms): 2 s idle halves 36 -> 18 -> 9,
    // then the initial window of 10 is the floor (slow-start-after-idle.pkt).
    TcpHarness h = grownTo36(linux(true));
    h.advanceBy("2s");
    h.connection.send(new byte[20 * MSS]);
    assertThat(h.connection.info().cwnd()).isEqualTo(10 * MSS);
    // ssthresh rises to at least 3/4 cwnd: still unset (infinite) before any loss.
    assertThat(h.connection.info().ssthresh()).isEqualTo(netsim.tcp.cc.CongestionWindow.UNSET);
    // With tcp_min_tso_segs 10, tcp_cwnd_test's half cwnd bounds a TSO chunk: two of 5.
    h.expect(TcpHarness.flight(1001 + 26 * MSS, 10, 5, 10));
  }

  @Test
  void writeAfterLessThanAnRto_keepsCwnd() {
    TcpHarness h = grownTo36(linux(true));
    h.advanceBy("50ms"); // 150 ms since the last segment left
    h.connection.send(new byte[20 * MSS]);
    assertThat(h.connection.info().cwnd()).isEqualTo(36 * MSS);
  }

  @Test
  void withoutTheKnob_writeAfterIdle_keepsCwnd() {
    TcpHarness h = grownTo36(linux(false));
    h.advanceBy("2s");
    h.connection.send(new byte[20 * MSS]);
    assertThat(h.connection.info().cwnd()).isEqualTo(36 * MSS);
  }
}
