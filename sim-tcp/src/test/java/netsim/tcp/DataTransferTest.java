package netsim.tcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reliable data transfer, flow control and congestion control, one rule at a time with exact
 * segments (our ISS 1000, the peer's 5000; see {@link TcpHarness}).
 */
class DataTransferTest {
  private static final TcpConfig NO_NAGLE = TcpHarness.CONFIG.toBuilder().nagle(false).build();

  private static byte[] bytes(String text) {
    return text.getBytes(US_ASCII);
  }

  /** Three segments sent, none acknowledged; the RTO (1 s) fired and the first went again. */
  private static TcpHarness resending() {
    TcpHarness h = TcpHarness.established(NO_NAGLE);
    h.connection.send(new byte[3 * 1460]);
    h.expect(
        "ACK seq=1001 ack=5001 len=1460",
        "ACK seq=2461 ack=5001 len=1460",
        "PSH|ACK seq=3921 ack=5001 len=1460");
    h.advanceBy("1s");
    h.expect("ACK seq=1001 ack=5001 len=1460");
    return h;
  }

  @Nested
  class Reassembly {
    @Test
    void outOfOrderData_isHeld_andDeliveredWhenTheGapFills() {
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5006, 1001, bytes("world"));
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.received.size()).isZero();
      h.receive("ACK", 5001, 1001, bytes("hello"));
      h.expect("ACK seq=1001 ack=5011");
      assertThat(h.received.toString(US_ASCII)).isEqualTo("helloworld");
    }

    @Test
    void overlappingRetransmissions_deliverEachByteOnce() {
      TcpHarness h = TcpHarness.established();
      h.receive("ACK", 5004, 1001, bytes("defgh"));
      h.receive("ACK", 5002, 1001, bytes("bcdef"));
      h.receive("ACK", 5001, 1001, bytes("ab"));
      assertThat(h.received.toString(US_ASCII)).isEqualTo("abcdefgh");
      assertThat(h.connection.info().rcvNxt()).isEqualTo(5009);
    }

    @Test
    void aFinBeyondAGap_isTakenWhenTheGapFills() {
      TcpHarness h = TcpHarness.established();
      h.receive("FIN|ACK", 5004, 1001, bytes("end"));
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
      h.receive("ACK", 5001, 1001, bytes("the"));
      h.expect("ACK seq=1001 ack=5008");
      assertThat(h.state()).isEqualTo(TcpState.CLOSE_WAIT);
      assertThat(h.received.toString(US_ASCII)).isEqualTo("theend");
    }
  }

  @Nested
  class FlowControl {
    @Test
    void aOneGibibyteSendBuffer_holdsTheBytesWaiting_andGivesThemBackWhenAcknowledged() {
      TcpHarness h =
          TcpHarness.established(TcpHarness.CONFIG.toBuilder().sendBuffer(1 << 30).build());
      assertThat(h.connection.info().sendBufferAllocated()).isZero();
      assertThat(h.connection.send(new byte[100])).isEqualTo(100);
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(h.connection.info().sendBufferAllocated()).isEqualTo(100);
      assertThat(h.connection.sendBufferFree()).isEqualTo((1 << 30) - 100);
      h.receive("ACK", 5001, 1101);
      assertThat(h.connection.info().sendBufferAllocated()).isZero();
    }

    @Test
    void aReceiverThatStopsReading_closesItsWindow_andReopensItWithAnUpdate() {
      TcpHarness h = TcpHarness.established();
      h.connection.setReading(false);
      h.receive("ACK", 5001, 1001, new byte[40000]);
      h.expect("ACK seq=1001 ack=45001");
      assertThat(h.sent.get(h.sent.size() - 1).window()).isEqualTo(TcpHarness.WINDOW - 40000);
      h.receive("ACK", 45001, 1001, new byte[24000]);
      h.expect("ACK seq=1001 ack=69001");
      assertThat(h.sent.get(h.sent.size() - 1).window()).isZero();
      h.connection.setReading(true);
      // The window update: the whole buffer is free again.
      h.expect("ACK seq=1001 ack=69001");
      assertThat(h.sent.get(h.sent.size() - 1).window()).isEqualTo(TcpHarness.WINDOW);
      assertThat(h.received.size()).isEqualTo(64000);
    }

    @Test
    void aZeroWindow_isProbedWithBackoff_andDataFlowsWhenItOpens() {
      // RFC 9293 3.8.6.1: probe a zero window with one byte of new data.
      TcpHarness h = TcpHarness.synReceived(NO_NAGLE, 1000);
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[2000]);
      h.expect("ACK seq=1001 ack=5001 len=1000");
      h.peerWindow = 0;
      h.receive("ACK", 5001, 2001);
      h.expectNothing();
      h.advanceBy("1s");
      h.expect("ACK seq=2001 ack=5001 len=1");
      h.receive("ACK", 5001, 2001); // the probe byte is refused: still no room
      h.advanceBy("2s");
      h.expect("ACK seq=2001 ack=5001 len=1");
      h.receive("ACK", 5001, 2001);
      h.advanceBy("3999ms");
      h.expectNothing();
      h.peerWindow = 1000;
      h.receive("ACK", 5001, 2001); // the window opens
      h.expect("PSH|ACK seq=2001 ack=5001 len=1000");
    }

    @Test
    void zeroWindowProbes_areCountedUntilAnAckThatIsNotOld() {
      // Linux's tcp_send_probe0 counts icsk_probes_out (tcpi_probes) up; tcp_ack clears it for
      // any ACK that is not old, even one that keeps the window shut.
      TcpHarness h = TcpHarness.synReceived(NO_NAGLE, 1000);
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[2000]);
      h.expect("ACK seq=1001 ack=5001 len=1000");
      h.peerWindow = 0;
      h.receive("ACK", 5001, 2001);
      assertThat(h.connection.info().probesUnanswered()).isZero();
      h.advanceBy("1s");
      h.expect("ACK seq=2001 ack=5001 len=1");
      h.advanceBy("2s");
      h.expect("ACK seq=2001 ack=5001 len=1");
      assertThat(h.connection.info().probesUnanswered()).isEqualTo(2);
      h.receive("ACK", 5001, 1500); // an old ACK answers nothing
      assertThat(h.connection.info().probesUnanswered()).isEqualTo(2);
      h.receive("ACK", 5001, 2001); // the window is still shut, but the peer answered
      assertThat(h.connection.info().probesUnanswered()).isZero();
      h.advanceBy("4s");
      h.expect("ACK seq=2001 ack=5001 len=1");
      assertThat(h.connection.info().probesUnanswered()).isEqualTo(1);
    }
  }

  @Nested
  class Nagle {
    @Test
    void withNagle_aSecondSmallWriteWaitsForTheFirstsAck() {
      TcpHarness h = TcpHarness.established();
      h.connection.send(bytes("one"));
      h.connection.send(bytes("two"));
      h.expect("PSH|ACK seq=1001 ack=5001 len=3");
      h.receive("ACK", 5001, 1004);
      h.expect("PSH|ACK seq=1004 ack=5001 len=3");
    }

    @Test
    void withoutNagle_smallWritesGoAtOnce() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.connection.send(bytes("one"));
      h.connection.send(bytes("two"));
      h.expect("PSH|ACK seq=1001 ack=5001 len=3", "PSH|ACK seq=1004 ack=5001 len=3");
    }
  }

  @Nested
  class DelayedAck {
    private final TcpConfig delayed = TcpHarness.CONFIG.toBuilder().delayedAck(true).build();

    @Test
    void aSingleSegmentIsAcknowledgedAfterTheDelay() {
      TcpHarness h = TcpHarness.established(delayed);
      h.receive("PSH|ACK", 5001, 1001, bytes("hi"));
      h.expectNothing();
      h.advanceBy("199ms");
      h.expectNothing();
      h.advanceBy("1ms");
      h.expect("ACK seq=1001 ack=5003");
    }

    @Test
    void everySecondFullSizedSegmentIsAcknowledgedAtOnce() {
      TcpHarness h = TcpHarness.established(delayed);
      h.receive("ACK", 5001, 1001, new byte[1460]);
      h.expectNothing();
      h.receive("ACK", 6461, 1001, new byte[1460]);
      h.expect("ACK seq=1001 ack=7921");
    }

    @Test
    void aDelayedAckRidesOnDataSentMeanwhile() {
      TcpHarness h = TcpHarness.established(delayed);
      h.receive("PSH|ACK", 5001, 1001, bytes("ping"));
      h.advanceBy("10ms");
      h.connection.send(bytes("pong"));
      h.expect("PSH|ACK seq=1001 ack=5005 len=4");
      h.receive("ACK", 5005, 1005);
      h.advanceBy("1s");
      h.expectNothing(); // no separate ACK of "ping" was owed
    }

    @Test
    void outOfOrderData_isAcknowledgedAtOnceEvenWithDelayedAcks() {
      TcpHarness h = TcpHarness.established(delayed);
      h.receive("ACK", 5101, 1001, bytes("gap"));
      h.expect("ACK seq=1001 ack=5001");
    }

    @Test
    void nagleAndDelayedAck_stallASmallSecondWriteForTheAckDelay() {
      // The classic interplay: the sender's Nagle holds "two" until "one" is acknowledged, and
      // the receiver delays that ACK; the second write leaves one delayed-ACK timeout later.
      TcpHarness receiver = TcpHarness.established(delayed);
      receiver.receive("PSH|ACK", 5001, 1001, bytes("one"));
      receiver.expectNothing();
      receiver.advanceBy("200ms");
      receiver.expect("ACK seq=1001 ack=5004");

      TcpHarness sender = TcpHarness.established();
      sender.connection.send(bytes("one"));
      sender.connection.send(bytes("two"));
      sender.expect("PSH|ACK seq=1001 ack=5001 len=3");
      sender.advanceBy("200ms");
      sender.receive("ACK", 5001, 1004);
      sender.expect("PSH|ACK seq=1004 ack=5001 len=3");
    }
  }

  @Nested
  class CongestionControl {
    @Test
    void theInitialWindowIsRfc5681s_threeSegmentsOf1460() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      assertThat(h.connection.info().cwnd()).isEqualTo(4380);
      h.connection.send(new byte[10 * 1460]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "ACK seq=3921 ack=5001 len=1460");
    }

    @Test
    void slowStart_addsOneSegmentPerAck_doublingTheWindowEachRoundTrip() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.connection.send(new byte[100 * 1460]);
      long[] windows = new long[4];
      int acked = 0;
      for (int round = 0; round < windows.length; round++) {
        windows[round] = h.connection.info().cwnd();
        int inFlight = (int) (h.connection.info().bytesInFlight() / 1460);
        for (int i = 0; i < inFlight; i++) {
          acked++;
          h.receive("ACK", 5001, 1001 + acked * 1460);
        }
      }
      assertThat(windows).containsExactly(3 * 1460, 6 * 1460, 12 * 1460, 24 * 1460);
    }

    @Test
    void threeDuplicateAcks_triggerExactlyOneFastRetransmit() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.connection.send(new byte[3 * 1460]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "PSH|ACK seq=3921 ack=5001 len=1460");
      h.receive("ACK", 5001, 2461);
      h.expectNothing(); // the window grew but there is nothing more to send
      h.connection.send(new byte[2 * 1460]);
      h.expect("ACK seq=5381 ack=5001 len=1460", "PSH|ACK seq=6841 ack=5001 len=1460");
      // 2461 was lost: the later segments produce duplicate ACKs.
      h.receive("ACK", 5001, 2461);
      h.receive("ACK", 5001, 2461);
      h.expectNothing();
      h.receive("ACK", 5001, 2461);
      h.expect("ACK seq=2461 ack=5001 len=1460");
      assertThat(h.connection.info().inRecovery()).isTrue();
      // ssthresh = max(FlightSize / 2, 2 * SMSS) = 5840 / 2 -> 2920; cwnd = ssthresh + 3 * SMSS.
      assertThat(h.connection.info().ssthresh()).isEqualTo(2920);
      assertThat(h.connection.info().cwnd()).isEqualTo(2920 + 3 * 1460);
      h.receive("ACK", 5001, 2461);
      h.expectNothing(); // a fourth duplicate only inflates the window
      assertThat(h.connection.info().cwnd()).isEqualTo(2920 + 4 * 1460);
      assertThat(h.connection.info().retransmissions()).isEqualTo(1);
    }

    @Test
    void newReno_aPartialAck_retransmitsTheNextHole_andAFullAckEndsRecovery() {
      TcpHarness h = TcpHarness.established(NO_NAGLE);
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[3 * 1460]);
      h.receive("ACK", 5001, 2461);
      h.connection.send(new byte[2 * 1460]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "PSH|ACK seq=3921 ack=5001 len=1460",
          "ACK seq=5381 ack=5001 len=1460",
          "PSH|ACK seq=6841 ack=5001 len=1460");
      // 2461 and 5381 were lost.
      for (int i = 0; i < 3; i++) {
        h.receive("ACK", 5001, 2461);
      }
      h.expect("ACK seq=2461 ack=5001 len=1460");
      // The retransmission fills the first hole: a partial ACK up to the second hole.
      h.receive("ACK", 5001, 5381);
      h.expect("ACK seq=5381 ack=5001 len=1460");
      assertThat(h.connection.info().inRecovery()).isTrue();
      h.receive("ACK", 5001, 8301);
      assertThat(h.connection.info().inRecovery()).isFalse();
      assertThat(h.connection.info().retransmissions()).isEqualTo(2);
    }

    @Test
    void reno_theFirstNewAckEndsRecovery() {
      TcpHarness h = TcpHarness.established(NO_NAGLE.toBuilder().congestionControl("reno").build());
      h.connection.send(new byte[3 * 1460]);
      h.receive("ACK", 5001, 2461);
      h.connection.send(new byte[2 * 1460]);
      for (int i = 0; i < 3; i++) {
        h.receive("ACK", 5001, 2461);
      }
      assertThat(h.connection.info().inRecovery()).isTrue();
      h.receive("ACK", 5001, 5381);
      assertThat(h.connection.info().inRecovery()).isFalse();
      assertThat(h.connection.info().cwnd()).isEqualTo(h.connection.info().ssthresh());
    }

    @Test
    void aRetransmissionTimeout_collapsesTheWindowToOneSegment_andBacksOffTheTimer() {
      TcpHarness h = resending();
      assertThat(h.connection.info().cwnd()).isEqualTo(1460);
      assertThat(h.connection.info().ssthresh()).isEqualTo(2920);
      assertThat(h.connection.info().rto()).isEqualTo(Time.seconds(2));
      h.advanceBy("2s");
      h.expect("ACK seq=1001 ack=5001 len=1460");
      assertThat(h.connection.info().rto()).isEqualTo(Time.seconds(4));
    }

    /**
     * RFC 5681 3.1: once the segment "has already been retransmitted by way of the retransmission
     * timer at least once, the value of ssthresh is held constant"; Linux's tcp_enter_loss reduces
     * it only on the first timeout of a loss episode. With CUBIC, whose ssthresh comes from cwnd, a
     * second reduction would take 0.7 x 1 SMSS (so 2 SMSS) instead.
     */
    @Test
    void aSecondTimeoutOfTheSameSegment_holdsSsthresh_andCollapsesCwndAgain() {
      TcpHarness h =
          TcpHarness.established(
              TcpHarness.CONFIG.toBuilder().nagle(false).congestionControl("cubic").build());
      h.connection.send(new byte[3 * 1460]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "PSH|ACK seq=3921 ack=5001 len=1460");
      h.advanceBy("1s");
      h.expect("ACK seq=1001 ack=5001 len=1460");
      assertThat(h.connection.info().ssthresh()).as("0.7 x 3 SMSS").isEqualTo(3066);
      assertThat(h.connection.info().cwnd()).isEqualTo(1460);
      h.advanceBy("2s");
      h.expect("ACK seq=1001 ack=5001 len=1460");
      assertThat(h.connection.info().ssthresh()).as("held").isEqualTo(3066);
      assertThat(h.connection.info().cwnd()).isEqualTo(1460);
      // A new acknowledgment ends the episode: the next timeout reduces again.
      h.receive("ACK", 5001, 2461);
      h.expect("ACK seq=2461 ack=5001 len=1460", "PSH|ACK seq=3921 ack=5001 len=1460");
      assertThat(h.connection.info().cwnd()).isEqualTo(2920);
      h.advanceBy("4s");
      h.expect("ACK seq=2461 ack=5001 len=1460");
      assertThat(h.connection.info().ssthresh()).as("max(2 SMSS, 0.7 x 2 SMSS)").isEqualTo(2920);
    }

    /**
     * Linux counts cwnd in packets (tcp_slow_start, tcp_is_cwnd_limited): after a timeout, the ACK
     * of a resent segment shorter than the MSS delivers one packet, and cwnd goes from 1 to 2
     * segments; counted in bytes, 500 bytes in flight would not even be cwnd-limited.
     */
    @Test
    void linuxSlowStart_countsASegmentShorterThanTheMss_asAWholeOne() {
      TcpHarness h = TcpHarness.established(TcpHarness.configOf(HostProfile.LINUX));
      h.connection.send(new byte[500]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=500");
      h.advanceBy("1s"); // a tail loss probe, then the timeout
      h.expect("PSH|ACK seq=1001 ack=5001 len=500", "PSH|ACK seq=1001 ack=5001 len=500");
      long smss = h.connection.info().sendMss();
      assertThat(h.connection.info().cwnd()).as("after the timeout").isEqualTo(smss);
      h.receive("ACK", 5001, 1501);
      assertThat(h.connection.info().cwnd()).isEqualTo(2 * smss);
    }
  }

  /**
   * After a timeout SND.NXT goes back to SND.UNA to resend, but what was sent stays sent: a segment
   * without data carries SND.MAX (FreeBSD's tcp_output does the same; RFC 9293's SND.NXT never
   * moves back). Otherwise, with both ends resending, each end's ACKs carry a sequence number below
   * the other's RCV.NXT, fail the acceptability test, and are dropped unread: the ACKs that would
   * end the retransmissions never count, and both ends resend until they give up.
   */
  @Nested
  class AfterATimeout {
    @Test
    void anAckWithoutData_carriesTheHighestSequenceNumberSent() {
      TcpHarness h = resending();
      h.receive("ACK", 5006, 1001, bytes("world")); // out of order: ACKed at once
      h.expect("ACK seq=5381 ack=5001");
    }

    @Test
    void thatAck_isAcceptableToAPeerThatReceivedEverything_soItsAckCounts() {
      TcpHarness h = resending();
      // The peer got all three segments; its ACK of them was lost, and its own resent data
      // lies wholly below our RCV.NXT: we answer with an ACK at SND.MAX.
      h.receive("ACK", 5001, 1001, bytes("hello"));
      h.advanceBy("200ms");
      h.expect("ACK seq=5381 ack=5006");
      h.receive("ACK", 5001, 1001, bytes("hello"));
      h.expect("ACK seq=5381 ack=5006");
      // The peer's ACK of everything, at its own SND.MAX, ends the retransmissions.
      h.receive("ACK", 5006, 5381);
      h.expectNothing();
      assertThat(h.connection.info().sndUna()).isEqualTo(5381);
      assertThat(h.connection.info().retransmitDeadline()).isEqualTo(TcpConnection.NEVER);
    }

    @Test
    void anAbort_resetsAtTheHighestSequenceNumberSent() {
      // RFC 9293 3.10.5: <SEQ=SND.NXT><CTL=RST>, RFC 9293's SND.NXT being our SND.MAX; below
      // the peer's RCV.NXT it would be dropped (RFC 5961 3.2).
      TcpHarness h = resending();
      h.connection.abort();
      h.expect("RST seq=5381");
    }
  }

  @Nested
  class Keepalive {
    private final TcpConfig keepalive =
        TcpHarness.CONFIG.toBuilder()
            .keepalive(true)
            .keepaliveIdle(Time.seconds(10))
            .keepaliveInterval(Time.seconds(2))
            .keepaliveProbes(3)
            .build();

    @Test
    void anIdleConnectionIsProbed_andAnAnswerKeepsItOpen() {
      TcpHarness h = TcpHarness.established(keepalive);
      h.advanceBy("10s");
      h.expect("ACK seq=1000 ack=5001");
      h.receive("ACK", 5001, 1001);
      h.advanceBy("9s");
      h.expectNothing();
      h.advanceBy("1s");
      h.expect("ACK seq=1000 ack=5001");
    }

    @Test
    void unansweredProbes_endTheConnection() {
      TcpHarness h = TcpHarness.established(keepalive);
      h.advanceBy("10s");
      h.advanceBy("2s");
      h.advanceBy("2s");
      h.expect("ACK seq=1000 ack=5001", "ACK seq=1000 ack=5001", "ACK seq=1000 ack=5001");
      h.advanceBy("2s");
      assertThat(h.state()).isEqualTo(TcpState.CLOSED);
      assertThat(h.appEvents).contains("timeout");
    }

    @Test
    void keepaliveIsOffByDefault() {
      TcpHarness h = TcpHarness.established();
      h.advanceBy("10h");
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
    }
  }

  @Nested
  class WindowScaling {
    @Test
    void bothSidesOfferingScaling_scaleTheWindowFieldsBothWays() {
      // RFC 7323 2: the shift applies to every segment but the SYNs.
      TcpConfig big =
          TcpHarness.CONFIG.toBuilder().windowScaling(true).receiveBuffer(1 << 20).build();
      TcpHarness h = new TcpHarness(big, true);
      TcpSegment syn =
          new TcpSegment(
              49152,
              80,
              5000,
              0,
              TcpFlags.SYN,
              65535,
              0,
              new TcpOptions(
                  1460, 3, false, false, 0, 0, com.google.common.collect.ImmutableList.of()),
              null);
      h.connection.acceptSyn(syn);
      TcpSegment synAck = h.sent.get(0);
      assertThat(synAck.options().windowScale()).isEqualTo(5); // 1 MiB needs 2^5
      assertThat(synAck.window()).isEqualTo(65535);
      h.connection.onSegment(
          new TcpSegment(49152, 80, 5001, 1001, TcpFlags.ACK, 100, 0, TcpOptions.NONE, null));
      assertThat(h.connection.info().sndWnd()).isEqualTo(800); // 100 << 3
      h.connection.send(new byte[10]);
      assertThat(h.sent.get(1).window()).isEqualTo((1 << 20) >> 5);
    }

    @Test
    void aPeerWithoutScaling_turnsItOffForBoth() {
      TcpConfig big =
          TcpHarness.CONFIG.toBuilder().windowScaling(true).receiveBuffer(1 << 20).build();
      TcpHarness h = TcpHarness.synReceived(big);
      assertThat(h.sent.get(0).options().hasWindowScale()).isFalse();
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[10]);
      assertThat(h.sent.get(1).window()).isEqualTo(65535);
    }
  }
}
