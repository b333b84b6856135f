package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import netsim.core.Time;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The host profiles: their values as a configuration's defaults, and the rules that differ, each
 * driven with exact segments under the rfc and the linux profile (see {@link TcpHarness}).
 */
class HostProfileTest {

  /** {@link TcpHarness#CONFIG} on top of {@code host}: no options, the harness's window. */
  private static TcpConfig config(HostProfile host) {
    return TcpConfig.builder()
        .profile(host)
        .windowScaling(false)
        .timestamps(false)
        .sackPermitted(false)
        .receiveBuffer(TcpHarness.WINDOW)
        .build();
  }

  private static final TcpConfig RFC = config(HostProfile.RFC);
  private static final TcpConfig LINUX = config(HostProfile.LINUX);

  /** {@link #RFC} with delayed ACKs of Linux's 40 ms, and no quick-ACK mode. */
  private static final TcpConfig RFC_DELAYED =
      RFC.toBuilder().delayedAck(true).delayedAckTimeout(Time.millis(40)).build();

  @Nested
  class Values {
    @Test
    void rfc_isTheDefaultConfiguration() {
      assertThat(TcpConfig.builder().profile(HostProfile.RFC).build())
          .isEqualTo(TcpConfig.defaults());
      assertThat(TcpConfig.defaults().profile()).isSameAs(HostProfile.RFC);
    }

    @Test
    void profile_givesItsValues_andLaterSettingsOverrideThem() {
      TcpConfig linux =
          TcpConfig.builder().profile(HostProfile.LINUX).minRto(Time.seconds(1)).build();
      assertThat(linux.minRto()).isEqualTo(Time.seconds(1));
      assertThat(linux.initialWindowBytes(1000)).isEqualTo(10_000);
      assertThat(linux.delayedAckTimeout()).isEqualTo(Time.millis(40));
      assertThat(linux.receiveWindowShift()).isEqualTo(7);
      assertThat(linux.challengeAckInterval()).isEqualTo(Time.millis(500));
      assertThat(linux.sackPermitted()).isTrue();
      assertThat(TcpConfig.builder().profile(HostProfile.FREEBSD).build().rfc1337()).isTrue();
    }

    @Test
    void eachProfile_givesItsTimerAndTimestampRules() {
      assertThat(HostProfile.all())
          .extracting(
              HostProfile::rtoRule,
              HostProfile::paws,
              HostProfile::finWait2Timeout,
              HostProfile::linuxTimeWaitSyn,
              HostProfile::resetOnDataAfterClose)
          .containsExactly(
              tuple(HostProfile.RtoRule.RFC6298, HostProfile.Paws.RFC7323, 0L, false, false),
              tuple(
                  HostProfile.RtoRule.LINUX, HostProfile.Paws.LINUX, Time.seconds(60), true, true),
              tuple(
                  HostProfile.RtoRule.FREEBSD,
                  HostProfile.Paws.FREEBSD,
                  Time.seconds(600),
                  false,
                  true));
    }

    @Test
    void onlyFreeBsd_closesWithAFin_whenReceivedDataIsUnread() {
      // RFC 1122 4.2.2.13 and Linux's tcp_close reset; FreeBSD's tcp_disconnect flushes the
      // receive buffer and sends its FIN.
      assertThat(HostProfile.all())
          .extracting(HostProfile::closeDiscardsUnreadData)
          .containsExactly(false, false, true);
    }

    @Test
    void eachProfile_reportsDuplicates_andOnlyLinuxUndoesASpuriousRecovery() {
      // RFC 2883 for all three (Linux tcp_dsack=1, FreeBSD 13's tcp_update_dsack_list); Linux's
      // tcp_try_undo_* only (RFC 3708 and RFC 3522 are Experimental).
      assertThat(HostProfile.all())
          .extracting(HostProfile::dsack, HostProfile::undoSpuriousRecovery)
          .containsExactly(tuple(true, false), tuple(true, true), tuple(true, false));
    }

