package netsim.tcp;

import static netsim.tcp.TcpState.CLOSED;
import static netsim.tcp.TcpState.CLOSE_WAIT;
import static netsim.tcp.TcpState.CLOSING;
import static netsim.tcp.TcpState.ESTABLISHED;
import static netsim.tcp.TcpState.LAST_ACK;
import static netsim.tcp.TcpState.SYN_RECEIVED;
import static netsim.tcp.TcpState.TIME_WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * FreeBSD's rules ({@link HostProfile#FREEBSD}) and its RFC 5961 knobs (net.inet.tcp.insecure_rst
 * and insecure_syn, {@link TcpConfig#insecureRst()} and {@link TcpConfig#insecureSyn()}), each
 * driven with exact segments beside the RFC's answer to the same segments. Our ISS is 1000, the
 * peer's 5000 ({@link TcpHarness}).
 */
class FreeBsdRulesTest {

  /** FreeBSD's rules, without options and delayed ACKs so that every reply shows at once. */
  static final TcpConfig FREEBSD =
      TcpConfig.builder()
          .profile(HostProfile.FREEBSD)
          .receiveBuffer(TcpHarness.WINDOW)
          .windowScaling(false)
          .timestamps(false)
          .delayedAck(false)
          .build();

  /** {@link #FREEBSD}'s buffer once rounded up to a multiple of the MSS: 44 * 1460. */
  static final int FREEBSD_WINDOW = 64240;

  static TcpHarness established(TcpConfig config) {
    return TcpHarness.established(config);
  }

  /** FreeBSD: we closed first, then the peer's FIN crossed ours: CLOSING. */
  static TcpHarness closing(TcpConfig config) {
    TcpHarness h = established(config);
    h.connection.shutdownOutput();
    h.expect("FIN|ACK seq=1001 ack=5001");
    h.receive("FIN|ACK", 5001, 1001);
    h.forgetSent();
    assertThat(h.state()).isEqualTo(CLOSING);
    return h;
  }

  static TcpHarness closeWait(TcpConfig config) {
    TcpHarness h = established(config);
    h.receive("FIN|ACK", 5001, 1001);
    h.expect("ACK seq=1001 ack=5002");
    return h;
  }

  static TcpHarness lastAck(TcpConfig config) {
    TcpHarness h = closeWait(config);
    h.connection.shutdownOutput();
    h.expect("FIN|ACK seq=1001 ack=5002");
    return h;
  }

  static TcpHarness timeWait(TcpConfig config) {
    TcpHarness h = established(config);
    h.connection.shutdownOutput();
    h.expect("FIN|ACK seq=1001 ack=5001");
    h.receive("FIN|ACK", 5001, 1002);
    h.expect("ACK seq=1002 ack=5002");
    assertThat(h.state()).isEqualTo(TIME_WAIT);
    return h;
  }

  /**
   * A SYN without ACK in SYN-SENT (simultaneous open) with text or a FIN: FreeBSD's tcp_input goes
   * on to step6, where the text waits for ESTABLISHED and a FIN without text is taken at once.
   */
  @Nested
  class SimultaneousOpen {
    static final byte[] TEXT = {'a', 'b', 'c'};

    @Test
    void synSent_synFinWithoutText_isAcknowledgedAsSynAndFin_andGoesToCloseWait() {
      TcpHarness h = TcpHarness.synSent(FREEBSD);
      h.receive("SYN|FIN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
      assertThat(h.appEvents).containsExactly("peer-closed");
      h.receive("ACK", 5002, 1001); // acknowledges our SYN
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(LAST_ACK);
      h.receive("ACK", 5002, 1002);
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void rfc_synFinWithoutText_leavesTheFin_andGoesToSynReceived() {
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN|FIN", 5000, 0);
      h.expect("SYN|ACK seq=1000 ack=5001");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
    }

    @Test
    void synSent_synWithText_holdsTheTextUnacknowledged_untilTheHandshakeCompletes() {
      TcpHarness h = TcpHarness.synSent(FREEBSD);
      h.receive("SYN", 5000, 0, TEXT);
      h.expect("SYN|ACK seq=1000 ack=5001");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
      assertThat(h.received.toByteArray()).isEmpty();
      h.receive("ACK", 5004, 1001); // after the text, which RCV.NXT has not reached
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.received.toByteArray()).isEqualTo(TEXT);
      h.expect("ACK seq=1001 ack=5004");
    }

    @Test
    void synSent_synFinWithText_deliversTheText_andLosesTheFin() {
      TcpHarness h = TcpHarness.synSent(FREEBSD);
      h.receive("SYN|FIN", 5000, 0, TEXT);
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.receive("ACK", 5004, 1001);
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.received.toByteArray()).isEqualTo(TEXT);
      h.expect("ACK seq=1001 ack=5004");
      h.connection.close();
      h.expect("FIN|ACK seq=1001 ack=5004"); // the FIN at 5004 was never taken
    }

    @Test
    void rfc_synWithText_dropsTheText() {
      TcpHarness h = TcpHarness.synSent();
      h.receive("SYN", 5000, 0, TEXT);
      h.expect("SYN|ACK seq=1000 ack=5001");
      h.receive("ACK", 5001, 1001);
      assertThat(h.state()).isEqualTo(ESTABLISHED);
      assertThat(h.received.toByteArray()).isEmpty();
    }
  }

  /**
   * The window scale a SYN offers: FreeBSD's tcp_connect and syncache_add size it for sb_max
   * (kern.ipc.maxsockbuf), the smallest shift with TCP_MAXWIN << shift >= sb_max.
   */
  @Nested
  class WindowScale {
    @Test
    void synSent_offersTheShiftOfTheLargestBuffer_notOfTheSocketBuffer() {
      TcpConfig config =
          TcpConfig.builder().profile(HostProfile.FREEBSD).receiveBuffer(65536).build();
      TcpHarness h = TcpHarness.synSent(config);
      assertThat(h.sent.get(0).options().windowScale()).isEqualTo(6); // 65535 << 6 >= 2 MiB
    }

    @Test
    void rfc_offersTheShiftThatAnnouncesTheSocketBuffer() {
      TcpConfig config = TcpConfig.builder().receiveBuffer(65536).build();
      TcpHarness h = TcpHarness.synSent(config);
      assertThat(h.sent.get(0).options().windowScale()).isEqualTo(1);
    }

    @Test
    void aSocketBufferAboveTheLargest_isStillAnnounceable() {
      TcpConfig config =
          TcpConfig.builder().profile(HostProfile.FREEBSD).receiveBuffer(8 << 20).build();
      assertThat(config.receiveWindowShift()).isEqualTo(8); // 65535 << 7 < 8 MiB
    }
  }

  @Nested
  class InsecureRst {
    @Test
    void established_inWindowRstNotAtRcvNxt_resets_asRfc793Did() {
      TcpHarness h = established(TcpHarness.CONFIG.toBuilder().insecureRst(true).build());
      h.receive("RST", 5002, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsExactly("established", "reset", "closed");
    }

    @Test
    void established_rstOutsideTheWindow_isStillDroppedSilently() {
      TcpHarness h = established(TcpHarness.CONFIG.toBuilder().insecureRst(true).build());
      h.receive("RST", 5001 + TcpHarness.WINDOW, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void established_synStillGetsAChallengeAck() {
      TcpHarness h = established(TcpHarness.CONFIG.toBuilder().insecureRst(true).build());
      h.receive("SYN", 5001, 0);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }
  }

  @Nested
  class InsecureSyn {
    @Test
    void established_synInWindow_isAnsweredWithTheHostsResetAndResets() {
      TcpHarness h = established(FREEBSD.toBuilder().insecureSyn(true).build());
      h.receive("SYN", 5001, 0);
      h.expect("RST|ACK seq=1001 ack=5001"); // FreeBSD's tcp_drop
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsExactly("established", "reset", "closed");
    }

    @Test
    void rfc_synInWindow_isAnsweredWithABareReset() {
      TcpHarness h = established(TcpHarness.CONFIG.toBuilder().insecureSyn(true).build());
      h.receive("SYN", 5100, 0);
      h.expect("RST seq=1001");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void closeWait_synOutsideTheWindow_getsAChallengeAck() {
      TcpHarness h = closeWait(FREEBSD.toBuilder().insecureSyn(true).build());
      h.receive("SYN", 5001, 0); // RCV.NXT is 5002: SEG.SEQ = RCV.NXT - 1
      h.expect("ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
    }

    @Test
    void closeWait_synFinStartingBelowRcvNxt_getsAChallengeAck_thoughItReachesTheWindow() {
      // tcp_input.c tests SEG.SEQ alone: RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND.
      TcpHarness h = closeWait(FREEBSD.toBuilder().insecureSyn(true).build());
      h.receive("SYN|FIN", 5001, 0); // occupies 5001 and 5002; RCV.NXT is 5002
      h.expect("ACK seq=1001 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSE_WAIT);
    }

    @Test
    void timeWait_synFinStartingBelowRcvNxt_isDroppedUnanswered_andStays() {
      // tcp_twcheck, not insecure_syn's rule in tcp_input.c, takes a segment in TIME-WAIT.
      TcpHarness h = timeWait(FREEBSD.toBuilder().insecureSyn(true).build());
      h.receive("SYN|FIN", 5001, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void rfc793_synFinReachingTheWindow_resets() {
      // With RFC 5961 off altogether, RFC 793's acceptability test (the segment's last octet in
      // the window) decides, as before.
      TcpHarness h = closeWait(TcpHarness.CONFIG.toBuilder().challengeAcks(false).build());
      h.receive("SYN|FIN", 5001, 0);
      h.expect("RST seq=1001");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void established_rstStillNeedsAnExactMatch() {
      TcpHarness h = established(TcpHarness.CONFIG.toBuilder().insecureSyn(true).build());
      h.receive("RST", 5002, 0);
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }
  }

  @Nested
  class RstWhenClosing {
    @Test
    void lastAck_rstAtRcvNxt_reportsTheReset() {
      TcpHarness h = lastAck(FREEBSD);
      h.receive("RST", 5002, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsSubsequence("reset", "closed");
    }

    @Test
    void closing_rstAtRcvNxt_reportsTheReset() {
      TcpHarness h = closing(FREEBSD);
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).containsSubsequence("reset", "closed");
    }

    @Test
    void rfc_lastAck_rstAtRcvNxt_onlyCloses() {
      TcpHarness h = TcpHarness.lastAck();
      h.receive("RST", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
      assertThat(h.appEvents).doesNotContain("reset");
    }
  }

  /**
   * An ABORT after our FIN (SO_LINGER 0, or FreeBSD's tcpdrop): FreeBSD's tcp_drop sends its
   * RST,ACK in every state after a SYN arrived, CLOSING and LAST-ACK too; RFC 9293 3.10.5 answers
   * "ok" there and sends nothing.
   */
  @Nested
  class AbortWhenClosing {
    @Test
    void lastAck_abort_sendsRstAckAfterOurFin_andCloses() {
      TcpHarness h = lastAck(FREEBSD);
      h.connection.abort();
      h.expect("RST|ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void closing_abort_sendsRstAckAfterOurFin_andCloses() {
      TcpHarness h = closing(FREEBSD);
      h.connection.abort();
      h.expect("RST|ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void timeWait_abort_closesWithoutAWord() {
      TcpHarness h = timeWait(FREEBSD);
      h.connection.abort();
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void rfc_lastAck_abort_closesWithoutAWord() {
      TcpHarness h = TcpHarness.lastAck();
      h.connection.abort();
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
    }
  }

  @Nested
  class FinRepeatedOnAck {
    @Test
    void finWait1_peersFin_isAcknowledgedWithOurFinAgain() {
      TcpHarness h = established(FREEBSD);
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("FIN|ACK seq=1001 ack=5002"); // tcp_output: the FIN's own sequence number
      assertThat(h.state()).isEqualTo(CLOSING);
    }

    @Test
    void closing_challengeAck_isBare() {
      TcpHarness h = closing(FREEBSD);
      h.receive("RST", 5003, 0);
      h.expect("ACK seq=1002 ack=5002"); // tcp_respond: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
      assertThat(h.state()).isEqualTo(CLOSING);
    }

    @Test
    void rfc_finWait1_peersFin_isAcknowledgedWithABareAck() {
      TcpHarness h = TcpHarness.finWait1();
      h.receive("FIN|ACK", 5001, 1001);
      h.expect("ACK seq=1002 ack=5002");
    }
  }

  @Nested
  class FinAfterFin {
    @Test
    void closeWait_secondFinAtRcvNxt_leavesRcvNxt() {
      TcpHarness h = closeWait(FREEBSD);
      h.receive("FIN|ACK", 5002, 1001);
      h.expectNothing();
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5002");
    }

    @Test
    void timeWait_secondFinAtRcvNxt_isAcknowledgedAtTheSameRcvNxt() {
      TcpHarness h = timeWait(FREEBSD);
      h.receive("FIN|ACK", 5002, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void rfc_timeWait_secondFinAtRcvNxt_advancesRcvNxt() {
      TcpHarness h = TcpHarness.timeWait();
      h.receive("FIN|ACK", 5002, 1002);
      h.expect("ACK seq=1002 ack=5003");
    }
  }

  @Nested
  class AckOfAnOldSegment {
    @Test
    void lastAck_oldSegmentAcknowledgingOurFin_closes() {
      TcpHarness h = lastAck(FREEBSD);
      h.receive("ACK", 5001, 1002); // RCV.NXT is 5002
      h.expectNothing();
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void closing_oldSegmentAcknowledgingOurFin_isAcknowledgedAndEntersTimeWait() {
      TcpHarness h = closing(FREEBSD);
      h.receive("ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void passiveSynReceived_oldSegment_isOnlyAcknowledged_theSyncacheTakesNoOldAck() {
      TcpHarness h = TcpHarness.synReceived(FREEBSD);
      h.receive("ACK", 5000, 1001); // RCV.NXT is 5001
      h.expect("ACK seq=1001 ack=5001");
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
    }

    @Test
    void rfc_lastAck_oldSegment_isOnlyAcknowledged() {
      TcpHarness h = TcpHarness.lastAck();
      h.receive("ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(LAST_ACK);
    }
  }

  @Nested
  class ReceiveWindow {
    /** A FreeBSD socket's buffer (recvspace, 64 KiB) with window scaling offered. */
    final TcpConfig recvspace =
        TcpConfig.builder()
            .profile(HostProfile.FREEBSD)
            .receiveBuffer(65536)
            .timestamps(false)
            .delayedAck(false)
            .build();

    /** An active open whose peer answers without window scaling: 65536 rounds up to 65700. */
    TcpHarness activeOpen(TcpConfig config) {
      TcpHarness h = new TcpHarness(config, false);
      h.connection.open();
      h.forgetSent();
      h.receive("SYN|ACK", 5000, 1001);
      h.expect("ACK seq=1001 ack=5001");
      return h;
    }

    @Test
    void established_rstAtTheLastByteOfTheBuffer_getsAChallengeAck() {
      TcpHarness h = activeOpen(recvspace);
      assertThat(h.sent.get(h.sent.size() - 1).window()).isEqualTo(65535);
      h.receive("RST", 5001 + 65700 - 1, 0);
      h.expect("ACK seq=1001 ack=5001");
    }

    @Test
    void established_rstJustBeyondTheBuffer_isDropped() {
      TcpHarness h = activeOpen(recvspace);
      h.receive("RST", 5001 + 65700, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(ESTABLISHED);
    }

    @Test
    void rfc_theWindowIsWhatTheFieldSays() {
      TcpConfig rfc = TcpConfig.builder().receiveBuffer(65536).timestamps(false).build();
      TcpHarness h = activeOpen(rfc);
      h.receive("RST", 5001 + 65535, 0);
      h.expectNothing();
    }

    @Test
    void passive_synReceived_keepsTheSyncachesWindow_untilEstablished() {
      TcpHarness h = TcpHarness.synReceived(recvspace);
      h.receive("RST", 5001 + 65535, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(SYN_RECEIVED);
      h.receive("ACK", 5001, 1001);
      h.receive("RST", 5001 + 65535, 0);
      h.expect("ACK seq=1001 ack=5001");
    }

    @Test
    void timeWait_testsSegmentsAgainstTheWindowLastAdvertised() {
      // RFC 1337 off, so that a RST reaches RFC 5961's window test (a SYN without ACK no longer
      // does: tcp_twcheck drops it).
      TcpHarness h = activeOpen(recvspace.toBuilder().rfc1337(false).build());
      h.connection.shutdownOutput();
      h.expect("FIN|ACK seq=1001 ack=5001");
      h.receive("FIN|ACK", 5001, 1002);
      h.expect("ACK seq=1002 ack=5002");
      h.receive("RST", 5002 + 65534, 0); // the last octet of the 65535 last advertised
      h.expect("ACK seq=1002 ack=5002");
      h.receive("RST", 5002 + 65535, 0); // beyond 65535, within the 65700 of the buffer
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void theBufferIsRoundedUpToTheMss() {
      TcpHarness h = activeOpen(FREEBSD);
      h.receive("RST", 5001 + FREEBSD_WINDOW - 1, 0);
      h.expect("ACK seq=1001 ack=5001");
      h.receive("RST", 5001 + FREEBSD_WINDOW, 0);
      h.expectNothing();
    }
  }

  @Nested
  class TimeWaitNeedsAck {
    @Test
    void finWithoutAckOutsideTheWindow_isDroppedUnanswered() {
      TcpHarness h = timeWait(FREEBSD);
      h.receive("FIN", 5002 + FREEBSD_WINDOW, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void rstInTheWindow_isIgnoredWithoutAChallengeAck_rfc1337() {
      TcpHarness h = timeWait(FREEBSD);
      h.receive("RST", 5003, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void synAtOrBelowRcvNxt_isDroppedUnanswered_tcpTwcheck() {
      // The suite's rcv-syn-time-wait README: "If a SYN-segment is received with SEG.SEQ <=
      // RCV.NXT, no response is sent and the TCP connection stays in the TIME-WAIT state."
      TcpHarness h = timeWait(FREEBSD);
      h.receive("SYN", 5002, 0);
      h.receive("SYN", 5001, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void insecureSyn_synAtRcvNxt_isDroppedUnanswered_notReset() {
      TcpHarness h = timeWait(FREEBSD.toBuilder().insecureSyn(true).build());
      h.receive("SYN", 5002, 0);
      h.expectNothing();
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void synAckAtRcvNxt_isAcknowledged() {
      // tcp_twcheck: "Acknowledge the segment if it has data or is not a duplicate ACK."
      TcpHarness h = timeWait(FREEBSD);
      h.receive("SYN|ACK", 5002, 1002);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void insecureSyn_synAckAtRcvNxt_isAcknowledged_notReset_tcpTwcheck() {
      // tcp_twcheck decides alone in TIME-WAIT: insecure_syn's reset is tcp_input's, never
      // reached.
      TcpHarness h = timeWait(FREEBSD.toBuilder().insecureSyn(true).build());
      h.receive("SYN|ACK", 5002, 0);
      h.expect("ACK seq=1002 ack=5002");
      assertThat(h.state()).isEqualTo(TIME_WAIT);
    }

    @Test
    void rfc_insecureSyn_synAckAtRcvNxt_resets() {
      TcpHarness h = timeWait(TcpHarness.CONFIG.toBuilder().insecureSyn(true).build());
      h.receive("SYN|ACK", 5002, 0);
      assertThat(h.state()).isEqualTo(CLOSED);
    }

    @Test
    void rfc_synAtRcvNxt_getsAChallengeAck_rfc5961Section4() {
      TcpHarness h = TcpHarness.timeWait();
      h.receive("SYN", 5002, 0);
      h.expect("ACK seq=1002 ack=5002");
    }

    @Test
    void rfc_finWithoutAckOutsideTheWindow_isAnsweredWithAnAck() {
      TcpHarness h = TcpHarness.timeWait();
      h.receive("FIN", 5002 + TcpHarness.WINDOW, 0);
      h.expect("ACK seq=1002 ack=5002");
    }
  }
}
