package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import java.util.List;
import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SACK end to end through one connection, with exact segments: the receiver's blocks (RFC 2018 4)
 * and D-SACK (RFC 2883), and the sender's RFC 6675 recovery. Our ISS is 1000, the peer's 5000
 * ({@link TcpHarness}); the MSS is 1460.
 */
class SackTest {
  private static final TcpConfig SACK =
      TcpHarness.CONFIG.toBuilder().sackPermitted(true).nagle(false).build();

  private static final TcpOptions PEER_SYN_SACK =
      new TcpOptions(1460, -1, true, false, 0, 0, ImmutableList.of());

  /** Established with a peer whose SYN offered SACK-permitted (and timestamps, if asked). */
  private static TcpHarness established(TcpConfig config, boolean peerTimestamps) {
    TcpHarness h = new TcpHarness(config, true);
    TcpOptions options = peerTimestamps ? PEER_SYN_SACK.withTimestamps(1, 0) : PEER_SYN_SACK;
    h.connection.acceptSyn(segment(h, TcpFlags.SYN, 5000, 0, options, 0));
    h.expect("SYN|ACK seq=1000 ack=5001");
    h.receive("ACK", 5001, 1001);
    return h;
  }

  private static TcpHarness established() {
    return established(SACK, false);
  }

  private static TcpSegment segment(
      TcpHarness h, int flags, int seq, int ack, TcpOptions options, int length) {
    return new TcpSegment(
        h.remotePort, h.localPort, seq, ack, flags, h.peerWindow, 0, options, new byte[length]);
  }

  /** The peer sends {@code length} bytes at {@code seq}. */
  private static void data(TcpHarness h, int seq, int length) {
    h.connection.onSegment(segment(h, TcpFlags.ACK, seq, 1001, TcpOptions.NONE, length));
  }