    @Test
    void aBuilderStartsFromTheRfcValues_andToBuilderKeepsEveryValue() {
      assertThat(HostProfile.builder("rfc").build()).isEqualTo(HostProfile.RFC);
      for (HostProfile profile : HostProfile.all()) {
        assertThat(profile.toBuilder(profile.name()).build()).isEqualTo(profile);
      }
      HostProfile changed = HostProfile.LINUX.toBuilder("mine").initialWindow(4).build();
      assertThat(changed.name()).isEqualTo("mine");
      assertThat(changed.initialWindow()).isEqualTo(4);
      assertThat(changed.minRto()).isEqualTo(HostProfile.LINUX.minRto());
    }

    @Test
    void aNegativeFinWait2Timeout_isRefused() {
      assertThatThrownBy(() -> HostProfile.RFC.toBuilder("rfc").finWait2Timeout(-1).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("FIN-WAIT-2 timeout must not be negative: -1");
    }

    @Test
    void eachProfile_givesItsSackRecovery_andALaterSettingOverridesIt() {
      assertThat(TcpConfig.defaults().sackRecovery()).isEqualTo("rfc6675");
      assertThat(TcpConfig.builder().profile(HostProfile.LINUX).build().sackRecovery())
          .isEqualTo("rack-tlp");
      assertThat(TcpConfig.builder().profile(HostProfile.FREEBSD).build().sackRecovery())
          .isEqualTo("prr");
      assertThat(
              TcpConfig.builder()
                  .profile(HostProfile.LINUX)
                  .sackRecovery("prr-crb")
                  .build()
                  .sackRecovery())
          .isEqualTo("prr-crb");
    }

    @Test
    void aProfileWithAnUnknownSackRecovery_isRefused_namingTheKnownOnes() {
      assertThatThrownBy(() -> HostProfile.builder("x").sackRecovery("bbr").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "unknown SACK recovery 'bbr' (known: "
                  + String.join(", ", SackRecoveries.NAMES)
                  + ")");
      assertThat(SackRecoveries.NAMES).startsWith("rfc6675", "prr", "prr-crb", "rack-tlp");
    }

    @Test
    void named_findsEachProfile_caseBlind_andNamesTheKnownOnes() {
      assertThat(HostProfile.named("Linux")).isSameAs(HostProfile.LINUX);
      assertThat(HostProfile.named("freebsd")).isSameAs(HostProfile.FREEBSD);
      assertThatThrownBy(() -> HostProfile.named("solaris"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown profile 'solaris' (known: rfc, linux, freebsd)");
    }
  }

  @Nested
  class Push {
    /**
     * Writes of 100, 1000 and 1000 bytes; Nagle holds the second until the third fills a segment.
     */
    private TcpHarness threeWrites(TcpConfig config) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.send(new byte[100]);
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      h.connection.send(new byte[1000]);
      h.expectNothing();
      h.connection.send(new byte[1000]);
      return h;
    }

    @Test
    void linux_segmentCarryingTheEndOfAWrite_hasPsh() {
      // Linux's tcp_push marks the last byte of each write: byte 1100 ends the second write.
      threeWrites(LINUX).expect("PSH|ACK seq=1101 ack=5001 len=1460");
    }

    @Test
    void rfc_onlyTheSegmentThatEmptiesTheBuffer_hasPsh() {
      threeWrites(RFC).expect("ACK seq=1101 ack=5001 len=1460");
    }

    @Test
    void linux_segmentThePersistTimerForcesOut_hasPsh() {
      // nagle/sendmsg_msg_more.pkt: MSG_MORE holds 40 bytes; Linux's tcp_write_wakeup sends them
      // with PSH when the probe timer expires.
      TcpHarness h = TcpHarness.established(LINUX);
      h.connection.send(new byte[40], 0, 40, true);
      h.expectNothing();
      h.advanceBy("250ms"); // the persist timer runs one RTO: 200 ms, Linux's minimum
      h.expect("PSH|ACK seq=1001 ack=5001 len=40");
    }

    @Test
    void linux_msgMoreHoldsOnlyThatWritesPush_anAckThenSendsThePartialSegment() {
      // Linux's tcp_push corks the push of a MSG_MORE sendmsg alone; the ACK's push
      // (tcp_data_snd_check) follows the socket's Nagle setting, here off (TCP_NODELAY), and the
      // segment has no PSH, as no write ended in it (nagle/sendmsg_msg_more.pkt).
      TcpHarness h = TcpHarness.established(LINUX);
      h.connection.setNagle(false);
      h.connection.send(new byte[3000], 0, 3000, true);
      // The two full segments go as one TSO chunk, PSH on its last piece (__tcp_transmit_skb).
      h.expect("ACK seq=1001 ack=5001 len=1460", "PSH|ACK seq=2461 ack=5001 len=1460");
      h.connection.send(new byte[50], 0, 50, true);
      h.expectNothing();
      h.receive("ACK", 5001, 2461);
      h.expect("ACK seq=3921 ack=5001 len=130");
    }

    @Test
    void linux_usesCubic_rfcNewReno() {
      assertThat(LINUX.congestionControl()).isEqualTo("cubic");
      assertThat(RFC.congestionControl()).isEqualTo("newreno");
    }

    @Test
    void linux_retransmission_carriesPshWhereItCoversTheEndOfAWrite() {
      // After the RTO the data goes again from SND.UNA in full segments: bytes 1..1460 hold the
      // ends of the first two writes.
      TcpHarness h = threeWrites(LINUX);
      h.expect("PSH|ACK seq=1101 ack=5001 len=1460");
      h.advanceBy("1s");
      assertThat(TcpHarness.describe(h.sent.get(h.sent.size() - 1)))
          .isEqualTo("PSH|ACK seq=1001 ack=5001 len=1460");
    }
  }

  @Nested
  class TsoChunkPush {
    /** A write of 20 full segments on a fresh connection: the initial window of 10 goes. */
    private TcpHarness twentySegmentsWritten(TcpConfig config) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.send(new byte[20 * 1460]);
      return h;
    }

    @Test
    void linux_firstFlightOfAServer_isTwoChunksOfHalfCwnd_withPshOnEachLastSegment() {
      // __tcp_transmit_skb forces PSH on each TSO packet; before an ACK sets the pacing rate, only
      // tcp_cwnd_test's half cwnd bounds a chunk ("ensure we have at least 2 GSO packets in
      // flight"; slow-start-after-idle.pkt: "> P. 1:5001(5000)", "> P. 5001:10001(5000)").
      twentySegmentsWritten(LINUX).expect(TcpHarness.flight(1001, 10, 5, 10));
    }

    @Test
    void rfc_firstFlight_hasNoPsh_whileTheWriteIsNotAllSent() {
      twentySegmentsWritten(RFC).expect(TcpHarness.flight(1001, 3));
    }

    @Test
    void linux_afterAnAck_chunksAreAsLargeAsThePacingRateSendsInAMillisecond() {
      // An ACK of 2 segments 100 ms on: cwnd 12, 8 in flight, so 4 segments go; the pacing rate
      // (2 x 12 x 1460 bytes per SRTT) sends less than 2 segments a millisecond, so they go as
      // tcp_min_tso_segs' chunks of 2, each with PSH on its last (slow-start-ack-per-2pkt.pkt).
      TcpHarness h = twentySegmentsWritten(LINUX);
      h.forgetSent();
      h.advanceBy("100ms");
      h.receive("ACK", 5001, 1001 + 2 * 1460);
      h.expect(TcpHarness.flight(1001 + 10 * 1460, 4, 2, 4));
    }

    /**
     * A write of 12 segments to a peer whose window holds 4, then ACKs of segments 1-8 one at a
     * time; with linux each sends one segment, so no TSO chunk adds PSH after the first flight.
     */
    private TcpHarness twelveSegmentsThroughAWindowOfFour(TcpConfig config) {
      TcpHarness h = TcpHarness.synReceived(config, 4 * 1460);
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[12 * 1460]);
      h.forgetSent();
      for (int acked = 1; acked <= 8; acked++) {
        h.receive("ACK", 5001, 1001 + acked * 1460);
      }
      return h;
    }

