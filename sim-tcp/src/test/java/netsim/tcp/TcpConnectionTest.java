package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static netsim.tcp.TcpState.CLOSED;
import static netsim.tcp.TcpState.CLOSE_WAIT;
import static netsim.tcp.TcpState.CLOSING;
import static netsim.tcp.TcpState.ESTABLISHED;
import static netsim.tcp.TcpState.FIN_WAIT_1;
import static netsim.tcp.TcpState.FIN_WAIT_2;
import static netsim.tcp.TcpState.LAST_ACK;
import static netsim.tcp.TcpState.LISTEN;
import static netsim.tcp.TcpState.SYN_RECEIVED;
import static netsim.tcp.TcpState.SYN_SENT;
import static netsim.tcp.TcpState.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The TCP state machine, state by state: exact segments in, exact segments and states out. Each
 * test names the state, the input and the result; the comments name the RFC rule. Our ISS is 1000
 * and the peer's 5000 (see {@link TcpHarness}).
 */
class TcpConnectionTest {

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  /** An application that writes {@code reply} when it hears {@code event} (its trace name). */
  private static TcpHandler writeOn(String event, String reply) {
    return new TcpHandler() {
      @Override
      public void onEstablished(TcpConnection connection) {
        if (event.equals("established")) {
          connection.send(bytes(reply));
        }
      }

      @Override
      public void onData(TcpConnection connection, ReceivedData data) {
        if (event.equals("data")) {
          connection.send(bytes(reply));
        }
      }
    };
  }

  @Nested
  class SynSent {
    @Test
    void open_sendsSynFromIss_andEntersSynSent() {
      TcpHarness h = new TcpHarness(TcpHarness.CONFIG, false);
      h.connection.open();
      h.expect("SYN seq=1000");
      assertThat(h.state()).isEqualTo(SYN_SENT);
      assertThat(h.transitions).containsExactly("CLOSED->SYN_SENT (OPEN)");
    }

    @Test
    void synSent_receivesSynAck_acksAndGoesEstablished() {
      // RFC 9293 3.10.7.3, fourth: SND.UNA > ISS, so ESTABLISHED and <SEQ=SND.NXT><ACK=RCV.NXT>.
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN|ACK", 5000, 1001);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.appEvents).containsExactly("established");
    }

    @Test
    void activeOpenToEstablished_visitedHoldsExactlyTheStatesPassed() {
      TcpHarness h = TcpHarness.synSent();
      assertThat(h.connection.visited()).containsExactly(CLOSED, SYN_SENT);
      h.receive("SYN|ACK", 5000, 1001);
      assertThat(h.connection.visited()).containsExactly(CLOSED, SYN_SENT, ESTABLISHED);
    }

    @Test
    void passiveOpenToEstablished_visitedHoldsListenAndSynReceived() {
      TcpHarness h = TcpHarness.synReceived();
      assertThat(h.connection.visited()).containsExactly(CLOSED, LISTEN, SYN_RECEIVED);
      h.receive("ACK", 5001, 1001);
      assertThat(h.connection.visited()).containsExactly(CLOSED, LISTEN, SYN_RECEIVED, ESTABLISHED);
    }

    @Test
    void establishedWithoutData_lastDataReceivedAtIsTheEstablishment_untilDataArrives() {
      // Linux's icsk_ack.lrcvtime: tcp_finish_connect sets it, tcp_event_data_recv moves it on.
      TcpHarness h = TcpHarness.synSent();
      assertThat(h.connection.info().lastDataReceivedAt()).isEqualTo(-1);
      h.advanceBy("30ms");
      h.receive("SYN|ACK", 5000, 1001);
      long establishedAt = h.now();
      h.advanceBy("1s");
      assertThat(h.connection.info().lastDataReceivedAt()).isEqualTo(establishedAt);
      h.receive("ACK", 5001, 1001, bytes("hi"));
      assertThat(h.connection.info().lastDataReceivedAt())
          .isEqualTo(establishedAt + Time.seconds(1));
    }

    @Test
    void synSent_receivesSynAckCarryingData_deliversItInTheThirdAck() {
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN|ACK", 5000, 1001, bytes("hi"));
      h.expect("ACK seq=1001 ack=5003");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("hi");
    }

    @Test
    void synSent_dataWrittenEarly_goesOutWithTheThirdAck() {
      TcpHarness h = TcpHarness.synSent();
      h.connection.send(bytes("early"));
      h.expectNothing();
      h.receive("SYN|ACK", 5000, 1001);
      h.expect("PSH|ACK seq=1001 ack=5001 len=5");
    }

    @Test
    void synSent_synAckCarriesData_clientWritesAtOnce_itsDataAcksThatText() {
      // RFC 9293 3.10.7.3: the text of the SYN,ACK is processed ("continue processing at the
      // sixth step") before the application hears of ESTABLISHED and writes.
      TcpHarness h = TcpHarness.synSent();
      h.connection.setHandler(writeOn("established", "GET /"));
      h.receive("SYN|ACK", 5000, 1001, bytes("hi"));
      h.expect("PSH|ACK seq=1001 ack=5003 len=5");
    }

    @Test
    void synSent_receivesSyn_sendsSynAckAndGoesSynReceived() {
      // Simultaneous open, RFC 9293 3.10.7.3 fourth and Figure 7.
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5001");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
    }

