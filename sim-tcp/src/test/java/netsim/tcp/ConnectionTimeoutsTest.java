package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * When a connection gives up: TCP_USER_TIMEOUT (RFC 5482, Linux's semantics), the hosts' FIN-WAIT-2
 * timeouts after the application closed, and the reset for data that arrives after CLOSE (RFC 9293
 * 3.6).
 */
class ConnectionTimeoutsTest {

  /** The harness's configuration with the linux or freebsd profile, without timestamps. */
  private static TcpConfig profile(HostProfile host) {
    return TcpHarness.configOf(host).toBuilder().timestamps(false).build();
  }

  @Nested
  class UserTimeout {
    /** RTT 0 in the handshake: the RTO is the minimum, 200 ms. */
    private final TcpConfig config = TcpHarness.CONFIG.toBuilder().minRto(Time.millis(200)).build();

    private TcpHarness sendingIntoTheVoid(TcpConfig config, long userTimeout) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.setUserTimeout(userTimeout);
      h.connection.send(new byte[100]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      return h;
    }

    @Test
    void givesUpOnceTheTimeoutHasPassedSinceTheFirstRetransmission() {
      // Linux's tcp_write_timeout: elapsed since retrans_stamp (the first timeout, 200 ms)
      // reaches the user timeout; tcp_clamp_rto_to_user_timeout brings the last timer forward.
      TcpHarness h = sendingIntoTheVoid(config, Time.SECOND);
      h.advanceBy("1199ms");
      h.expect("PSH|ACK seq=1001 ack=5001 len=100", "PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(h.connection.info().retransmitDeadline()).isEqualTo(Time.millis(1200)); // not 1400
      h.advanceBy("1ms");
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
      assertThat(h.transitions).last().isEqualTo("ESTABLISHED->CLOSED (USER TIMEOUT)");
      assertThat(h.appEvents).contains("timeout");
    }

    @Test
    void replacesTheRetryCount_inSynchronizedStates() {
      TcpConfig oneRetry = config.toBuilder().maxRetries(1).build();
      TcpHarness counted = sendingIntoTheVoid(oneRetry, 0);
      counted.advanceBy("600ms");
      assertThat(counted.state()).isEqualTo(TcpState.CLOSED); // the second timeout gives up
      TcpHarness timed = sendingIntoTheVoid(oneRetry, Time.seconds(3));
      timed.advanceBy("1400ms");
      assertThat(timed.state()).isEqualTo(TcpState.ESTABLISHED);
      timed.advanceBy("1800ms");
      assertThat(timed.state()).isEqualTo(TcpState.CLOSED);
      assertThat(timed.transitions).last().isEqualTo("ESTABLISHED->CLOSED (USER TIMEOUT)");
    }

    @Test
    void anAckOfNewData_startsTheCountAfresh() {
      TcpHarness h = sendingIntoTheVoid(config, Time.SECOND);
      h.advanceBy("700ms"); // timeouts at 200 and 600 ms
      h.receive("ACK", 5001, 1101);
      h.connection.send(new byte[100]);
      h.forgetSent();
      h.advanceBy("1500ms");
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void newDataTheHostsQueueRefuses_isRetriedEvery500ms_andGivesUpAtTheUserTimeout() {
      // Linux's tcp_check_probe_timer: refused new data with nothing in flight waits for the probe
      // timer (one RTO: 200 ms). tcp_send_probe0: each refused try counts as a probe
      // (icsk_probes_out) without backoff, and the next waits TCP_RESOURCE_PROBE_INTERVAL (500 ms);
      // tcp_probe_timer aborts once the user timeout (3 s) has passed since the first expiry.
      TcpHarness h = TcpHarness.established(config);
      h.connection.setUserTimeout(Time.seconds(3));
      h.egressRefused = true;
      h.connection.send(new byte[100]);
      h.expectNothing();
      assertThat(h.connection.info().persistDeadline()).isEqualTo(Time.millis(200));
      h.advanceBy("200ms");
      assertThat(h.connection.info().probesUnanswered()).isEqualTo(1);
      assertThat(h.connection.info().persistDeadline()).isEqualTo(Time.millis(700));
      h.advanceBy("2999ms"); // tries at 700, 1200, 1700, 2200 and 2700 ms
      h.expectNothing();
      assertThat(h.connection.info().probesUnanswered()).isEqualTo(6);
      assertThat(h.connection.info().rtoBackoffs()).isZero();
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
      h.advanceBy("1ms");
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
      assertThat(h.transitions).last().isEqualTo("ESTABLISHED->CLOSED (USER TIMEOUT)");
      assertThat(h.appEvents).contains("timeout");
    }

    @Test
    void whenTheHostsQueueTakesPacketsAgain_theNextProbeTimerSendsTheWaitingData() {
      TcpHarness h = TcpHarness.established(config);
      h.egressRefused = true;
      h.connection.send(new byte[100]);
      h.advanceBy("200ms"); // refused again: the next try at 700 ms
      h.expectNothing();
      h.egressRefused = false;
      h.advanceBy("499ms");
      h.expectNothing();
      h.advanceBy("1ms");
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
    }

    @Test
    void boundsZeroWindowProbing_fromTheFirstProbeTimer_evenIfTheProbesAreAnswered() {
      // Linux's tcp_probe_timer: the first expiry stamps icsk_probes_tstamp (1 s here); ACKs that
      // keep the window shut do not clear it; once 2.5 s have passed the connection is aborted,
      // and tcp_clamp_probe0_to_user_timeout brings the last timer forward (3.5 s, not 7 s).
      TcpHarness h = TcpHarness.synReceived(TcpHarness.CONFIG, 1000);
      h.receive("ACK", 5001, 1001);
      h.connection.setUserTimeout(Time.millis(2500));
      h.peerWindow = 0;
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[100]);
      h.expectNothing();
      h.advanceBy("1s");
      h.expect("ACK seq=1001 ack=5001 len=1");
      h.receive("ACK", 5001, 1001); // answered, still shut
      h.advanceBy("2s");
      h.expect("ACK seq=1001 ack=5001 len=1");
      h.receive("ACK", 5001, 1001);
      assertThat(h.connection.info().persistDeadline()).isEqualTo(Time.millis(3500));
      h.advanceBy("499ms");
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
      h.advanceBy("1ms");
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
      assertThat(h.transitions).last().isEqualTo("ESTABLISHED->CLOSED (USER TIMEOUT)");
      assertThat(h.appEvents).contains("timeout");
    }

    @Test
    void zeroWindowProbing_withoutAUserTimeout_goesOnWhileTheProbesAreAnswered() {
      // RFC 9293 3.8.6.1: the sender keeps the connection open while the receiver answers the
      // probes.
      TcpHarness h = TcpHarness.synReceived(TcpHarness.CONFIG, 1000);
      h.receive("ACK", 5001, 1001);
      h.peerWindow = 0;
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[100]);
      for (int i = 0; i < 20; i++) {
        h.advanceBy("60s");
        h.receive("ACK", 5001, 1001);
      }
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
    }
  }

  @Nested
  class FinWait2Timeout {
    private TcpHarness closedAndFinAcknowledged(TcpConfig config) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("ACK", 5001, 1002);
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
      return h;
    }

    @Test
    void linux_closedConnection_isDeletedSilentlyAfterTcpFinTimeout() {
      TcpHarness h = closedAndFinAcknowledged(profile(HostProfile.LINUX));
      h.advanceBy(Time.seconds(60) - 1);
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
      h.advanceBy(1);
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
      assertThat(h.transitions).last().isEqualTo("FIN_WAIT_2->CLOSED (FIN-WAIT-2 timeout)");
      h.expectNothing();
    }

    @Test
    void linux_onlyShutDown_waitsForThePeersFin() {
      TcpHarness h = TcpHarness.established(profile(HostProfile.LINUX));
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("ACK", 5001, 1002);
      h.advanceBy(Time.HOUR);
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
      h.connection.close(); // tcp_close in FIN-WAIT-2 starts the timeout
      h.advanceBy(Time.seconds(60));
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void freebsd_waitsUntilNothingArrivedFor600s_lookingEvery75s() {
      // tcp_timer_2msl: TP_MAXIDLE (8 x 75 s) after the FIN is acknowledged, then again every
      // TP_KEEPINTVL while the peer was heard from within TP_MAXIDLE.
      TcpHarness h = closedAndFinAcknowledged(profile(HostProfile.FREEBSD));
      h.advanceBy(Time.seconds(500));
      h.receive("ACK", 5001, 1002); // heard from at 500 s
      h.advanceBy(Time.seconds(1125 - 500) - 1);
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
      h.advanceBy(1);
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
      h.expectNothing();
    }

    @Test
    void rfc_waitsForThePeersFinForEver() {
      TcpHarness h = closedAndFinAcknowledged(TcpHarness.CONFIG);
      h.advanceBy(Time.HOUR);
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
    }

    @Test
    void linux_theFinBeforeTheTimeout_leadsToTimeWait() {
      TcpHarness h = closedAndFinAcknowledged(profile(HostProfile.LINUX));
      h.advanceBy(Time.seconds(30));
      h.receive("FIN|ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      h.advanceBy(Time.seconds(40));
      assertThat(h.state()).isEqualTo(TcpState.TIME_WAIT);
    }
  }

  @Nested
  class DataAfterClose {
    /** {@code host} closed (or only shut down); 10 bytes of text come with {@code ack}. */
    private TcpHarness textAfter(HostProfile host, boolean close, int ack) {
      TcpHarness h = TcpHarness.established(profile(host));
      if (close) {
        h.connection.close();
      } else {
        h.connection.shutdownOutput();
      }
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("ACK", 5001, ack, new byte[10]);
      return h;
    }

    @Test
    void linux_newTextAfterClose_isAnsweredWithRstFromItsAck_andTheConnectionEnds() {
      // RFC 9293 3.6 (SHOULD); Linux's tcp_rcv_state_process (TCPAbortOnData).
      TcpHarness h = textAfter(HostProfile.LINUX, true, 1002);
      h.expect("RST seq=1002");
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void freebsd_newTextInFinWait1_isAnsweredWithRst() {
      TcpHarness h = textAfter(HostProfile.FREEBSD, true, 1001);
      h.expect("RST seq=1001");
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void linux_textAfterShutdownOnly_isReceived() {
      TcpHarness h = textAfter(HostProfile.LINUX, false, 1002);
      assertThat(h.received.size()).isEqualTo(10);
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
    }

    @Test
    void rfc_textAfterClose_isAcknowledgedAndDiscarded() {
      TcpHarness h = TcpHarness.finWait1();
      h.connection.close();
      h.receive("ACK", 5001, 1002, new byte[10]);
      h.expect("ACK seq=1002 ack=5011");
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_2);
    }
  }
}
