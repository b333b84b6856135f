package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

/**
 * Linux's chronograph of the sending side ({@link SendChrono}; tcp_chrono_start/stop in
 * tcp_output.c), as tcp_info's tcpi_busy_time and tcpi_rwnd_limited report it.
 */
class SendChronoTest {

  private static TcpHarness linuxWithPeerWindow(int window) {
    TcpHarness h = TcpHarness.synReceived(TcpHarness.configOf(HostProfile.LINUX), window);
    h.receive("ACK", 5001, 1001);
    h.expectNothing();
    return h;
  }

  @Test
  void dataHeldByAZeroWindow_isWindowLimited_untilTheWindowOpens_andBusyUntilAcknowledged() {
    TcpHarness h = linuxWithPeerWindow(0);
    h.advanceBy("10ms");
    assertThat(h.connection.info().busyTime()).isZero();
    h.connection.send(new byte[1000]);
    h.expectNothing(); // tcp_write_xmit: tcp_snd_wnd_test fails, is_rwnd_limited
    h.advanceBy("100ms");
    assertThat(h.connection.info().windowLimitedTime()).isEqualTo(Time.millis(100));
    assertThat(h.connection.info().busyTime()).isEqualTo(Time.millis(100));

    h.peerWindow = 2000;
    h.receive("ACK", 5001, 1001); // the window opens: the data goes, busy time runs on
    h.expect("PSH|ACK seq=1001 ack=5001 len=1000");
    h.advanceBy("30ms");
    h.receive("ACK", 5001, 2001); // all acknowledged, nothing queued: the chronograph stops
    h.advanceBy("50ms");
    assertThat(h.connection.info().windowLimitedTime()).isEqualTo(Time.millis(100));
    assertThat(h.connection.info().busyTime()).isEqualTo(Time.millis(130));
  }

  @Test
  void dataHeldByCwnd_isBusy_butNotWindowLimited() {
    // tcp_write_xmit tests cwnd before the window: a sender out of cwnd is not rwnd-limited.
    TcpHarness h = linuxWithPeerWindow(TcpHarness.WINDOW);
    int before = h.sent.size();
    h.connection.send(new byte[30 * 1460]);
    assertThat(h.sent.size() - before).isEqualTo(10); // the initial window
    h.advanceBy("40ms");
    assertThat(h.connection.info().windowLimitedTime()).isZero();
    assertThat(h.connection.info().busyTime()).isEqualTo(Time.millis(40));
  }

  @Test
  void aWindowTooSmallForTheNextSegment_isWindowLimited() {
    // tcp_snd_wnd_test: the next segment (one MSS of the send head) must fit the window.
    TcpHarness h = linuxWithPeerWindow(1000);
    h.connection.send(new byte[2000]);
    h.expect("ACK seq=1001 ack=5001 len=1000");
    h.advanceBy("20ms");
    assertThat(h.connection.info().windowLimitedTime()).isEqualTo(Time.millis(20));
    h.receive("ACK", 5001, 2001); // the window slides: the rest goes
    h.expect("PSH|ACK seq=2001 ack=5001 len=1000");
    h.advanceBy("20ms");
    assertThat(h.connection.info().windowLimitedTime()).isEqualTo(Time.millis(20));
    assertThat(h.connection.info().busyTime()).isEqualTo(Time.millis(40));
  }
}