    @Test
    void synSent_receivesAckAtIss_answersRstFromTheAck() {
      // "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset <SEQ=SEG.ACK><CTL=RST>."
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN|ACK", 7000, 1000);
      h.expect("RST seq=1000");
      assertThat(h.state()).isEqualTo(SYN_SENT);
    }

    @Test
    void synSent_receivesAckBeyondSndNxt_answersRst_andKeepsWaiting() {
      // The old duplicate SYN,ACK of RFC 9293 Figure 8 line 5.
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN|ACK", 7000, 90);
      h.expect("RST seq=90");
      assertThat(h.state()).isEqualTo(SYN_SENT);
    }

    @Test
    void synSent_receivesRstWithUnacceptableAck_dropsItSilently() {
      TcpHarness h = TcpHarness.synSent();
      h.receive("RST|ACK", 0, 999);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(SYN_SENT);
    }

    @Test
    void synSent_receivesRstAckingOurSyn_isRefused() {
      // "If the ACK was acceptable, then signal to the user 'error: connection reset', drop the
      // segment, enter CLOSED state."
      TcpHarness h = TcpHarness.synSent();
      h.receive("RST|ACK", 0, 1001);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsExactly("reset", "closed");
    }

    @Test
    void synSent_receivesRstWithoutAck_isIgnored() {
      // RFC 5961 3.2 / RFC 9293: without an acceptable ACK a RST in SYN-SENT is not believed.
      TcpHarness h = TcpHarness.synSent();
      h.receive("RST", 5000, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(SYN_SENT);
    }

    @Test
    void synSent_receivesAckWithoutSyn_isDropped() {
      // "If neither of the SYN or RST bits is set, then drop the segment and return."
      TcpHarness h = TcpHarness.synSent();
      h.receive("ACK", 5000, 1001);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(SYN_SENT);
    }

    @Test
    void synSent_retransmitsTheSynWithDoublingTimeouts_thenTimesOut() {
      // RFC 6298 2.1 and 5.5: initial RTO 1 s, doubled on every expiry.
      TcpHarness h = TcpHarness.synSent();
      long[] gaps = {1, 2, 4, 8, 16, 32};
      for (long gap : gaps) {
        h.advanceBy(Time.seconds(gap) - 1);
        h.expectNothing();
        h.advanceBy(1);
        h.expect("SYN seq=1000");
      }
      h.advanceBy(Time.seconds(60));
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.transitions).last().isEqualTo("SYN_SENT->CLOSED (USER TIMEOUT)");
      assertThat(h.appEvents).containsExactly("timeout", "closed");
    }

    @Test
    void synSent_close_deletesTheTcb() {
      TcpHarness h = TcpHarness.synSent();
      h.connection.shutdownOutput();
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void synSent_abort_sendsNoReset() {
      TcpHarness h = TcpHarness.synSent();
      h.connection.abort();
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class SynReceived {
    @Test
    void listenerChild_takesSyn_answersSynAck_inSynReceived() {
      TcpHarness h = TcpHarness.synReceived();
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
      assertThat(h.transitions).containsExactly("LISTEN->SYN_RECEIVED (rcv SYN)");
    }

    @Test
    void synReceived_receivesAckOfSyn_goesEstablished() {
      TcpHarness h = TcpHarness.synReceived();
      h.receive("ACK", 5001, 1001);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.appEvents).containsExactly("established");
    }

    @Test
    void synReceived_receivesThirdAckWithData_deliversIt() {
      TcpHarness h = TcpHarness.synReceived();
      h.receive("PSH|ACK", 5001, 1001, bytes("GET /"));
      h.expect("ACK seq=1001 ack=5006");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.received.toString(US_ASCII)).isEqualTo("GET /");
    }

    @Test
    void synReceived_thirdAckCarriesData_listenerWritesAtOnce_itsDataAcksThatText() {
      // The application hears of ESTABLISHED only once RFC 9293 3.10.7.4 has run to its end, so
      // its first segment acknowledges the text of the ACK that completed the handshake
      // (RCV.NXT = 5001 + 100), not the stale 5001.
      TcpHarness h = TcpHarness.synReceived();
      h.connection.setHandler(writeOn("established", "HTTP/1.1 200 OK"));
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expect("PSH|ACK seq=1001 ack=5101 len=15");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.appEvents).containsExactly("established", "data");
    }

    @Test
    void synReceived_receivesUnacceptableAck_answersRst() {
      // RFC 9293 3.10.7.4 fifth: "form a reset segment <SEQ=SEG.ACK><CTL=RST> and send it".
      TcpHarness h = TcpHarness.synReceived();
      h.receive("ACK", 5001, 4242);
      h.expect("RST seq=4242");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
    }

