package netsim.tcp;

import static netsim.tcp.TcpHarness.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The connection's two short paths, with exact segments: an ACK that acknowledges nothing new while
 * nothing is outstanding only updates the window (RFC 9293 3.10.7.4; {@code
 * TransmissionControlBlock.quietAckArrived}), and an output pass with nothing to send sends only
 * the acknowledgment owed ({@code sendsNothing}); and the cases each must leave to the full path
 * (data waiting, an ECN echo, a SACK scoreboard), whose result is checked. Our ISS is 1000 and the
 * peer's 5000 (see {@link TcpHarness}).
 */
class QuietPathsTest {
  private static final TcpConfig NO_NAGLE = CONFIG.toBuilder().nagle(false).build();

  /** A peer's SYN options: MSS 1460 and SACK-permitted. */
  private static final TcpOptions PEER_SYN_SACK =
      new TcpOptions(1460, -1, true, false, 0, 0, ImmutableList.of());

  /** A segment from the peer with {@code options}: a SYN if {@code ack} is 0, else an ACK. */
  private static TcpSegment peerSegment(TcpHarness h, int seq, int ack, TcpOptions options) {
    int flags = ack == 0 ? TcpFlags.SYN : TcpFlags.ACK;
    return new TcpSegment(
        h.remotePort, h.localPort, seq, ack, flags, h.peerWindow, 0, options, new byte[0]);
  }

  @Nested
  class ShortPathTaken {
    @Test
    void dataSegmentAtAReceiver_withNothingOutstanding_updatesOnlyTheWindow() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.peerWindow = 2920;

      h.receive("ACK", 5001, 1001, new byte[100]);

      h.expect("ACK seq=1001 ack=5101");
      TcpInfo info = h.connection.info();
      assertThat(info.sndWnd()).isEqualTo(2920);
      assertThat(info.sndUna()).isEqualTo(1001);
      assertThat(info.sndNxt()).isEqualTo(1001);
      assertThat(info.bytesInFlight()).isZero();
      assertThat(info.retransmitDeadline()).isEqualTo(TcpConnection.NEVER);
      assertThat(h.received.size()).isEqualTo(100);
      // The window it took is the one the next write meets: two full segments, the rest held.
      h.connection.send(new byte[4000]);
      h.expect("ACK seq=1001 ack=5101 len=1460", "ACK seq=2461 ack=5101 len=1460");
      assertThat(h.connection.info().bytesUnsent()).isEqualTo(4000 - 2920);
    }

    @Test
    void pureAckWithNothingOutstanding_closingTheWindow_sendsNothing_andHoldsTheNextWrite() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.peerWindow = 0;

      h.receive("ACK", 5001, 1001);