    @Test
    void linux_longWrite_hasPshOnEachSkbEndingMoreThanHalfTheWindowAfterTheLastPush() {
      // tcp_sendmsg_locked fills skbs of tcp_xmit_size_goal (2 segments: half the window, 5840 /
      // 2, tcp_bound_to_half_wnd) and, on each full one, forced_push(): more than max_window / 2
      // written since tp->pushed_seq, so tcp_mark_push sets PSH at the ends of segments 4 and 8
      // (cubic-rto-ss-ca-cwnd-bump.pkt: "> P. 19001:20001(1000)" inside a 200000-byte write),
      // and the write's end at 12 (tcp_push).
      twelveSegmentsThroughAWindowOfFour(LINUX).expect(TcpHarness.flight(1001 + 4 * 1460, 8, 4, 8));
    }

    @Test
    void rfc_longWrite_hasPshOnlyWhereTheBufferEmpties() {
      // The initial window of 3 sent segments 1-3; the ACKs send 4-12, PSH where the buffer
      // empties.
      twelveSegmentsThroughAWindowOfFour(RFC).expect(TcpHarness.flight(1001 + 3 * 1460, 9, 9));
    }
  }

  @Nested
  class LimitedTransmit {
    /** 15 segments written; the initial window's segments are out (10 with linux, 3 with rfc). */
    private TcpHarness written(TcpConfig config) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.send(new byte[15 * 1460]);
      h.forgetSent();
      return h;
    }