    @Test
    void synReceived_passive_receivesRst_returnsToListen() {
      // The old duplicate SYN's recovery, RFC 9293 Figure 8 lines 6-7.
      TcpHarness h = TcpHarness.synReceived();
      h.receive("RST", 5001, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(LISTEN);
      assertThat(h.transitions).last().isEqualTo("SYN_RECEIVED->LISTEN (rcv RST)");
    }

    @Test
    void synReceived_receivesInWindowRstThatIsNotExact_sendsChallengeAck() {
      // RFC 5961 3.2.
      TcpHarness h = TcpHarness.synReceived();
      h.receive("RST", 5100, 0);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
    }

    @Test
    void synReceived_receivesRetransmittedSyn_resendsSynAck() {
      TcpHarness h = TcpHarness.synReceived();
      h.receive("SYN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5001");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
    }

    @Test
    void synReceived_passive_receivesAnotherSynInWindow_returnsToListen() {
      // RFC 9293 3.10.7.4 fourth: "if the connection was initiated with a passive OPEN, then
      // return this connection to the LISTEN state and return".
      TcpHarness h = TcpHarness.synReceived();
      h.receive("SYN", 5100, 0);
      assertThat(h.state()).isEqualTo(LISTEN);
    }

    @Test
    void synReceived_retransmitsSynAck_thenGivesUpBackToListen() {
      TcpHarness h = TcpHarness.synReceived();
      h.advanceBy("1s");
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.advanceBy("2s");
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.advanceBy("200s");
      assertThat(h.sent).hasSize(1 + TcpHarness.CONFIG.synAckRetries());
      assertThat(h.state()).isEqualTo(LISTEN);
      assertThat(h.transitions).last().isEqualTo("SYN_RECEIVED->LISTEN (USER TIMEOUT)");
    }

    @Test
    void simultaneousOpen_synReceivedTakesPeersSynAck_goesEstablishedAndAcks() {
      // RFC 9293 Figure 7: each side's SYN,ACK moves the other to ESTABLISHED.
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.receive("SYN|ACK", 5000, 1001);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.transitions)
          .containsExactly(
              "CLOSED->SYN_SENT (OPEN)",
              "SYN_SENT->SYN_RECEIVED (rcv SYN)",
              "SYN_RECEIVED->ESTABLISHED (rcv SYN|ACK)");
    }

    @Test
    void simultaneousOpen_peerSynWithoutOptions_synAckOffersOnlyItsMss() {
      // RFC 7323 2.2: "A TCP MAY send a Window Scale option in a <SYN,ACK> segment only if it
      // received a Window Scale option in the initial <SYN> segment"; 3.2 likewise for
      // timestamps. Our SYN offered both; the peer's SYN offered only an MSS.
      TcpHarness h = new TcpHarness(TcpConfig.builder().sackPermitted(true).build(), false);
      h.connection.open();
      assertThat(h.sent.get(0).options().hasWindowScale()).isTrue();
      h.receive("SYN", 5000, 0);
      TcpOptions synAck = h.sent.get(1).options();
      assertThat(h.sent.get(1).flags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
      assertThat(synAck.mss()).isEqualTo(1460);
      assertThat(synAck.hasWindowScale()).isFalse();
      assertThat(synAck.timestamps()).isFalse();
      assertThat(synAck.sackPermitted()).isFalse();
    }

    @Test
    void simultaneousOpen_synReceivedTakesPlainAck_goesEstablished() {
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.receive("ACK", 5001, 1001);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void activeSynReceived_receivesRst_isRefusedAndCloses() {
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.receive("RST", 5001, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsExactly("reset", "closed");
    }

    @Test
    void synReceived_close_sendsFin_andEntersFinWait1() {
      TcpHarness h = TcpHarness.synReceived();
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(FIN_WAIT_1);
    }

    @Test
    void synReceived_abort_sendsRst() {
      TcpHarness h = TcpHarness.synReceived();
      h.connection.abort();
      h.expect("RST seq=1001");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void twoWayHandshakeCounterfactual_listenerGoesEstablishedOnTheSyn() {
      TcpHarness h =
          TcpHarness.synReceived(TcpHarness.CONFIG.toBuilder().twoWayHandshake(true).build());
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.connection.pollAt()).isEqualTo(TcpConnection.NEVER);
    }
  }

  @Nested
  class Established {
    @Test
    void established_receivesInOrderData_deliversAndAcks() {
      TcpHarness h = TcpHarness.established();
      h.receive("PSH|ACK", 5001, 1001, bytes("hello"));
      h.expect("ACK seq=1001 ack=5006");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("hello");
    }

    @Test
    void established_receivesDataBeyondAGap_sendsDuplicateAck() {
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5101, 1001, bytes("later"));
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.received.size()).isZero();
    }

    @Test
    void established_receivesOldDuplicateData_acksWithoutDelivering() {
      // RFC 9293 3.10.7.4 first: not acceptable (entirely below RCV.NXT) -> ACK and drop.
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5001, 1001, bytes("abc"));
      h.expect("ACK seq=1001 ack=5004");
      h.receive("ACK", 5001, 1001, bytes("abc"));
      h.expect("ACK seq=1001 ack=5004");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("abc");
    }

    @Test
    void established_receivesPartlyOldData_deliversOnlyTheNewPart() {
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5001, 1001, bytes("abc"));
      h.expect("ACK seq=1001 ack=5004");
      h.receive("ACK", 5002, 1001, bytes("bcde"));
      h.expect("ACK seq=1001 ack=5006");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("abcde");
    }