  /** The peer acknowledges {@code ack} with SACK blocks given as (left, right) pairs. */
  private static void sackAck(TcpHarness h, int ack, int... edges) {
    TcpOptions.SackBlock[] blocks = new TcpOptions.SackBlock[edges.length / 2];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new TcpOptions.SackBlock(edges[2 * i], edges[2 * i + 1]);
    }
    TcpOptions options = TcpOptions.NONE.withSackBlocks(List.of(blocks));
    h.connection.onSegment(segment(h, TcpFlags.ACK, 5001, ack, options, 0));
  }

  /** A four-segment write, all of it sent at once. */
  private static TcpHarness sendFourSegments(TcpHarness h) {
    h.connection.send(new byte[4 * 1460]);
    h.expect(
        "ACK seq=1001 ack=5001 len=1460",
        "ACK seq=2461 ack=5001 len=1460",
        "ACK seq=3921 ack=5001 len=1460",
        "PSH|ACK seq=5381 ack=5001 len=1460");
    return h;
  }

  @Nested
  class Receiver {
    @Test
    void firstBlockHoldsTheSegmentThatTriggeredTheAck_thenTheOthersMostRecentFirst() {
      TcpHarness h = established();
      data(h, 5101, 100);
      h.expect("ACK seq=1001 ack=5001 sack=5101:5201");
      data(h, 5301, 100);
      h.expect("ACK seq=1001 ack=5001 sack=5301:5401 sack=5101:5201");
      data(h, 5501, 100);
      h.expect("ACK seq=1001 ack=5001 sack=5501:5601 sack=5301:5401 sack=5101:5201");
      data(h, 5201, 100); // joins the first two blocks
      h.expect("ACK seq=1001 ack=5001 sack=5101:5401 sack=5501:5601");
      data(h, 5001, 100); // fills the gap at RCV.NXT: no first-block rule, the rest remains
      h.expect("ACK seq=1001 ack=5401 sack=5501:5601");
      data(h, 5401, 100);
      h.expect("ACK seq=1001 ack=5601");
      assertThat(h.received.size()).isEqualTo(600);
    }

    @Test
    void aGapFilledWholly_leavesNoBlock_andTheNextGapIsReportedAlone() {
      TcpHarness h = established();
      data(h, 5101, 100);
      h.expect("ACK seq=1001 ack=5001 sack=5101:5201");
      data(h, 5001, 100); // fills the only gap: everything held is delivered
      h.expect("ACK seq=1001 ack=5201");
      data(h, 5201, 100);
      h.expect("ACK seq=1001 ack=5301");
      data(h, 5401, 100); // a new gap: its block alone, nothing of the first one
      h.expect("ACK seq=1001 ack=5301 sack=5401:5501");
      data(h, 5301, 100);
      h.expect("ACK seq=1001 ack=5501");
      assertThat(h.received.size()).isEqualTo(500);
    }

    @Test
    void withoutTimestamps_anAckCarriesFourBlocks() {
      TcpHarness h = established();
      for (int i = 5; i >= 1; i--) {
        data(h, 5001 + 200 * i, 100);
      }
      assertThat(h.sent.get(h.sent.size() - 1).options().sackBlocks())
          .extracting(Object::toString)
          .containsExactly("5201:5301", "5401:5501", "5601:5701", "5801:5901");
    }

    @Test
    void withTimestamps_anAckCarriesThreeBlocks_withinTheFortyOptionBytes() {
      TcpHarness h = established(SACK.toBuilder().timestamps(true).build(), true);
      for (int i = 5; i >= 1; i--) {
        data(h, 5001 + 200 * i, 100);
      }
      TcpSegment ack = h.sent.get(h.sent.size() - 1);
      assertThat(ack.options().sackBlocks())
          .extracting(Object::toString)
          .containsExactly("5201:5301", "5401:5501", "5601:5701");
      assertThat(ack.options().length()).isEqualTo(40);
    }

    @Test
    void dataSentWhileBlocksAreHeld_isSizedToTheMssLessTheSackOption() {
      // Linux's tcp_current_mss: the segment carries the SACK blocks too (one block: 12 bytes).
      TcpHarness h = established();
      data(h, 5101, 100);
      h.expect("ACK seq=1001 ack=5001 sack=5101:5201");
      h.connection.send(new byte[1460]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1448 sack=5101:5201",
          "PSH|ACK seq=2449 ack=5001 len=12 sack=5101:5201");
      TcpSegment first = h.sent.get(h.sent.size() - 2);
      assertThat(first.length()).isEqualTo(20 + 12 + 1448);
      assertThat(first.hasTimestamps()).isFalse();
    }

    @Test
    void aSegmentBelowRcvNxt_isReportedOnceInADsackBlock() {
      TcpHarness h = established();
      data(h, 5001, 100);
      h.expect("ACK seq=1001 ack=5101");
      data(h, 5001, 100); // a needless retransmission
      h.expect("ACK seq=1001 ack=5101 sack=5001:5101");
      h.receive("ACK", 5101, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5201");
      data(h, 5101, 100); // a second duplicate after the first was reported: reported in turn
      h.expect("ACK seq=1001 ack=5201 sack=5101:5201");
    }

    @Test
    void aHostWithoutDsack_acknowledgesADuplicateWithoutABlock() {
      // Linux's net.ipv4.tcp_dsack=0: tcp_dsack_set does nothing, the duplicate gets a plain ACK.
      HostProfile noDsack = HostProfile.RFC.toBuilder("no-dsack").dsack(false).build();
      TcpConfig config =
          TcpHarness.configOf(noDsack).toBuilder().sackPermitted(true).nagle(false).build();
      TcpHarness h = established(config, false);
      data(h, 5001, 100);
      h.expect("ACK seq=1001 ack=5101");
      data(h, 5001, 100);
      h.expect("ACK seq=1001 ack=5101");
      data(h, 5201, 100); // an out-of-order segment still gets its RFC 2018 block
      h.expect("ACK seq=1001 ack=5101 sack=5201:5301");
      data(h, 5201, 100); // and its duplicate no D-SACK block
      h.expect("ACK seq=1001 ack=5101 sack=5201:5301");
    }

    @Test
    void aPartlyDuplicateSegment_hasItsOldPartReportedInADsackBlock() {
      TcpHarness h = established();
      data(h, 5001, 100);
      h.expect("ACK seq=1001 ack=5101");
      data(h, 5001, 200);
      h.expect("ACK seq=1001 ack=5201 sack=5001:5101");
    }

    @Test
    void aDuplicateOfHeldData_isReportedFirst_thenTheBlockThatHoldsIt() {
      TcpHarness h = established();
      data(h, 5101, 100);
      data(h, 5201, 100);
      data(h, 5501, 100);
      h.expect(
          "ACK seq=1001 ack=5001 sack=5101:5201",
          "ACK seq=1001 ack=5001 sack=5101:5301",
          "ACK seq=1001 ack=5001 sack=5501:5601 sack=5101:5301");
      data(h, 5201, 100);
      h.expect("ACK seq=1001 ack=5001 sack=5201:5301 sack=5101:5301 sack=5501:5601");
    }

    @Test
    void withoutSackNegotiated_noBlocksAreSent() {
      TcpHarness h = TcpHarness.established(SACK); // the peer's SYN offers no SACK-permitted
      h.receive("ACK", 5101, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5001");
    }
  }

  @Nested
  class Sender {
    /** Ten segments in flight (cwnd 10 SMSS), fourteen written: seq 1001 + 1460 k. */
    private TcpHarness tenInFlight() {
      TcpHarness h = established(SACK.toBuilder().initialWindow(10).build(), false);
      h.connection.send(new byte[14 * 1460]);
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "ACK seq=3921 ack=5001 len=1460",
          "ACK seq=5381 ack=5001 len=1460",
          "ACK seq=6841 ack=5001 len=1460",
          "ACK seq=8301 ack=5001 len=1460",
          "ACK seq=9761 ack=5001 len=1460",
          "ACK seq=11221 ack=5001 len=1460",
          "ACK seq=12681 ack=5001 len=1460",
          "ACK seq=14141 ack=5001 len=1460");
      return h;
    }

    /** The whole of a four-segment write in flight. */
    private TcpHarness fourInFlight(TcpHarness h) {
      return sendFourSegments(h);
    }

    @Test
    void twoLossesInOneWindow_areBothRepairedInOneRecovery_withNewDataAsPipeAllows() {
      TcpHarness h = tenInFlight(); // segments 1001 and 5381 are lost
      sackAck(h, 1001, 2461, 3921);
      sackAck(h, 1001, 2461, 5381);
      h.expectNothing();
      sackAck(h, 1001, 6841, 8301, 2461, 5381);
      // RFC 6675 5 (4): the third duplicate; cwnd = ssthresh = FlightSize / 2 = 7300.
      h.expect("ACK seq=1001 ack=5001 len=1460");
      assertThat(h.connection.info().cwnd()).isEqualTo(7300);
      sackAck(h, 1001, 6841, 9761, 2461, 5381);
      h.expectNothing(); // pipe 8760: 5381 is not lost yet (2 SMSS SACKed above it)
      sackAck(h, 1001, 6841, 11221, 2461, 5381);
      h.expect("ACK seq=5381 ack=5001 len=1460"); // NextSeg (1): now lost
      sackAck(h, 1001, 6841, 12681, 2461, 5381);
      h.expect("ACK seq=15601 ack=5001 len=1460"); // NextSeg (2): new data
      sackAck(h, 1001, 6841, 14141, 2461, 5381);
      h.expect("ACK seq=17061 ack=5001 len=1460");
      sackAck(h, 1001, 6841, 15601, 2461, 5381);
      h.expect("ACK seq=18521 ack=5001 len=1460");
      sackAck(h, 5381, 6841, 15601); // the first retransmission arrived: a partial ACK
      h.expect("PSH|ACK seq=19981 ack=5001 len=1460");
      assertThat(h.connection.info().inRecovery()).isTrue();
      sackAck(h, 15601); // RecoveryPoint: recovery ends, no timeout was needed
      assertThat(h.connection.info().inRecovery()).isFalse();
      assertThat(h.connection.info().cwnd()).isEqualTo(7300);
      h.expectNothing();
    }

    @Test
    void duplicateAcksWithoutSackBlocks_startNoRecovery() {
      TcpHarness h = tenInFlight();
      for (int i = 0; i < 5; i++) {
        h.receive("ACK", 5001, 1001);
      }
      h.expectNothing();
      assertThat(h.connection.info().inRecovery()).isFalse();
    }

    @Test
    void withoutTheSacksOfThePeer_recoveryIsNewReno() {
      TcpHarness h =
          fourInFlight(TcpHarness.established(SACK.toBuilder().initialWindow(10).build()));
      for (int i = 0; i < 3; i++) {
        h.receive("ACK", 5001, 1001);
      }
      h.expect("ACK seq=1001 ack=5001 len=1460"); // RFC 5681 fast retransmit
    }

    @Test
    void aPeerThatReneges_getsItsSackedDataAgainAfterTheTimeout() {
      TcpHarness h = fourInFlight(established(SACK.toBuilder().initialWindow(10).build(), false));
      sackAck(h, 1001, 2461, 6841); // IsLost(1001): 3 SMSS SACKed above
      h.expect("ACK seq=1001 ack=5001 len=1460");
      h.advanceBy("1s"); // the retransmission is lost too
      h.expect("ACK seq=1001 ack=5001 len=1460");
      // The peer has dropped what it SACKed (RFC 2018 8): the scoreboard was cleared on the
      // timeout and the send buffer kept the data, so slow start resends it.
      sackAck(h, 2461);
      h.expect("ACK seq=2461 ack=5001 len=1460", "ACK seq=3921 ack=5001 len=1460");
    }

    @Test
    void afterATimeout_slowStartSkipsWhatThePeerSacksSince() {
      TcpHarness h = fourInFlight(established(SACK.toBuilder().initialWindow(10).build(), false));
      h.advanceBy("1s"); // every ACK was lost
      h.expect("ACK seq=1001 ack=5001 len=1460");
      // The first retransmission arrives; the peer holds 3921-6841. cwnd is 2 SMSS, but RFC 6675
      // 5.1's slow start uses the SACK information: only the hole 2461-3921 goes again.
      sackAck(h, 2461, 3921, 6841);
      h.expect("ACK seq=2461 ack=5001 len=1460");
      sackAck(h, 6841);
      h.expectNothing();
    }
  }

  /** RFC 8985's tail loss probe through a connection (sackRecovery: rack-tlp), times in ms. */
  @Nested
  class TailLossProbe {
    private final TcpConfig rackTlp =
        SACK.toBuilder().initialWindow(10).sackRecovery("rack-tlp").build();

    /** Established 100 ms after our SYN-ACK (SRTT 100 ms), four segments sent at 100 ms. */
    private TcpHarness fourSentAt100ms(TcpConfig config) {
      TcpHarness h = new TcpHarness(config, true);
      h.connection.acceptSyn(segment(h, TcpFlags.SYN, 5000, 0, PEER_SYN_SACK, 0));
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.advanceBy("100ms");
      h.receive("ACK", 5001, 1001);
      return sendFourSegments(h);
    }

    @Test
    void aLostLastSegment_isProbedTwoSrttPlusWcDelAckTAfterTheLastAck_notLeftToTheRto() {
      TcpHarness h = fourSentAt100ms(rackTlp);
      assertThat(h.connection.pollAt()).as("7.2: PTO = 2 SRTT").isEqualTo(Time.millis(300));
      h.advanceBy("100ms");
      sackAck(h, 5381); // the last segment is lost
      assertThat(h.connection.pollAt())
          .as("7.2: one segment in flight, PTO = 2 SRTT + WCDelAckT from this ACK")
          .isEqualTo(Time.millis(600));
      h.advanceBy("399ms");
      h.expectNothing();
      h.advanceBy("1ms");
      h.expect("PSH|ACK seq=5381 ack=5001 len=1460"); // 7.3: the last segment again
      assertThat(h.connection.info().retransmitDeadline())
          .as("7.3: the RTO restarts")
          .isEqualTo(Time.millis(1600));
      h.advanceBy("100ms");
      sackAck(h, 6841);
      assertThat(h.connection.info().retransmitDeadline()).isEqualTo(TcpTimers.NEVER);
      assertThat(h.connection.pollAt()).isEqualTo(TcpTimers.NEVER);
    }

    @Test
    void withRfc6675Recovery_theSameLoss_waitsForTheRto() {
      TcpHarness h = fourSentAt100ms(SACK.toBuilder().initialWindow(10).build());
      h.advanceBy("100ms");
      sackAck(h, 5381);
      h.advanceBy("999ms");
      h.expectNothing();
      h.advanceBy("1ms");
      h.expect("PSH|ACK seq=5381 ack=5001 len=1460"); // the RTO, 1 s after the last ACK
    }
  }

  /**
   * Each host profile's own recovery ({@link HostProfile#sackRecovery}) runs when the configuration
   * names none: rfc recovers by RFC 6675, linux with RACK-TLP, freebsd with RFC 6675 and PRR.
   */
  @Nested
  class ProfileDefaults {
    private TcpConfig config(HostProfile host) {
      return SACK.toBuilder()
          .profile(host)
          .receiveBuffer(TcpHarness.WINDOW)
          .initialWindow(10)
          .delayedAck(false)
          .build();
    }

    /**
     * Established at 100 ms (SRTT 100 ms), four segments sent then; the ACK of the first two comes
     * at 200 ms: the last two are lost.
     */
    private TcpHarness tailLost(TcpConfig config) {
      TcpHarness h = new TcpHarness(config, true);
      h.connection.acceptSyn(segment(h, TcpFlags.SYN, 5000, 0, PEER_SYN_SACK, 0));
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.advanceBy("100ms");
      h.receive("ACK", 5001, 1001);
      sendFourSegments(h);
      h.advanceBy("100ms");
      sackAck(h, 3921);
      return h;
    }

    @Test
    void linux_probesALostTailSegment_beforeItsRetransmissionTimer() {
      TcpHarness h = tailLost(config(HostProfile.LINUX));
      assertThat(h.connection.pollAt())
          .as("RFC 8985 7.2: PTO = 2 SRTT after the ACK, + 2 ms (Linux), before the RTO")
          .isEqualTo(Time.millis(402))
          .isLessThan(h.connection.info().retransmitDeadline());
      h.advanceBy("201ms");
      h.expectNothing();
      h.advanceBy("1ms");
      h.expect("PSH|ACK seq=5381 ack=5001 len=1460"); // RFC 8985 7.3: the last segment again
    }

    @Test
    void rfc_leavesTheSameLossToTheRetransmissionTimer() {
      TcpHarness h = tailLost(config(HostProfile.RFC));
      assertThat(h.connection.pollAt()).isEqualTo(h.connection.info().retransmitDeadline());
    }

    @Test
    void linux_withSackRecoveryGivenAfterTheProfile_usesThatOne() {
      TcpHarness h =
          tailLost(config(HostProfile.LINUX).toBuilder().sackRecovery("rfc6675").build());
      assertThat(h.connection.pollAt()).isEqualTo(h.connection.info().retransmitDeadline());
    }

    /** Ten segments in flight; 1001 is lost, and the third duplicate ACK starts a recovery. */
    private long cwndAfterTheThirdDuplicate(TcpConfig config) {
      TcpHarness h = established(config, false);
      h.connection.send(new byte[14 * 1460]);
      h.forgetSent();
      sackAck(h, 1001, 2461, 3921);
      sackAck(h, 1001, 2461, 5381);
      sackAck(h, 1001, 2461, 6841);
      h.expect("ACK seq=1001 ack=5001 len=1460");
      return h.connection.info().cwnd();
    }

    @Test
    void freebsd_reducesTheWindowByPrr_notToSsthreshAtOnce() {
      TcpConfig freebsd = config(HostProfile.FREEBSD);
      TcpConfig rfc6675 = freebsd.toBuilder().sackRecovery("rfc6675").build();
      // RFC 6675: cwnd = ssthresh = FlightSize / 2 = 7300. RFC 6937 (PRR-SSRB): cwnd = pipe +
      // sndcnt, with pipe = 14600 - 3 * 1460 SACKed - 1460 lost = 8760 above ssthresh, so sndcnt =
      // CEIL(prr_delivered * ssthresh / RecoverFS) - prr_out = CEIL(1460 * 7300 / 14600) = 730.
      assertThat(cwndAfterTheThirdDuplicate(rfc6675)).isEqualTo(7300);
      assertThat(cwndAfterTheThirdDuplicate(freebsd)).isEqualTo(8760 + 730);
    }
  }
}