    private static String segment(int index) {
      return "ACK seq=" + (1001 + index * 1460) + " ack=5001 len=1460";
    }

    @Test
    void linux_firstTwoDuplicateAcks_eachSendANewSegment() {
      // RFC 3042 as Linux has it (limited-transmit-no-sack.pkt): a duplicate ACK's segment has
      // left the network, so one new segment goes; the third starts fast recovery.
      TcpHarness h = written(LINUX);
      h.receive("ACK", 5001, 1001);
      h.expect(segment(10));
      h.receive("ACK", 5001, 1001);
      h.expect(segment(11));
      h.receive("ACK", 5001, 1001);
      h.expect(segment(0));
    }

    @Test
    void rfc_duplicateAck_sendsNothing() {
      TcpHarness h = written(RFC);
      h.receive("ACK", 5001, 1001);
      h.expectNothing();
    }

    @Test
    void linux_ackAfterDuplicates_growsCwndOnlyByWhatItDelivered() {
      // "1001:3001 were DUP-ACK'd": the ACK of 3 segments delivers one; slow start 10 -> 11.
      TcpHarness h = written(LINUX);
      h.receive("ACK", 5001, 1001);
      h.receive("ACK", 5001, 1001);
      h.forgetSent();
      h.receive("ACK", 5001, 1001 + 3 * 1460);
      assertThat(h.connection.info().cwnd()).isEqualTo(11 * 1460);
      h.expect(segment(12), "PSH|ACK seq=" + (1001 + 13 * 1460) + " ack=5001 len=1460");
    }
  }

  @Nested
  class QuickAck {
    @Test
    void linux_firstDataOfAConnection_isAcknowledgedAtOnce() {
      TcpHarness h = TcpHarness.established(LINUX);
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5101");
    }

    @Test
    void rfcWithDelayedAcks_firstData_waitsForTheTimeout() {
      TcpHarness h = TcpHarness.established(RFC_DELAYED);
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expectNothing();
      h.advanceBy("40ms");
      h.expect("ACK seq=1001 ack=5101");
    }

    @Test
    void linux_afterSixteenQuickAcks_acksAreDelayedAgain() {
      // Linux TCP_MAX_QUICKACKS: the window (64000 / (2 * 536)) allows more, 16 is the cap.
      TcpHarness h = TcpHarness.established(LINUX);
      int seq = 5001;
      for (int i = 0; i < 16; i++) {
        h.receive("PSH|ACK", seq, 1001, new byte[100]);
        seq += 100;
        h.expect("ACK seq=1001 ack=" + seq);
      }
      h.receive("PSH|ACK", seq, 1001, new byte[100]);
      h.expectNothing();
      h.advanceBy("40ms");
      h.expect("ACK seq=1001 ack=" + (seq + 100));
    }

    /** Sixteen segments of 100 bytes from 5001, each acknowledged at once; returns the next seq. */
    private int sixteenQuickAcks(TcpHarness h) {
      int seq = 5001;
      for (int i = 0; i < 16; i++) {
        h.receive("PSH|ACK", seq, 1001, new byte[100]);
        seq += 100;
        h.expect("ACK seq=1001 ack=" + seq);
      }
      return seq;
    }

    @Test
    void linux_inOrderDataAfterAGapLongerThanTheRto_grantsQuickAcksAgain() {
      // tcp_event_data_recv: "Too long gap. Apparently sender failed to restart window, so that
      // we send ACKs quickly."
      TcpHarness h = TcpHarness.established(LINUX);
      int seq = sixteenQuickAcks(h);
      h.receive("PSH|ACK", seq, 1001, new byte[100]);
      h.expectNothing();
      h.advanceBy("40ms");
      h.expect("ACK seq=1001 ack=" + (seq + 100));
      h.advanceBy("1500ms"); // longer than the RTO
      h.receive("PSH|ACK", seq + 100, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=" + (seq + 200));
    }

    @Test
    void linux_dataOutOfOrder_grantsNoQuickAcks_itsAckAndTheGapFillsAreImmediateAlone() {
      // Linux since 4.18 ("tcp: do not force quickack when receiving out-of-order packets"):
      // tcp_data_queue_ofo schedules an ACK only; the segment that fills the gap sets ACK_NOW.
      TcpHarness h = TcpHarness.established(LINUX);
      int seq = sixteenQuickAcks(h);
      h.receive("PSH|ACK", seq + 100, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=" + seq);
      h.receive("PSH|ACK", seq, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=" + (seq + 200));
      h.receive("PSH|ACK", seq + 200, 1001, new byte[100]);
      h.expectNothing(); // no quick ACK left: delayed
      h.advanceBy("40ms");
      h.expect("ACK seq=1001 ack=" + (seq + 300));
    }

    @Test
    void linux_dataAlreadyReceived_endsTheInteractiveMode_andGrantsQuickAcks() {
      // tcp_send_dupack for a retransmission below RCV.NXT: tcp_enter_quickack_mode.
      TcpHarness h = TcpHarness.established(LINUX);
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5101");
      h.connection.send(new byte[10]); // a reply at once: ping-pong
      h.expect("PSH|ACK seq=1001 ack=5101 len=10");
      h.receive("PSH|ACK", 5101, 1011, new byte[100]);
      h.expectNothing(); // interactive
      h.receive("PSH|ACK", 5001, 1011, new byte[100]); // old data again
      h.expect("ACK seq=1011 ack=5201");
      h.receive("PSH|ACK", 5201, 1011, new byte[100]);
      h.expect("ACK seq=1011 ack=5301"); // quick ACKs again, not interactive
    }

    @Test
    void linux_replyWithinTheTimeout_makesTheFlowInteractive_untilADelayedAckFires() {
      TcpHarness h = TcpHarness.established(LINUX);
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5101");
      h.connection.send(new byte[10]); // a reply at once: ping-pong
      h.expect("PSH|ACK seq=1001 ack=5101 len=10");
      h.receive("PSH|ACK", 5101, 1011, new byte[100]);
      h.expectNothing(); // interactive: the ACK waits to ride on a reply
      h.advanceBy("40ms");
      h.expect("ACK seq=1011 ack=5201");
      h.receive("PSH|ACK", 5201, 1011, new byte[100]);
      h.expect("ACK seq=1011 ack=5301"); // the timer fired: quick ACKs again
    }
  }

  @Nested
  class Abort {
    @Test
    void linux_abort_sendsRstAckOfRcvNxt() {
      TcpHarness h = TcpHarness.established(LINUX);
      h.connection.abort();
      h.expect("RST|ACK seq=1001 ack=5001");
    }

    @Test
    void rfc_abort_sendsBareRst() {
      // RFC 9293 3.10.5: "Send a reset segment: <SEQ=SND.NXT><CTL=RST>".
      TcpHarness h = TcpHarness.established(RFC);
      h.connection.abort();
      h.expect("RST seq=1001");
    }
  }

  @Nested
  class AckOfUnsentData {
    @Test
    void rfc_segmentAcknowledgingUnsentData_isAnsweredWithAnAck() {
      // RFC 9293 3.10.7.4, fifth: "If the ACK acks something not yet sent (SEG.ACK > SND.NXT),
      // then send an ACK, drop the segment, and return."
      TcpHarness h = TcpHarness.established(RFC);
      h.receive("FIN|ACK", 5001, 9999);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void linux_segmentAcknowledgingUnsentData_isDroppedWithoutReply() {
      // Linux's tcp_ack: "If the ack includes data we haven't sent yet, discard this segment".
      TcpHarness h = TcpHarness.established(LINUX);
      h.receive("FIN|ACK", 5001, 9999);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TcpState.ESTABLISHED);
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5101"); // the next segment is taken as usual
    }

    @Test
    void linux_droppedSegment_doesNotGiveItsTimestamp() {
      // The ts_recent/invalid_ack case of Linux's suite: TS.Recent stays the last valid one.
      TcpConfig linux = LINUX.toBuilder().timestamps(true).build();
      TcpHarness h = new TcpHarness(linux, true);
      h.connection.acceptSyn(h.peerWithTimestamp(TcpFlags.SYN, 5000, 0, 100));
      h.connection.onSegment(h.peerWithTimestamp(TcpFlags.ACK, 5001, 1001, 200));
      h.connection.onSegment(h.peerWithTimestamp(TcpFlags.FIN | TcpFlags.ACK, 5001, 9999, 200_000));
      h.connection.onSegment(
          h.peerWithTimestamp(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, 201, new byte[100]));
      TcpSegment ack = h.sent.get(h.sent.size() - 1);
      assertThat(TcpHarness.describe(ack)).isEqualTo("ACK seq=1001 ack=5101");
      assertThat(ack.options().tsEcr()).isEqualTo(201);
    }
  }

  @Nested
  class ZeroWindowProbe {
    /** 1000 bytes sent and acknowledged with a zero window while 1000 more wait. */
    private TcpHarness stalled(TcpConfig config) {
      TcpHarness h = TcpHarness.synReceived(config.toBuilder().nagle(false).build(), 1000);
      h.receive("ACK", 5001, 1001);
      h.connection.send(new byte[2000]);
      h.forgetSent();
      h.peerWindow = 0;
      h.receive("ACK", 5001, 2001);
      h.expectNothing();
      return h;
    }

    @Test
    void linux_zeroWindowProbe_isAnEmptySegmentAtSndUnaMinusOne() {
      // tcp_write_wakeup -> tcp_xmit_probe_skb(sk, 0): "> . 26000:26000(0)" after data to 26001
      // (slow-start-after-win-update.pkt); the persist timer starts at the RTO.
      TcpHarness h = stalled(LINUX);
      h.advanceBy("500ms"); // the first probe at the RTO (200 ms), the next 400 ms later
      h.expect("ACK seq=2000 ack=5001");
      h.peerWindow = 1000;
      h.receive("ACK", 5001, 2001);
      h.expect("PSH|ACK seq=2001 ack=5001 len=1000");
    }

    @Test
    void rfc_zeroWindowProbe_carriesTheNextByte() {
      TcpHarness h = stalled(RFC);
      h.advanceBy("1s");
      h.expect("ACK seq=2001 ack=5001 len=1");
    }
  }

  @Nested
  class WindowUpdate {
    /** 2000 bytes arrive while the application does not read; then it reads them. */
    private TcpHarness readAfter(TcpConfig config, int bytes) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.setReading(false);
      h.receive("PSH|ACK", 5001, 1001, new byte[bytes]);
      h.expect("ACK seq=1001 ack=" + (5001 + bytes));
      h.connection.setReading(true);
      return h;
    }

    @Test
    void rfc_readThatGrowsTheWindowByAnMss_sendsAWindowUpdate() {
      // RFC 9293 3.8.6.2.2: the window may grow by min(half the buffer, one MSS) at a time.
      readAfter(RFC, 2000).expect("ACK seq=1001 ack=7001");
    }

    @Test
    void linux_readThatDoesNotDoubleTheWindow_sendsNothing() {
      // Linux's tcp_cleanup_rbuf: a window update only when the new window is at least twice
      // the one offered (62000 -> 64000 is not).
      readAfter(LINUX, 2000).expectNothing();
    }

    @Test
    void linux_readThatDoublesTheWindow_sendsAWindowUpdate() {
      // 31000 -> 64000.
      readAfter(LINUX, 33000).expect("ACK seq=1001 ack=38001");
    }
  }

  @Nested
  class AckTimeoutBeforeData {
    @Test
    void linux_finBeforeAnyData_isAcknowledgedAtOnce() {
      // Linux sets its delayed-ACK timeout when the first data arrives (tcp_event_data_recv);
      // until then it is 0: close-remote-fin-then-close in Linux's suite.
      TcpHarness h = TcpHarness.established(LINUX);
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(TcpState.CLOSE_WAIT);
    }

    @Test
    void linux_finAfterData_waitsForTheDelayedAckTimeout() {
      TcpHarness h = TcpHarness.established(LINUX);
      h.receive("PSH|ACK", 5001, 1001, new byte[100]);
      h.expect("ACK seq=1001 ack=5101");
      h.receive("FIN|ACK", 5101, 1001);
      h.expectNothing();
      h.advanceBy("40ms");
      h.expect("ACK seq=1001 ack=5102");
    }

    @Test
    void rfcWithDelayedAcks_finBeforeAnyData_waitsForTheTimeout() {
      TcpHarness h = TcpHarness.established(RFC_DELAYED);
      h.receive("FIN|ACK", 5001, 1001);
      h.expectNothing();
      h.advanceBy("40ms");
      h.expect("ACK seq=1001 ack=5002");
    }
  }

  @Nested
  class SlowStart {
    /** {@code segments} full segments written and sent; then the first {@code acked} are ACKed. */
    private TcpHarness ackedAfter(TcpConfig config, int segments, int acked) {
      TcpHarness h = TcpHarness.established(config);
      h.connection.send(new byte[segments * 1460]);
      h.forgetSent();
      h.receive("ACK", 5001, 1001 + acked * 1460);
      return h;
    }

    @Test
    void rfc_ackOfTwoSegments_growsCwndByOneSmss() {
      // RFC 5681 3.1 (2): cwnd += min(N, SMSS); the initial window is 3 segments (4380 bytes).
      assertThat(ackedAfter(RFC, 3, 2).connection.info().cwnd()).isEqualTo(4380 + 1460);
    }

    @Test
    void linux_ackOfTwoSegments_growsCwndByTwoSegments() {
      // Linux's tcp_slow_start: cwnd grows by what the ACK acknowledges; 10 of an IW of 10 out.
      assertThat(ackedAfter(LINUX, 10, 2).connection.info().cwnd()).isEqualTo(12 * 1460);
    }

    @Test
    void linux_flightOfHalfTheWindow_doesNotGrowCwnd() {
      // tcp_is_cwnd_limited: in slow start cwnd grows only while below twice the largest flight;
      // 5 segments out of 10 (slow-start-ack-per-2pkt-send-5pkt in Linux's suite).
      assertThat(ackedAfter(LINUX, 5, 2).connection.info().cwnd()).isEqualTo(10 * 1460);
    }

    @Test
    void linux_growthStops_atTwiceTheLargestFlight() {
      // 6 segments out: 10 -> 12, then no more (slow-start-ack-per-2pkt-send-6pkt).
      TcpHarness h = ackedAfter(LINUX, 6, 2);
      assertThat(h.connection.info().cwnd()).isEqualTo(12 * 1460);
      h.receive("ACK", 5001, 1001 + 4 * 1460);
      assertThat(h.connection.info().cwnd()).isEqualTo(12 * 1460);
    }
  }
}