    @Test
    void established_receivesDataBeyondTheWindow_acksAndDrops() {
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5001 + TcpHarness.WINDOW, 1001, bytes("x"));
      h.expect("ACK seq=1001 ack=5001");
    }

    @Test
    void established_send_segmentsByMssAndSetsPshOnTheLast() {
      TcpHarness h = TcpHarness.established(TcpHarness.CONFIG.toBuilder().nagle(false).build());
      h.connection.send(new byte[3000]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "PSH|ACK seq=3921 ack=5001 len=80");
    }

    @Test
    void nagle_holdsTheSmallTail_untilTheOutstandingDataIsAcknowledged() {
      // RFC 9293 3.7.4: a segment shorter than the MSS waits while data is unacknowledged.
      TcpHarness h = TcpHarness.established();
      h.connection.send(new byte[3000]);
      h.expect("ACK seq=1001 ack=5001 len=1460", "ACK seq=2461 ack=5001 len=1460");
      h.receive("ACK", 5001, 2461);
      h.expectNothing();
      h.receive("ACK", 5001, 3921);
      h.expect("PSH|ACK seq=3921 ack=5001 len=80");
    }

    @Test
    void established_sendStopsAtThePeersWindow() {
      TcpHarness h =
          TcpHarness.synReceived(TcpHarness.CONFIG.toBuilder().nagle(false).build(), 1000);
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[2500]);
      h.expect("ACK seq=1001 ack=5001 len=1000");
      h.receive("ACK", 5001, 2001);
      h.expect("ACK seq=2001 ack=5001 len=1000");
      h.receive("ACK", 5001, 3001);
      h.expect("PSH|ACK seq=3001 ack=5001 len=500");
    }

    @Test
    void senderSillyWindowAvoidance_holdsASmallSegment_untilThePersistTimerForcesIt() {
      // RFC 9293 3.8.6.2.1: a 600-byte window is less than half the peer's largest (2000) and
      // not a full segment; nothing is in flight, so the override (persist) timer sends it.
      TcpHarness h =
          TcpHarness.synReceived(TcpHarness.CONFIG.toBuilder().nagle(false).build(), 2000);
      h.receive("ACK", 5001, 1001);
      h.peerWindow = 600;
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[3000]);
      h.expectNothing();
      h.advanceBy("1s");
      h.expect("ACK seq=1001 ack=5001 len=600");
    }

    @Test
    void established_unacknowledgedData_isRetransmittedAfterTheRto() {
      TcpHarness h = TcpHarness.established();
      h.connection.send(bytes("data"));
      h.expect("PSH|ACK seq=1001 ack=5001 len=4");
      h.advanceBy("1s");
      h.expect("PSH|ACK seq=1001 ack=5001 len=4");
      h.advanceBy("2s");
      h.expect("PSH|ACK seq=1001 ack=5001 len=4");
      assertThat(h.connection.info().retransmissions()).isEqualTo(2);
    }

    @Test
    void established_ackOfAllData_stopsTheRetransmissionTimer_andMeasuresRtt() {
      TcpHarness h = TcpHarness.synReceived();
      h.advanceBy("50ms");
      h.receive("ACK", 5001, 1001);
      // RFC 6298 2.2, first measurement R = 50 ms: SRTT = R, RTTVAR = R/2.
      assertThat(h.connection.info().srtt()).isEqualTo(Time.millis(50));
      h.connection.send(bytes("data"));
      h.expect("PSH|ACK seq=1001 ack=5001 len=4");
      h.advanceBy("100ms");
      h.receive("ACK", 5001, 1005);
      assertThat(h.connection.pollAt()).isEqualTo(TcpConnection.NEVER);
      // RFC 6298 2.3, R' = 100 ms: RTTVAR = 3/4 * 25 + 1/4 * |50 - 100| = 31.25 ms,
      // SRTT = 7/8 * 50 + 1/8 * 100 = 56.25 ms; RTO = SRTT + 4 * RTTVAR = 181.25 ms -> 1 s minimum.
      assertThat(h.connection.info().srtt()).isEqualTo(56_250_000L);
      assertThat(h.connection.info().rto()).isEqualTo(Time.seconds(1));
    }

    @Test
    void rto_followsSrttPlusFourRttvar_aboveTheMinimum() {
      TcpHarness h =
          TcpHarness.synReceived(TcpHarness.CONFIG.toBuilder().minRto(Time.millis(100)).build());
      h.advanceBy("50ms");
      h.receive("ACK", 5001, 1001);
      // 50 ms + 4 * 25 ms.
      assertThat(h.connection.info().rto()).isEqualTo(Time.millis(150));
    }

    @Test
    void established_receivesAckOfUnsentData_sendsAckAndDrops() {
      // RFC 9293 3.10.7.4 fifth / RFC 5961 5.2.
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5001, 1500, bytes("zz"));
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.received.size()).isZero();
    }

    @Test
    void established_receivesRstAtRcvNxt_isReset() {
      TcpHarness h = TcpHarness.established();
      h.receive("RST", 5001, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsExactly("established", "reset", "closed");
    }

    @Test
    void established_receivesInWindowRstNotAtRcvNxt_sendsChallengeAck() {
      // RFC 5961 3.2.
      TcpHarness h = TcpHarness.established();
      h.receive("RST", 5002, 0);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void established_withoutRfc5961_inWindowRstResets() {
      TcpHarness h =
          TcpHarness.established(TcpHarness.CONFIG.toBuilder().challengeAcks(false).build());
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void established_receivesRstOutsideTheWindow_dropsItSilently() {
      TcpHarness h = TcpHarness.established();
      h.receive("RST", 5001 + TcpHarness.WINDOW + 10, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void established_receivesSynInWindow_sendsChallengeAck() {
      // RFC 5961 4.2: "irrespective of the sequence number, TCP MUST send an ACK".
      TcpHarness h = TcpHarness.established();
      h.receive("SYN", 5100, 0);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void established_receivesOldSynOutsideTheWindow_sendsChallengeAck() {
      TcpHarness h = TcpHarness.established();
      h.receive("SYN", 4000, 0);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void established_challengeAcks_areRateLimitedWhenConfigured() {
      TcpHarness h =
          TcpHarness.established(
              TcpHarness.CONFIG.toBuilder().challengeAckInterval(Time.millis(500)).build());
      h.receive("SYN", 4000, 0);
      h.expect("ACK seq=1001 ack=5001");
      h.advanceBy("100ms");
      h.receive("SYN", 4000, 0);
      h.expectNothing();
      h.advanceBy("1s");
      h.receive("SYN", 5100, 0);
      h.expect("ACK seq=1001 ack=5001");
    }

    @Test
    void established_withoutRfc5961_synInWindowResets() {
      TcpHarness h =
          TcpHarness.established(TcpHarness.CONFIG.toBuilder().challengeAcks(false).build());
      h.receive("SYN", 5100, 0);
      h.expect("RST seq=1001");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void established_receivesSegmentWithoutAck_dropsIt() {
      TcpHarness h = TcpHarness.established();
      h.receive("PSH", 5001, 0, bytes("x"));
      h.expectNothing();
      assertThat(h.received.size()).isZero();
    }

    @Test
    void established_receivesFin_acksAndGoesCloseWait() {
      TcpHarness h = TcpHarness.established();
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
      assertThat(h.appEvents).containsExactly("established", "peer-closed");
    }

    @Test
    void established_receivesFinBeyondAGap_waitsForTheGap() {
      TcpHarness h = TcpHarness.established();
      h.receive("FIN|ACK", 5011, 1001);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void established_receivesDataAndFin_deliversThenCloseWait() {
      TcpHarness h = TcpHarness.established();
      h.receive("FIN|PSH|ACK", 5001, 1001, bytes("bye"));
      h.expect("ACK seq=1001 ack=5005");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("bye");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
    }

    @Test
    void established_dataAndFin_applicationRepliesOnData_replyAcksTheFin() {
      // The whole segment, FIN included, is processed before the application hears of its data:
      // the reply written in onData acknowledges the FIN too, and no separate ACK is needed.
      TcpHarness h = TcpHarness.established();
      h.connection.setHandler(writeOn("data", "ok"));
      h.receive("FIN|PSH|ACK", 5001, 1001, bytes("bye"));
      h.expect("PSH|ACK seq=1001 ack=5005 len=2");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
      assertThat(h.appEvents).containsExactly("established", "data", "peer-closed");
    }

    @Test
    void cork_holdsAPartialSegment_untilItIsCleared() {
      // Linux's TCP_CORK: only full-sized segments go while it is set.
      TcpHarness h = TcpHarness.established();
      h.connection.setCork(true);
      h.connection.send(bytes("forty"));
      h.connection.send(bytes("more"));
      h.expectNothing();
      h.connection.setCork(false);
      h.expect("PSH|ACK seq=1001 ack=5001 len=9");
    }

    @Test
    void noDelay_whileCorked_pushesThePartialSegmentOnce() {
      TcpHarness h = TcpHarness.established();
      h.connection.setCork(true);
      h.connection.send(bytes("forty"));
      h.expectNothing();
      h.connection.setNagle(false);
      h.expect("PSH|ACK seq=1001 ack=5001 len=5");
      h.connection.send(bytes("more"));
      h.expectNothing(); // still corked
    }

    @Test
    void endOfRecord_laterBytesNeverJoinItsSegment_andACorkDoesNotHoldIt() {
      // Linux's MSG_EOR: the next write starts a new skb (tcp_skb_can_collapse_to), and
      // tcp_write_xmit corks only the last skb queued. (Nagle is off: it would hold "more" while
      // the small segment before it is unacknowledged.)
      TcpHarness h = TcpHarness.established();
      h.connection.setNagle(false);
      h.connection.setCork(true);
      h.connection.send(bytes("forty"));
      h.connection.endRecord();
      h.expectNothing();
      h.connection.send(bytes("more"));
      h.expect("ACK seq=1001 ack=5001 len=5");
      h.expectNothing(); // "more" is the last skb: still corked
      h.connection.setCork(false);
      h.expect("PSH|ACK seq=1006 ack=5001 len=4");
    }

    @Test
    void endOfRecord_aRetransmissionStopsAtIt() {
      // Linux's tcp_retrans_try_collapse merges no skb with an EOR mark (tcp_skb_can_collapse).
      TcpHarness h = TcpHarness.established();
      h.connection.setNagle(false);
      h.connection.send(new byte[1000]);
      h.connection.endRecord();
      h.connection.send(new byte[1000]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=1000", "PSH|ACK seq=2001 ack=5001 len=1000");
      // The RTO resends from SND.UNA within cwnd = 1 SMSS (1460 bytes): not one segment of 1460
      // across the record's end, but the first record, then what cwnd leaves of the second.
      h.advanceBy("1100ms");
      h.expect("ACK seq=1001 ack=5001 len=1000", "ACK seq=2001 ack=5001 len=460");
    }

    @Test
    void sendWithMoreToFollow_holdsThePartialSegment_untilTheNextWrite() {
      // Linux's MSG_MORE.
      TcpHarness h = TcpHarness.established();
      h.connection.send(bytes("head"), 0, 4, true);
      h.expectNothing();
      h.connection.send(bytes("tail"), 0, 4, false);
      h.expect("PSH|ACK seq=1001 ack=5001 len=8");
    }

    @Test
    void sendMss_isThePeersMssBoundedByOurs() {
      TcpHarness h = TcpHarness.established();
      assertThat(h.connection.info().sendMss()).isEqualTo(1460);
    }

    @Test
    void established_close_sendsFinAfterData_andGoesFinWait1() {
      TcpHarness h = TcpHarness.established();
      h.connection.send(bytes("last"));
      h.expect("PSH|ACK seq=1001 ack=5001 len=4");
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1005 ack=5001");
      assertThat(h.state()).isEqualTo(FIN_WAIT_1);
    }

    @Test
    void established_sendAfterClose_isAnError() {
      TcpHarness h = TcpHarness.finWait1();
      assertThatThrownBy(() -> h.connection.send(bytes("late")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("connection closing");
    }

    @Test
    void established_abort_sendsRstAndCloses() {
      TcpHarness h = TcpHarness.established();
      h.connection.abort();
      h.expect("RST seq=1001");
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class FinWait1 {
    @Test
    void finWait1_receivesAckOfFin_goesFinWait2() {
      TcpHarness h = TcpHarness.finWait1();
      h.receive("ACK", 5001, 1002);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(FIN_WAIT_2);
    }

    @Test
    void finWait1_receivesFin_goesClosingAndAcks() {
      // Simultaneous close: the FINs crossed.
      TcpHarness h = TcpHarness.finWait1();
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSING);
    }

    @Test
    void finWait1_receivesFinAndAckOfOurFinTogether_goesStraightToTimeWait() {
      TcpHarness h = TcpHarness.finWait1();
      h.receive("FIN|ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
      assertThat(h.transitions).last().isEqualTo("FIN_WAIT_1->TIME_WAIT (rcv FIN|ACK)");
    }

    @Test
    void finWait1_unacknowledgedFin_isRetransmitted() {
      TcpHarness h = TcpHarness.finWait1();
      h.advanceBy("1s");
      h.expect("FIN|ACK seq=1001 ack=5001");
    }

    @Test
    void finWait1_receivesData_stillDeliversIt() {
      TcpHarness h = TcpHarness.finWait1();
      h.receive("ACK", 5001, 1002, bytes("more"));
      h.expect("ACK seq=1002 ack=5005");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("more");
      assertThat(h.state()).isEqualTo(FIN_WAIT_2);
    }

    @Test
    void finWait1_receivesRst_isReset() {
      TcpHarness h = TcpHarness.finWait1();
      h.receive("RST", 5001, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class FinWait2 {
    @Test
    void finWait2_receivesFin_acksAndGoesTimeWait() {
      TcpHarness h = TcpHarness.finWait2();
      h.receive("FIN|ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void finWait2_receivesData_deliversIt() {
      TcpHarness h = TcpHarness.finWait2();
      h.receive("PSH|ACK", 5001, 1002, bytes("tail"));
      h.expect("ACK seq=1002 ack=5005");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("tail");
    }

    @Test
    void freebsd_finWait2AfterClose_endsOnlyOnceNothingArrivedForTheTimeout_countedFromFinWait1() {
      // FreeBSD's tcp_timer_2msl: after the 600 s timeout it looks again every keep-alive
      // interval (75 s) until nothing arrived for 600 s (t_rcvtime), the ACK of our FIN included.
      TcpHarness h = TcpHarness.established(TcpHarness.configOf(HostProfile.FREEBSD));
      h.advanceBy("10s");
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("ACK", 5001, 1002); // at 10 s, in FIN-WAIT-1: the timeout runs to 610 s
      assertThat(h.state()).isEqualTo(FIN_WAIT_2);
      h.advanceBy("300s");
      h.receive("ACK", 5001, 1002); // at 310 s, in FIN-WAIT-2
      h.advanceBy("599s"); // 909 s: looked at 610, 685, 760, 835 s and found it heard from
      assertThat(h.state()).isEqualTo(FIN_WAIT_2);
      h.advanceBy("1s"); // 910 s: 600 s since the last segment, not more
      assertThat(h.state()).isEqualTo(FIN_WAIT_2);
      h.advanceBy("75s"); // 985 s: 675 s
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void freebsd_finWait2AfterClose_theAckOfOurFinCountsAsHeardFrom() {
      TcpHarness h = TcpHarness.established(TcpHarness.configOf(HostProfile.FREEBSD));
      h.advanceBy("10s");
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("ACK", 5001, 1002); // at 10 s, in FIN-WAIT-1
      h.advanceBy("601s"); // 611 s: at 610 s, 600 s since that ACK, not more
      assertThat(h.state()).isEqualTo(FIN_WAIT_2);
      h.advanceBy("75s"); // 686 s: at 685 s, 675 s
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void finWait1_closedByTheApplication_noFinWait2TimeoutUntilOurFinIsAcknowledged() {
      // Linux's tcp_close (and FreeBSD's tcp_usrclosed) arm the FIN-WAIT-2 timeout only in
      // FIN-WAIT-2: a FIN still unacknowledged after that long is the retransmission timer's.
      TcpHarness h = TcpHarness.established(TcpHarness.configOf(HostProfile.LINUX));
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.advanceBy("61s"); // past Linux's 60 s tcp_fin_timeout
      assertThat(h.state()).isEqualTo(FIN_WAIT_1);
    }

    @Test
    void finWait2_afterClose_acksDataButDoesNotDeliverIt() {
      TcpHarness h = TcpHarness.established();
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("PSH|ACK", 5001, 1002, bytes("tail"));
      h.expect("ACK seq=1002 ack=5005");
      assertThat(h.received.size()).isZero();
    }

    @Test
    void finWait2_receivesRst_isReset() {
      TcpHarness h = TcpHarness.finWait2();
      h.receive("RST", 5001, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class CloseWait {
    @Test
    void closeWait_close_sendsFin_andGoesLastAck() {
      // RFC 9293 3.10.4: CLOSE-WAIT -> LAST-ACK (RFC 793 said CLOSING; 9293 corrected it).
      TcpHarness h = TcpHarness.closeWait();
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(LAST_ACK);
    }

    @Test
    void closeWait_appClosingOnPeerClosed_sendsOneFinAckThatAlsoAcksTheFin() {
      TcpHarness h = TcpHarness.established();
      h.connection.setHandler(
          new TcpHandler() {
            @Override
            public void onPeerClosed(TcpConnection connection) {
              connection.shutdownOutput();
            }
          });
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("FIN|ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(LAST_ACK);
    }

    @Test
    void closeWait_canStillSend() {
      TcpHarness h = TcpHarness.closeWait();
      h.connection.send(bytes("reply"));
      h.expect("PSH|ACK seq=1001 ack=5002 len=5");
    }

    @Test
    void closeWait_receivesRst_isReset() {
      TcpHarness h = TcpHarness.closeWait();
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void closeWait_receivesFinAtRcvNxt_acksItAndStays() {
      // RFC 9293 3.10.7.4 eighth: "advance RCV.NXT over the FIN, and send an acknowledgment for
      // the FIN"; CLOSE-WAIT: "Remain in the CLOSE-WAIT state".
      TcpHarness h = TcpHarness.closeWait();
      h.receive("FIN|ACK", 5002, 1001);
      h.expect("ACK seq=1001 ack=5003");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
    }

    @Test
    void closeWait_receivesRetransmittedFin_acksAgain() {
      TcpHarness h = TcpHarness.closeWait();
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
    }
  }

  @Nested
  class Closing {
    @Test
    void closing_receivesAckOfFin_goesTimeWait() {
      TcpHarness h = TcpHarness.closing();
      h.receive("ACK", 5002, 1002);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void closing_receivesFinAtRcvNxtWithAckOfOurFin_goesTimeWaitAndAcksTheFin() {
      // RFC 9293 3.10.7.4 fifth, CLOSING: the ACK of our FIN enters TIME-WAIT; the eighth step
      // then takes the FIN at RCV.NXT: "advance RCV.NXT over the FIN, and send an
      // acknowledgment for the FIN" (TIME-WAIT: "Remain in the TIME-WAIT state").
      TcpHarness h = TcpHarness.closing();
      h.receive("FIN|ACK", 5002, 1002);
      h.expect("ACK seq=1002 ack=5003");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void closing_receivesAckNotCoveringOurFin_staysClosing() {
      TcpHarness h = TcpHarness.closing();
      h.receive("ACK", 5002, 1001);
      assertThat(h.state()).isEqualTo(CLOSING);
    }

    @Test
    void closing_retransmitsOurFin() {
      TcpHarness h = TcpHarness.closing();
      h.advanceBy("1s");
      h.expect("FIN|ACK seq=1001 ack=5002");
    }

    @Test
    void closing_receivesRst_closes() {
      TcpHarness h = TcpHarness.closing();
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class LastAck {
    @Test
    void lastAck_receivesAckOfFin_closes() {
      TcpHarness h = TcpHarness.lastAck();
      h.receive("ACK", 5002, 1002);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.transitions).last().isEqualTo("LAST_ACK->CLOSED (rcv ACK)");
    }

    @Test
    void lastAck_finNotAcknowledged_isRetransmitted() {
      // The lost final ACK: LAST-ACK retransmits its FIN after the RTO.
      TcpHarness h = TcpHarness.lastAck();
      h.advanceBy("1s");
      h.expect("FIN|ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(LAST_ACK);
    }

    @Test
    void lastAck_receivesRst_closes() {
      TcpHarness h = TcpHarness.lastAck();
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class TimeWait {
    @Test
    void timeWait_lastsTwoMsl_thenCloses() {
      TcpHarness h = TcpHarness.timeWait();
      h.advanceBy(Time.seconds(60) - 1);
      assertThat(h.state()).isEqualTo(TIME_WAIT);
      h.advanceBy(1);
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.transitions).last().isEqualTo("TIME_WAIT->CLOSED (TIME-WAIT timeout)");
    }

    @Test
    void timeWait_retransmittedFin_isAckedAndTimerRestarts() {
      // RFC 9293 3.10.7.4: "Acknowledge it, and restart the 2 MSL timeout."
      TcpHarness h = TcpHarness.timeWait();
      h.advanceBy("10s");
      h.receive("FIN|ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.connection.info().timeWaitDeadline()).isEqualTo(Time.seconds(70));
      h.advanceBy("59s");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
      h.advanceBy("1s");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void timeWait_receivesDataInTheWindow_acksItAndRestartsTheTimer() {
      // RFC 9293 3.10.7.4 fifth, TIME-WAIT: "Acknowledge it, and restart the 2 MSL timeout";
      // the text itself is ignored (seventh).
      TcpHarness h = TcpHarness.timeWait();
      h.advanceBy("10s");
      h.receive("PSH|ACK", 5002, 1002, bytes("late"));
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.connection.info().timeWaitDeadline()).isEqualTo(Time.seconds(70));
      assertThat(h.received.size()).isZero();
    }

    @Test
    void timeWait_receivesAckAboveRcvNxt_acksItAndRestartsTheTimer() {
      TcpHarness h = TcpHarness.timeWait();
      h.advanceBy("10s");
      h.receive("ACK", 5003, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.connection.info().timeWaitDeadline()).isEqualTo(Time.seconds(70));
    }

    @Test
    void timeWait_receivesDuplicateAckAtRcvNxt_staysSilent() {
      // A bare duplicate ACK carries nothing to acknowledge; BSD and Linux do not answer it.
      TcpHarness h = TcpHarness.timeWait();
      h.advanceBy("10s");
      h.receive("ACK", 5002, 1002);
      h.expectNothing();
      assertThat(h.connection.info().timeWaitDeadline()).isEqualTo(Time.seconds(60));
    }

    @Test
    void timeWait_receivesRst_closes_asRfc9293Says() {
      TcpHarness h = TcpHarness.timeWait();
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void timeWait_receivesRst_withRfc1337_ignoresIt() {
      TcpHarness h = TcpHarness.synReceived(TcpHarness.CONFIG.toBuilder().rfc1337(true).build());
      h.receive("ACK", 5001, 1001);
      h.connection.shutdownOutput();
      h.receive("FIN|ACK", 5001, 1002);
      assertThat(h.state()).isEqualTo(TIME_WAIT);
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void timeWait_receivesSyn_sendsChallengeAck() {
      TcpHarness h = TcpHarness.timeWait();
      h.receive("SYN", 9000, 0);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void zeroLengthTimeWaitCounterfactual_closesRightAfterTheFinalAck() {
      TcpHarness h = TcpHarness.synReceived(TcpHarness.CONFIG.toBuilder().timeWait(0).build());
      h.receive("ACK", 5001, 1001);
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("FIN|ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class SequenceWraparound {
    @Test
    void dataFlowsAcrossTheWrapOfSequenceNumbers() {
      TcpHarness h = TcpHarness.established();
      // Re-establish a connection whose sequence numbers wrap soon, both ways.
      FourTuple tuple = h.connection.tuple();
      int iss = -10; // 2^32 - 10
      TcpConnection c =
          new TcpConnection(
              TcpHarness.CONFIG,
              tuple,
              iss,
              0,
              h,
              new TcpHandler() {
                @Override
                public void onData(TcpConnection connection, ReceivedData data) {
                  h.received.writeBytes(data.toArray());
                }
              });
      int peerIss = -3;
      c.acceptSyn(h.peer(TcpFlags.SYN, peerIss, 0));
      c.onSegment(h.peer(TcpFlags.ACK, peerIss + 1, iss + 1));
      assertThat(c.state()).isEqualTo(ESTABLISHED);
      c.onSegment(h.peer(TcpFlags.ACK, peerIss + 1, iss + 1, bytes("0123456789")));
      assertThat(c.info().rcvNxt()).isEqualTo(8);
      c.send(new byte[20]);
      c.onSegment(h.peer(TcpFlags.ACK, peerIss + 11, iss + 21));
      assertThat(c.info().sndUna()).isEqualTo(11);
      assertThat(c.pollAt()).isEqualTo(TcpConnection.NEVER);
      assertThat(h.received.toString(US_ASCII)).isEqualTo("0123456789");
    }
  }

  @Test
  void segmentArrivingWhileAnotherIsProcessed_itsCallbacksWaitUntilTheOutermostEnds() {
    // HeldCallbacks: the application hears of a segment's outcome once the segment is processed
    // to its end; a segment delivered synchronously from inside another (here, as the outer one's
    // data is raised) is processed whole, but its callbacks wait for the outer one too.
    TcpHarness h = TcpHarness.established();
    List<String> heard = new ArrayList<>();
    h.connection.setHandler(
        new TcpHandler() {
          @Override
          public void onData(TcpConnection c, ReceivedData data) {
            heard.add("data " + data.length());
          }

          @Override
          public void onPeerClosed(TcpConnection c) {
            heard.add("peer-closed");
          }
        });
    List<String> heardWhenNestedEnded = new ArrayList<>();
    h.appEventHook =
        () -> {
          h.receive("FIN|ACK", 5101, 1001);
          heardWhenNestedEnded.addAll(heard);
        };

    h.receive("PSH|ACK", 5001, 1001, new byte[100]);

    assertThat(heardWhenNestedEnded).isEmpty();
    assertThat(heard).containsExactlyInAnyOrder("data 100", "peer-closed");
    assertThat(h.connection.state()).isEqualTo(CLOSE_WAIT);
  }
}