      h.expectNothing();
      assertThat(h.connection.info().sndWnd()).isZero();
      h.connection.send(new byte[100]);
      h.expectNothing();
      assertThat(h.connection.info().bytesUnsent()).isEqualTo(100);
      assertThat(h.connection.info().persistDeadline()).isNotEqualTo(TcpConnection.NEVER);
    }

    @Test
    void olderSegmentWithNothingOutstanding_leavesTheWindowItFound() {
      // RFC 9293 3.10.7.4: the window is taken only from a segment not older than the last one
      // that set it (SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK).
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.receive("ACK", 5001, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5101");
      h.peerWindow = 1000;

      h.receive("ACK", 5001, 1001, new byte[100]); // the same segment again, with a new window

      h.expect("ACK seq=1001 ack=5101");
      assertThat(h.connection.info().sndWnd()).isEqualTo(TcpHarness.WINDOW);
    }
  }

  @Nested
  class FullPathTaken {
    @Test
    void ackWithAnEcnEcho_andNothingOutstanding_reducesTheWindowOnce_andTheNextDataCarriesCwr() {
      // RFC 3168 6.1.2: an ECN-Echo halves the congestion window (at least 2 SMSS, here 2920 of
      // the initial 4380) and the next new data segment carries CWR.
      TcpHarness h = new TcpHarness(CONFIG.toBuilder().ecn(EcnMode.ON).nagle(false).build(), false);
      h.connection.open();
      h.receive("SYN|ACK|ECE", TcpHarness.PEER_ISS, TcpHarness.ISS + 1);
      h.expect("SYN|ECE|CWR seq=1000", "ACK seq=1001 ack=5001");
      assertThat(h.connection.info().cwnd()).isEqualTo(4380);

      h.receive("ACK|ECE", 5001, 1001);

      h.expectNothing();
      assertThat(h.connection.info().cwnd()).isEqualTo(2920);
      assertThat(h.connection.info().ssthresh()).isEqualTo(2920);
      h.connection.send(new byte[100]);
      h.expect("PSH|ACK|CWR seq=1001 ack=5001 len=100");
    }

    @Test
    void ackWithNothingOutstanding_onASackConnection_takesTheWindowThroughTheScoreboardsPath() {
      TcpConfig config = NO_NAGLE.toBuilder().sackPermitted(true).build();
      TcpHarness h = new TcpHarness(config, true);
      h.connection.acceptSyn(peerSegment(h, 5000, 0, PEER_SYN_SACK));
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[100]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      h.receive("ACK", 5001, 1101);
      h.peerWindow = 0;

      // A D-SACK of the bytes just acknowledged (RFC 2883), with a closed window.
      h.connection.onSegment(
          peerSegment(
              h,
              5001,
              1101,
              TcpOptions.NONE.withSackBlocks(List.of(new TcpOptions.SackBlock(1001, 1101)))));

      h.expectNothing();
      assertThat(h.connection.info().sndWnd()).isZero();
      assertThat(h.connection.info().bytesInFlight()).isZero();
      h.connection.send(new byte[100]);
      h.expectNothing();
      assertThat(h.connection.info().persistDeadline()).isNotEqualTo(TcpConnection.NEVER);
    }

    @Test
    void windowOpeningAck_withDataWaiting_sendsTheWaitingData() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.peerWindow = 0;
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[100]);
      h.expectNothing();
      h.peerWindow = TcpHarness.WINDOW;

      h.receive("ACK", 5001, 1001);

      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      TcpInfo info = h.connection.info();
      assertThat(info.sndWnd()).isEqualTo(TcpHarness.WINDOW);
      assertThat(info.bytesInFlight()).isEqualTo(100);
      assertThat(info.retransmitDeadline()).isNotEqualTo(TcpConnection.NEVER);
      assertThat(info.persistDeadline()).isEqualTo(TcpConnection.NEVER);
    }

    @Test
    void windowOpeningAck_withDataWaitingAfterAnRtoIdle_restartsTheCongestionWindow() {
      // Linux's tcp_ack_update_window: a window change while data waits checks slow start after
      // idle (RFC 2861 3): 2 s idle at an RTO of 300 ms restarts cwnd 36 segments at the initial
      // 10.
      long mss = 1460;
      TcpConfig config =
          TcpHarness.configOf(HostProfile.LINUX).toBuilder()
              .slowStartAfterIdle(true)
              .minTsoSegments(10)
              .timestamps(false)
              .build();
      TcpHarness h = TcpHarness.established(config);
      h.advanceBy("100ms");
      h.connection.send(new byte[10 * 1460]);
      h.advanceBy("100ms");
      h.receive("ACK", 5001, 1001 + 10 * 1460);
      h.connection.send(new byte[16 * 1460]);
      h.advanceBy("100ms");
      h.peerWindow = 0;
      h.receive("ACK", 5001, 1001 + 26 * 1460);
      assertThat(h.connection.info().cwnd()).isEqualTo(36 * mss);
      h.connection.send(new byte[20 * 1460]);
      h.advanceBy("2s");
      h.forgetSent();
      h.peerWindow = TcpHarness.WINDOW;

      h.receive("ACK", 5001, 1001 + 26 * 1460);

      assertThat(h.connection.info().cwnd()).isEqualTo(10 * mss);
      assertThat(h.connection.info().bytesInFlight()).isEqualTo(10 * mss);
    }

    @Test
    void ackWithNothingOutstanding_whileTheFinIsUnsent_sendsTheFin() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.egressRefused = true;
      h.connection.close();
      h.expectNothing();
      h.egressRefused = false;

      h.receive("ACK", 5001, 1001);

      h.expect("FIN|ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(TcpState.FIN_WAIT_1);
    }
  }
}
