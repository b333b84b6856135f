package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import netsim.packetdrill.ScriptResult.Status;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the runner does with a script: timing, matching, calls, and what it refuses to run. */
class PacketdrillRunnerTest {
  /** A listener at 0, the peer's SYN at 0.1, our SYN,ACK, the third ACK at 0.2, accept. */
  private static final String ESTABLISHED =
      String.join(
          "\n",
          "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
          "+0    bind(3, ..., ...) = 0",
          "+0    listen(3, 1) = 0",
          "+0.1  < S 0:0(0) win 65535 <mss 1460>",
          "+0    > S. 0:0(0) ack 1 win 65535 <mss 1460>",
          "+0.1  < . 1:1(0) ack 1 win 65535",
          "+0    accept(3, ..., ...) = 4",
          "");

  /** {@link #ESTABLISHED}'s first four lines: the peer's SYN reaches the listener at 0.1. */
  private static final String SYN_TO_LISTENER =
      ESTABLISHED.substring(0, ESTABLISHED.indexOf("+0    > S."));

  /** A non-blocking connect at 0: our SYN goes out at once. */
  private static final String CONNECTING =
      String.join(
          "\n",
          "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
          "+0    fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
          "+0    connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)",
          "+0    > S 0:0(0) <...>",
          "");

  private static ScriptResult run(String text) {
    return run(text, Options.defaults());
  }

  private static ScriptResult run(String text, Options options) {
    return PacketdrillRunner.run("test.pkt", text, options);
  }

  @Nested
  class Matching {
    @Test
    void handshakeDataAndClose_pass() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0    < P. 1:11(10) ack 1 win 65535",
                      "+0    > . 1:1(0) ack 11",
                      "+0    read(4, ..., 100) = 10",
                      "+0    write(4, ..., 20) = 20",
                      "+0    > P. 1:21(20) ack 11",
                      "+0.1  < . 11:11(0) ack 21 win 65535",
                      "+0    close(4) = 0",
                      "+0    > F. 21:21(0) ack 11",
                      "+0.1  < F. 11:11(0) ack 22 win 65535",
                      "+0    > . 22:22(0) ack 12"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void wrongAcknowledgment_failsAtItsLine_withExpectedAndActual() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n", "+0    < P. 1:11(10) ack 1 win 65535", "+0    > . 1:1(0) ack 12"));
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(9);
      assertThat(result.reason()).isEqualTo("acknowledgment number: expected 12 but sent 11");
      assertThat(result.expected()).isEqualTo("+0    > . 1:1(0) ack 12");
      assertThat(result.actual()).isEqualTo("0.200000 > . 1:1(0) ack 11 win 65525");
    }

    @Test
    void wrongFlags_seqAndLength_areNamed() {
      assertThat(run(ESTABLISHED + "+0 < P. 1:11(10) ack 1 win 65535\n+0 > R 1:1(0)").reason())
          .isEqualTo("flags: expected R but sent .");
      assertThat(
              run(ESTABLISHED + "+0 < P. 1:11(10) ack 1 win 65535\n+0 > . 2:2(0) ack 11").reason())
          .isEqualTo("sequence number: expected 2 but sent 1");
      assertThat(run(ESTABLISHED + "+0 write(4, ..., 5) = 5\n+0 > P. 1:5(4) ack 1").reason())
          .isEqualTo("payload length: expected 4 but sent 5");
    }

    @Test
    void window_isComparedWhereGiven() {
      ScriptResult result =
          run(ESTABLISHED + "+0 < P. 1:11(10) ack 1 win 65535\n+0 > . 1:1(0) ack 11 win 1000");
      assertThat(result.reason())
          .as("10 bytes not yet read")
          .isEqualTo("window: expected 1000 but sent 65525");
    }

    @Test
    void window_isNotCompared_whenTheProfileSaysSo() {
      Profile linuxLike =
          new Profile(
              "no-window",
              Profile.rfc().tcp(),
              false,
              true,
              true,
              false,
              -1,
              -1,
              0x800,
              Profile.DEFAULT_TOLERANCE);
      ScriptResult result =
          run(
              ESTABLISHED + "+0 < P. 1:11(10) ack 1 win 65535\n+0 > . 1:1(0) ack 11 win 1000",
              Options.defaults().withProfile(linuxLike));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void options_areComparedAsASet_byDefault_andInOrder_whenTheProfileSaysSo() {
      String script =
          "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
              + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
              + "+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n"
              + "+0 > S 0:0(0) <wscale 1,mss 1460,TS val 1 ecr 0>\n";
      assertThat(run(script).status()).isEqualTo(Status.PASS);
      Profile strict =
          new Profile(
              "strict",
              Profile.rfc().tcp(),
              true,
              true,
              true,
              true,
              -1,
              -1,
              0x800,
              Profile.DEFAULT_TOLERANCE);
      ScriptResult result = run(script, Options.defaults().withProfile(strict));
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason())
          .startsWith(
              "options: expected <wscale 1,mss 1460,TS val 1 ecr"
                  + " 0> but sent <mss 1460,nop,nop,TS val 1 ecr 0,nop,wscale 1>");
    }

    @Test
    void windowScaleValue_isComparedAlsoWhereWindowsAreNot_unlessTheProfileSaysNot() {
      String script =
          CONNECTING.replace("<...>", "<mss 1460,nop,nop,TS val 1 ecr 0,nop,wscale" + " 8>");
      assertThat(run(script).reason()).endsWith("(expected wscale 8, sent wscale 1)");
      Profile noWindows =
          new Profile(
              "no-window",
              Profile.rfc().tcp(),
              false,
              true,
              true,
              false,
              -1,
              -1,
              0x800,
              Profile.DEFAULT_TOLERANCE);
      assertThat(run(script, Options.defaults().withProfile(noWindows)).reason())
          .endsWith("(expected wscale 8, sent wscale 1)");
      Profile noScale =
          new Profile(
              "no-scale",
              Profile.rfc().tcp(),
              false,
              false,
              true,
              false,
              -1,
              -1,
              0x800,
              Profile.DEFAULT_TOLERANCE);
      assertThat(run(script, Options.defaults().withProfile(noScale)).status())
          .isEqualTo(Status.PASS);
    }

    @Test
    void freebsd_offersTheWindowScaleOfItsLargestBuffer_notOfItsSocketBuffer() {
      // tcp_connect: the smallest shift with TCP_MAXWIN << shift >= sb_max (2 MiB): 6, though
      // the socket starts with recvspace (64 KiB), for which RFC 7323 2.3 would offer 1.
      String script = CONNECTING.replace("<...>", "<mss 1460,nop,wscale 6,sackOK,TS val 1 ecr 0>");
      Options freebsd = Options.defaults().withProfile(Profile.freebsd());
      assertThat(run(script, freebsd).status())
          .as(run(script, freebsd).summary())
          .isEqualTo(Status.PASS);
      assertThat(run(script.replace("wscale 6", "wscale 7"), freebsd).reason())
          .endsWith("(expected wscale 7, sent wscale 6)");
    }

    @Test
    void missingOption_isNamed() {
      ScriptResult result = run(CONNECTING.replace("<...>", "<mss 1460,sackOK>"));
      assertThat(result.reason()).endsWith("(no sack_ok option)");
    }

    @Test
    void timestampEcho_isMappedInbound_andCheckedOutbound() {
      String script =
          CONNECTING.replace("<...>", "<mss 1460,nop,nop,TS val 100 ecr 0,nop," + "wscale 1>")
              + "+0.1 < S. 0:0(0) ack 1 win 65535 <mss 1460,nop,nop,TS val 700 ecr 100>\n"
              + "+0   > . 1:1(0) ack 1 <nop,nop,TS val 200 ecr 700>\n";
      assertThat(run(script).status()).as(run(script).summary()).isEqualTo(Status.PASS);
      ScriptResult wrongEcho = run(script.replace("TS val 200 ecr 700", "TS val 200 ecr 701"));
      assertThat(wrongEcho.reason()).endsWith("(TS ecr: expected 701, sent 700)");
    }

    @Test
    void remoteIsnAtTheWrap_changesNothing() {
      String script = ESTABLISHED + "+0 < P. 1:11(10) ack 1 win 65535\n+0 > . 1:1(0) ack 11\n";
      ScriptResult result = run(script, Options.defaults().withRemoteIsn(-5));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }
  }

  /**
   * One line for the pieces of a TSO/GSO segment: the peer's MSS is 1460 and the initial window
   * three segments, so a write of 4380 bytes leaves at once in three full segments.
   */
  @Nested
  class SegmentPieces {
    private static final String WRITE_4380 = ESTABLISHED + "+0 write(4, ..., 4380) = 4380\n";

    @Test
    void oneLargeLine_takesTheThreeMssSegmentsOfAWrite() {
      ScriptResult result = run(WRITE_4380 + "+0 > P. 1:4381(4380) ack 1\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void theSegmentsMayAlsoBeExpectedOneByOne() {
      ScriptResult result =
          run(
              WRITE_4380
                  + "+0 > . 1:1461(1460) ack 1\n"
                  + "+0 > . 1461:2921(1460) ack 1\n"
                  + "+0 > P. 2921:4381(1460) ack 1\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void aLineCoveringTwoOfThreeSegments_leavesTheThirdForTheNextLine() {
      ScriptResult result =
          run(WRITE_4380 + "+0 > . 1:2921(2920) ack 1\n+0 > P. 2921:4381(1460) ack 1\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void piecesThatNeverReachTheLine_fail_afterTheLinesTime() {
      ScriptResult result = run(WRITE_4380 + "+0 > P. 1:5001(5000) ack 1\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason())
          .isEqualTo(
              "payload length: expected 5000 but the 3 segments sent in a row carry 4380"
                  + " (waited until 0.204000)");
      assertThat(result.actual())
          .isEqualTo(
              "0.200000 > P. 1:4381(4380) ack 1 win 65535 (3 segments joined, sent at"
                  + " 0.200000)");
    }

    @Test
    void strictSegmentsScriptOption_takesOneSegmentPerLine() {
      ScriptResult result =
          run("--strict_segments\n" + WRITE_4380 + "+0 > P. 1:4381(4380) ack 1\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason()).isEqualTo("flags: expected P. but sent .");
      assertThat(result.actual()).isEqualTo("0.200000 > . 1:1461(1460) ack 1 win 65535");
    }

    @Test
    void strictSegmentsOption_takesOneSegmentPerLine() {
      ScriptResult result =
          run(
              WRITE_4380 + "+0 > . 1:4381(4380) ack 1\n",
              Options.defaults().withStrictSegments(true));
      assertThat(result.reason()).isEqualTo("payload length: expected 4380 but sent 1460");
    }
  }

  @Nested
  class Timing {
    private static final String SYN_RETRANSMITTED = CONNECTING + "%s > S 0:0(0) <...>\n";

    @Test
    void segmentWithinTheTolerance_passes() {
      // The SYN is retransmitted after the 1 s initial RTO (RFC 6298 2.1).
      assertThat(run(String.format(SYN_RETRANSMITTED, "+1.003")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void segmentOutsideTheTolerance_fails() {
      ScriptResult result = run(String.format(SYN_RETRANSMITTED, "+1.01"));
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason())
          .isEqualTo("segment sent at 1.000000, expected at 1.010000" + " (tolerance 4ms)");
    }

    @Test
    void scriptTolerance_andOptionsTolerance() {
      assertThat(
              run("--tolerance_usecs=20000\n" + String.format(SYN_RETRANSMITTED, "+1.01")).status())
          .isEqualTo(Status.PASS);
      assertThat(
              run(
                      String.format(SYN_RETRANSMITTED, "+1.01"),
                      Options.defaults().withTolerance(20_000_000))
                  .status())
          .isEqualTo(Status.PASS);
    }

    @Test
    void rangesAndAnyTime_acceptTheSegmentAnywhereInside() {
      assertThat(run(String.format(SYN_RETRANSMITTED, "+0.5~+1.5")).status())
          .isEqualTo(Status.PASS);
      assertThat(run(String.format(SYN_RETRANSMITTED, "0.9~1.1")).status()).isEqualTo(Status.PASS);
      assertThat(run(String.format(SYN_RETRANSMITTED, "*")).status()).isEqualTo(Status.PASS);
      assertThat(run(String.format(SYN_RETRANSMITTED, "+1.5~+2")).reason())
          .isEqualTo(
              "segment sent at 1.000000, expected between 1.500000 and 2.000000"
                  + " (tolerance 4ms)");
    }

    @Test
    void relativeTime_countsFromWhenTheSegmentWasSent() {
      // The second retransmission comes 2 s after the first (RFC 6298 5.5: back off).
      assertThat(run(String.format(SYN_RETRANSMITTED, "+1") + "+2 > S 0:0(0) <...>\n").status())
          .isEqualTo(Status.PASS);
    }

    @Test
    void segmentNeverSent_failsAfterWaitingPastItsTime() {
      ScriptResult result = run(ESTABLISHED + "+0.3 > . 1:1(0) ack 1\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason()).isEqualTo("expected segment not sent (waited until 0.504000)");
      assertThat(result.actual()).isEqualTo("nothing sent");
    }

    @Test
    void unexpectedSegment_beforeAnEvent_isReadAndFailedByTheNextOutboundLine() {
      // packetdrill's sniffer reads outbound packets in order, only for a > line: the ACK of the
      // first data (sent at 0.2) is the next segment, so the line expecting the second ACK reads
      // it.
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 < P. 1:11(10) ack 1 win 65535\n"
                  + "+0.1 < P. 11:21(10) ack 1 win 65535\n"
                  + "+0 > . 1:1(0) ack 21\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(10);
      assertThat(result.reason())
          .isEqualTo(
              "acknowledgment number: expected 21 but sent 11"
                  + " (sent before line 9, where no line expected it)");
      assertThat(result.actual()).isEqualTo("0.200000 > . 1:1(0) ack 11 win 65525");
    }

    @Test
    void unexpectedRetransmission_beforeACall_failsTheNextOutboundLineOnItsTime() {
      // The SYN retransmitted at 1 s is read by the line at 2 s: the right segment, too early.
      ScriptResult result =
          run(
              CONNECTING
                  + "+2 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0\n"
                  + "+0 > S 0:0(0) <...>\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(6);
      assertThat(result.reason())
          .isEqualTo(
              "segment sent at 1.000000, expected at 2.000000 (tolerance 4ms)"
                  + " (sent before line 5, where no line expected it)");
    }

    @Test
    void segmentBeforeAnEvent_withNoOutboundLineAfterIt_isNeverRead() {
      // As in packetdrill: no later > line, so nothing reads the retransmitted SYN.
      ScriptResult result =
          run(CONNECTING + "+2 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void segmentSentBeforeACodeBlock_isLeftForTheNextOutboundLine() {
      // packetdrill runs %{ }% code on a tcp_info snapshot and sniffs nothing there: the ACK of
      // the data waits for the line after the block (slow-start-after-idle.pkt's asserts).
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 < P. 1:11(10) ack 1 win 65535\n"
                  + "+0 %{ assert tcpi_state == TCP_ESTABLISHED }%\n"
                  + "+0 > . 1:1(0) ack 11\n");
      assertThat(result.status()).isEqualTo(Status.PASS);
    }

    @Test
    void segmentAfterTheLastOutboundLine_isNeverRead_asInPacketdrill() {
      // The ACK of the data (sent at 0.2) follows the last > line: packetdrill never reads it.
      ScriptResult result = run(ESTABLISHED + "+0 < P. 1:11(10) ack 1 win 65535\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }
  }

  @Nested
  class Calls {
    @Test
    void ioctl_siocinqCountsUnreadBytes_siocoutqUnacknowledged_siocoutqnsdUnsent() {
      // Linux's tcp_ioctl: SIOCINQ = RCV.NXT - copied_seq, SIOCOUTQ = write_seq - SND.UNA,
      // SIOCOUTQNSD = write_seq - SND.NXT.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0 ioctl(4, SIOCINQ, [0]) = 0",
                      "+0 < P. 1:11(10) ack 1 win 65535",
                      "+0 > . 1:1(0) ack 11",
                      "+0 ioctl(4, SIOCINQ, [10]) = 0",
                      "+0 ioctl(4, FIONREAD, [10]) = 0",
                      "+0 read(4, ..., 4) = 4",
                      "+0 ioctl(4, SIOCINQ, [6]) = 0",
                      "+0 write(4, ..., 20) = 20",
                      "+0 > P. 1:21(20) ack 11",
                      "+0 ioctl(4, SIOCOUTQ, [20]) = 0",
                      "+0 ioctl(4, SIOCOUTQNSD, [0]) = 0",
                      "+.1 < . 11:11(0) ack 21 win 65535",
                      "+0 ioctl(4, SIOCOUTQ, [0]) = 0"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void recvmsgWithTcpInq_reportsTheBytesLeft_andOneAfterTheFin() {
      // Linux's tcp_recvmsg with TCP_INQ: a TCP_CM_INQ control message of tcp_inq_hint, the
      // bytes still to read, or 1 once a FIN has arrived and none are left.
      String recvmsg =
          "+0 recvmsg(4, {msg_name(...)=..., msg_iov(1)=[{..., %d}], msg_flags=0,"
              + " msg_control=[{cmsg_level=SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=%d}]}, 0)"
              + " = %d";
      String script =
          ESTABLISHED
              + String.join(
                  "\n",
                  "+0 setsockopt(4, SOL_TCP, TCP_INQ, [1], 4) = 0",
                  "+0 getsockopt(4, SOL_TCP, TCP_INQ, [1], [4]) = 0",
                  "+0 < P. 1:101(100) ack 1 win 65535",
                  "+0 > . 1:1(0) ack 101",
                  String.format(recvmsg, 30, 70, 30),
                  String.format(recvmsg, 70, 0, 70),
                  "+0 < F. 101:151(50) ack 1 win 65535",
                  "+0 > . 1:1(0) ack 152",
                  String.format(recvmsg, 50, 1, 50),
                  "+0 read(4, ..., 10) = 0");
      ScriptResult result = run(script);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
      ScriptResult wrong = run(script.replace("cmsg_data=70", "cmsg_data=69"));
      assertThat(wrong.reason()).isEqualTo("recvmsg's TCP_CM_INQ gave 70, the script expects 69");
    }

    @Test
    void recvmsgWithoutTcpInq_givesNoControlMessage() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 < P. 1:11(10) ack 1 win 65535\n"
                  + "+0 > . 1:1(0) ack 11\n"
                  + "+0 recvmsg(4, {msg_iov(1)=[{..., 10}], msg_flags=0, msg_control=[{cmsg_level="
                  + "SOL_TCP, cmsg_type=TCP_CM_INQ, cmsg_data=0}]}, 0) = 10\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason())
          .startsWith("recvmsg gave no control message (TCP_INQ is not set)");
    }

    @Test
    void nullBuffers_failWithEfault_andLeaveTheDataToRead() {
      // Linux: tcp_sendmsg_locked and tcp_recvmsg_locked return -EFAULT when nothing was copied.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0 write(4, NULL, 100) = -1 EFAULT (Bad address)",
                      "+0 send(4, NULL, 100, 0) = -1 EFAULT (Bad address)",
                      "+0 sendto(4, NULL, 100, 0, ..., ...) = -1 EFAULT (Bad address)",
                      "+0 < P. 1:11(10) ack 1 win 65535",
                      "+0 > . 1:1(0) ack 11",
                      "+0 read(4, NULL, 10) = -1 EFAULT (Bad address)",
                      "+0 recvfrom(4, NULL, 10, 0, ..., ...) = -1 EFAULT (Bad address)",
                      "+0 ioctl(4, SIOCINQ, [10]) = 0",
                      "+0 recvfrom(4, ..., 10, 0, ..., ...) = 10",
                      "+0 sendto(4, ..., 20, 0, ..., ...) = 20",
                      "+0 > P. 1:21(20) ack 11"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void ioctl_aValueOtherThanTheScripts_failsWithBoth() {
      ScriptResult result = run(ESTABLISHED + "+0 ioctl(4, SIOCINQ, [5]) = 0\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason()).isEqualTo("ioctl SIOCINQ gave [0], the script expects [5]");
    }

    @Test
    void ioctl_onAListener_isEinval() {
      ScriptResult result =
          run(ESTABLISHED + "+0 ioctl(3, SIOCINQ, [0]) = -1 EINVAL (Invalid argument)\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void ipTosAndPmtudiscDont_areAccepted() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 setsockopt(4, SOL_IP, IP_MTU_DISCOVER, [IP_PMTUDISC_DONT], 1) = 0\n"
                  + "+0 setsockopt(4, SOL_IP, IP_TOS, [4], 1) = 0\n"
                  + "+0 setsockopt(4, SOL_IP, IP_TOS, [0], 1) = 0\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void blockingConnect_returnsWhenTheHandshakeCompletes() {
      ScriptResult result =
          run(
              String.join(
                  "\n",
                  "0           socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                  "+.1...0.200 connect(3, ..., ...) = 0",
                  "+0          > S 0:0(0) <...>",
                  "+.1         < S. 0:0(0) ack 1 win 5792 <mss 1460>",
                  "+0          > . 1:1(0) ack 1"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void sendmsg_writesTheLengthsOfItsVectors_andMsgMoreHoldsAPartialSegment() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 sendmsg(4, {msg_name(...)=..., msg_iov(2)=[{..., 30}, {..., 10}],"
                  + " msg_flags=0}, MSG_MORE) = 40\n"
                  + "+0 sendmsg(4, {msg_name(...)=..., msg_iov(1)=[{..., 5}], msg_flags=0}, 0)"
                  + " = 5\n"
                  + "+0 > P. 1:46(45) ack 1\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void readAfterShutdownRd_stillReturnsDataThatArrived() {
      // Linux queues data that arrives after shutdown(SHUT_RD) (shutdown-rd-wr-close.pkt).
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 shutdown(4, SHUT_RD) = 0\n"
                  + "+0 read(4, ..., 1000) = 0\n"
                  + "+0 < . 1:11(10) ack 1 win 65535\n"
                  + "+0~+0.5 > . 1:1(0) ack 11\n"
                  + "+0 read(4, ..., 1000) = 10\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void blockingReadAndAccept_returnWhenTheirEventComes() {
      ScriptResult result =
          run(
              String.join(
                  "\n",
                  "0         socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                  "+0        bind(3, ..., ...) = 0",
                  "+0        listen(3, 1) = 0",
                  "+0...0.2  accept(3, ..., ...) = 4",
                  "+0.1      < S 0:0(0) win 65535 <mss 1460>",
                  "+0        > S. 0:0(0) ack 1 <...>",
                  "+0.1      < . 1:1(0) ack 1 win 65535",
                  "+0...0.1  read(4, ..., 100) = 10",
                  "+0.1      < P. 1:11(10) ack 1 win 65535",
                  "+0        > . 1:1(0) ack 11"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void blockingCall_returningLate_fails() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 read(4, ..., 100) = 10\n"
                  + "+0.5 < P. 1:11(10) ack 1 win 65535\n+0 > . 1:1(0) ack 11\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(8);
      assertThat(result.reason())
          .isEqualTo("read() returned at 0.700000, expected at 0.200000" + " (tolerance 4ms)");
    }

    @Test
    void blockingCall_neverReturning_fails() {
      ScriptResult result = run(ESTABLISHED + "+0 read(4, ..., 100) = 10\n");
      assertThat(result.reason()).isEqualTo("blocking call never returned");
    }

    @Test
    void nonBlockingCalls_failWithEagain() {
      ScriptResult result =
          run(
              CONNECTING
                  + "+0 read(3, ..., 100) = -1 EAGAIN (Resource"
                  + " temporarily unavailable)\n+0 write(3, ..., 10) = -1 EWOULDBLOCK\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void wrongResult_fails() {
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 < P. 1:11(10) ack 1 win 65535\n"
                  + "+0 > . 1:1(0) ack 11\n+0 read(4, ..., 100) = 5\n");
      assertThat(result.reason()).isEqualTo("read() returned 10, expected 5");
      assertThat(result.actual()).isEqualTo("read() = 10 at 0.200000");
    }

    @Test
    void wrongErrno_fails() {
      ScriptResult result = run(CONNECTING + "+0 read(3, ..., 100) = -1 ECONNRESET\n");
      assertThat(result.reason()).isEqualTo("read() failed with EAGAIN, expected ECONNRESET");
    }

    @Test
    void refusedConnection_reportsEconnrefusedInSoError() {
      ScriptResult result =
          run(
              CONNECTING
                  + "+0.1 < R. 0:0(0) ack 1 win 0\n"
                  + "+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0\n");
      assertThat(result.reason())
          .isEqualTo("getsockopt SO_ERROR gave [ECONNREFUSED], the" + " script expects [0]");
    }

    @Test
    void fcntlGetfl_usesTheProfilesNonBlockFlag() {
      String script = CONNECTING + "+0 fcntl(3, F_GETFL) = 0x%s (flags O_RDWR|O_NONBLOCK)\n";
      assertThat(run(String.format(script, "802")).status()).isEqualTo(Status.PASS);
      assertThat(
              run(String.format(script, "6"), Options.defaults().withProfile(Profile.freebsd()))
                  .status())
          .isEqualTo(Status.PASS);
    }

    @Test
    void bufferSizes_areReportedAsTheProfileSays() {
      String script =
          "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
              + "+0 getsockopt(3, SOL_SOCKET, SO_RCVBUF, [%d], [4]) = 0\n";
      assertThat(run(String.format(script, 65536)).status()).isEqualTo(Status.PASS);
      assertThat(run(String.format(script, 1234)).reason())
          .isEqualTo("getsockopt SO_RCVBUF" + " gave [65536], the script expects [1234]");
      assertThat(
              run(String.format(script, 1234), Options.defaults().withProfile(Profile.linux()))
                  .status())
          .as("not compared")
          .isEqualTo(Status.PASS);
    }

    @Test
    void unreadData_shrinksTheWindow_andReadReopensIt() {
      // The bytes wait in the receive buffer until read() takes them; the window update follows
      // once it grows by an MSS (receiver SWS avoidance, RFC 9293 3.8.6.2.2).
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0    < P. 1:2001(2000) ack 1 win 65535",
                      "+0    > . 1:1(0) ack 2001 win 63535",
                      "+0.1  read(4, ..., 1000) = 1000",
                      "+0    > . 1:1(0) ack 2001 win 65535",
                      "+0    read(4, ..., 1000) = 1000"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void closeWithUnreadData_resetsTheConnection() {
      // RFC 1122 4.2.2.13: "If such a host issues a CLOSE call while received data is still
      // pending in TCP ... its TCP SHOULD send a RST to show that data was lost."
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0.1 < P. 1:101(100) ack 1 win 65535\n"
                  + "+0 > . 1:1(0) ack 101\n"
                  + "+0 close(4) = 0\n"
                  + "+0 > R 1:1(0)\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void lingerZeroClose_resets() {
      // RFC 9293 3.10.5 ABORT: "Send a reset segment: <SEQ=SND.NXT><CTL=RST>".
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n"
                  + "+0 close(4) = 0\n+0 > R 1:1(0)\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void closedDescriptor_isEbadf() {
      assertThat(
              run(ESTABLISHED
                      + "+0 close(4) = 0\n+0 > F. 1:1(0) ack 1\n"
                      + "+0 close(4) = -1 EBADF\n")
                  .status())
          .isEqualTo(Status.PASS);
    }

    @Test
    void defines_chooseTheLines() {
      String script =
          CONNECTING
              + "#ifdef LATE\n+2 > S 0:0(0) <...>\n#else\n+1 > S 0:0(0)"
              + " <...>\n#endif\n";
      assertThat(run(script).status()).isEqualTo(Status.PASS);
      assertThat(run(script, Options.defaults().withDefines(Set.of("LATE"))).reason())
          .startsWith("segment sent at 1.000000, expected at 2.000000");
    }
  }

  /** TCP_USER_TIMEOUT through setsockopt (RFC 5482, Linux's semantics). */
  @Nested
  class UserTimeout {
    @Test
    void theConnectionGivesUpWhenTheTimeoutEnds_notAtItsNextRetransmission() {
      // The first timeout at 1.2 s; without the option the next would come at 3.2 s.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0 setsockopt(4, SOL_TCP, TCP_USER_TIMEOUT, [1500], 4) = 0",
                      "+0 getsockopt(4, SOL_TCP, TCP_USER_TIMEOUT, [1500], [4]) = 0",
                      "+0 write(4, ..., 10) = 10",
                      "+0 > P. 1:11(10) ack 1",
                      "+1 > P. 1:11(10) ack 1",
                      "+1.4 %{ assert tcpi_state == TCP_ESTABLISHED }%",
                      "+0.2 %{ assert tcpi_state == TCP_CLOSE }%",
                      ""));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void aQueueThatRefusesEverything_installedAfterTheStart_holdsNewDataForResourceProbes() {
      // The tc line changes the running host. The write's data never leaves: the probe timer
      // tries at one RTO (1 s) and then every 500 ms, each try a probe without backoff.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0 `tc qdisc add dev tun0 root pfifo limit 0`",
                      "+0 write(4, ..., 10) = 10",
                      "+1.6 %{ assert tcpi_probes == 2, tcpi_probes }%",
                      "+0 %{ assert tcpi_backoff == 0, tcpi_backoff }%",
                      ""));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void aNegativeTimeout_isRefusedWithEinval() {
      ScriptResult result =
          run(ESTABLISHED + "+0 setsockopt(4, SOL_TCP, TCP_USER_TIMEOUT, [-1], 4) = -1 EINVAL\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }
  }

  /** %{ }% assertions over the tcp_info view of the connection. */
  @Nested
  class TcpInfo {
    @Test
    void busyAndWindowLimitedTime_areInMicroseconds() {
      // Linux's tcp_get_info_chrono_stats: busy time includes the window-limited time.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0 < . 1:1(0) ack 1 win 0",
                      "+0 write(4, ..., 100) = 100",
                      "+.1 %{ assert tcpi_rwnd_limited == 100000, tcpi_rwnd_limited }%",
                      "+0 < . 1:1(0) ack 1 win 1000",
                      "+0 > P. 1:101(100) ack 1",
                      "+.05 < . 1:1(0) ack 101 win 1000",
                      "+.05 %{ assert tcpi_busy_time == 150000, tcpi_busy_time }%",
                      "+0 %{ assert tcpi_rwnd_limited == 100000, tcpi_rwnd_limited }%",
                      ""));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void assertionThatHolds_passes() {
      // RFC 5681 3.1's initial window for a 1460-byte MSS: 4380 bytes, 3 segments.
      ScriptResult result =
          run(
              ESTABLISHED
                  + "+0 %{ assert tcpi_state == TCP_ESTABLISHED; cwnd = 3 }%\n"
                  + "+0 %{ assert tcpi_snd_cwnd == cwnd, tcpi_snd_cwnd }%\n"
                  + "+0 %{ assert tcpi_snd_ssthresh == TCP_INFINITE_SSTHRESH }%\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void freebsdProfile_givesTcpiStateInFreeBsdNumbering_namedTcpiStar() {
      // FreeBSD's tcp_info numbers states as tcp_fsm.h does: TCPS_ESTABLISHED is 4.
      String script =
          String.join(
              "\n",
              SYN_TO_LISTENER + "+0    > S. 0:0(0) ack 1 <...>",
              "+0.1  < . 1:1(0) ack 1 win 65535",
              "+0    accept(3, ..., ...) = 4",
              "+0 %{ assert tcpi_state == TCPI_ESTABLISHED == 4 }%",
              "+0 %{ assert TCPI_CLOSED == 0 and TCPI_SYN_RECEIVED == 3 and TCPI_TIME_WAIT == 10 }%",
              "");
      ScriptResult result = run(script, Options.defaults().withProfile(Profile.freebsd()));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
      ScriptResult linux = run(ESTABLISHED + "+0 %{ assert tcpi_state == TCPI_ESTABLISHED }%\n");
      assertThat(linux.summary())
          .isEqualTo(
              "FAIL test.pkt:8: assertion failed: tcpi_state == TCPI_ESTABLISHED (tcpi_state=1)");
    }

    @Test
    void anySequenceNumber_matchesWhateverTheModelSent_butNotAnotherLength() {
      String synAck = SYN_TO_LISTENER + "+0    > S. ...(%d) ack 1 win 65535 <mss 1460>\n";
      assertThat(run(String.format(synAck, 0)).status()).isEqualTo(Status.PASS);
      assertThat(run(String.format(synAck, 1)).reason())
          .startsWith("payload length: expected 1 but sent 0");
    }

    @Test
    void assertionThatFails_failsAtItsLine_withTheValues() {
      ScriptResult result = run(ESTABLISHED + "+0 %{ assert tcpi_snd_cwnd == 10, 'x' }%\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.summary())
          .isEqualTo("FAIL test.pkt:8: assertion failed: tcpi_snd_cwnd == 10 (tcpi_snd_cwnd=3)");
      assertThat(result.actual()).isEqualTo("tcpi_snd_cwnd=3");
    }

    @Test
    void lastDataRecv_countsFromEstablishment_thenFromTheLastInOrderData() {
      // Linux's icsk_ack.lrcvtime: set when the connection is established (0.2), then by each
      // in-order data segment (tcp_event_data_recv); tcpi_last_data_recv is its age in ms.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+1 %{ assert tcpi_last_data_recv == 1000 }%",
                      "+0 < P. 1:11(10) ack 1 win 65535",
                      "+0 > . 1:1(0) ack 11",
                      "+.25 %{ assert tcpi_last_data_recv == 250 }%",
                      "+0 < P. 21:31(10) ack 1 win 65535",
                      "+0 > . 1:1(0) ack 11",
                      "+.1 %{ assert tcpi_last_data_recv == 350, 'out of order: not counted' }%"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void rttvarRtoAndBackoff_followTheEstimator_andTheTimeouts() {
      // RFC 6298: the handshake's 100 ms sample gives RTTVAR 50 ms and RTO max(1 s, 300 ms); a
      // timeout doubles the RTO and counts one backoff.
      ScriptResult result =
          run(
              ESTABLISHED
                  + String.join(
                      "\n",
                      "+0 %{ assert tcpi_rtt == 100000 and tcpi_rttvar == 50000 }%",
                      "+0 %{ assert tcpi_rto == 1000000 and tcpi_backoff == 0 }%",
                      "+0 write(4, ..., 10) = 10",
                      "+0 > P. 1:11(10) ack 1",
                      "+1 > P. 1:11(10) ack 1",
                      "+0 %{ assert tcpi_rto == 2000000 and tcpi_backoff == 1 }%",
                      ""));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void lossRecoveryCounts_underRackTlp_showSackedAndLostSegments() {
      // linux profile, SACK: 4 segments out, the 4th SACKed; RACK's reordering timer (min_RTT/4
      // after RACK.rtt) deems the first 3 lost and recovery begins with the first.
      String script =
          String.join(
              "\n",
              "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
              "+0    bind(3, ..., ...) = 0",
              "+0    listen(3, 1) = 0",
              "+0    < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>",
              "+0    > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>",
              "+.1   < . 1:1(0) ack 1 win 320",
              "+0    accept(3, ..., ...) = 4",
              "+0    write(4, ..., 4000) = 4000",
              "+0    > P. 1:4001(4000) ack 1",
              "+0    %{ assert tcpi_ca_state == TCP_CA_Open and tcpi_unacked == 4 }%",
              "+.1   < . 1:1(0) ack 1 win 320 <sack 3001:4001,nop,nop>",
              "+0    %{ assert tcpi_ca_state == TCP_CA_Disorder and tcpi_sacked == 1 }%",
              "+.025 > . 1:1001(1000) ack 1",
              "+0    %{ assert tcpi_ca_state == TCP_CA_Recovery and tcpi_lost == 3 }%",
              "+0    %{ assert tcpi_retrans == 1 and tcpi_reordering == 3 }%",
              "");
      ScriptResult result = run(script, Options.defaults().withProfile(Profile.linux()));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void lossRecoveryCounts_withoutRackTlp_failTheScript_withTheReason() {
      ScriptResult result = run(ESTABLISHED + "+0 %{ assert tcpi_lost == 0 }%\n");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.reason())
          .contains("tcpi_lost needs a loss recovery that counts segments (RACK-TLP, with SACK)");
    }

    @Test
    void theSendersMss_isThePeersLessTheTimestampOption() {
      ScriptResult result =
          run(
              ESTABLISHED.replace("<mss 1460>\n+0    > S.", "<mss 1000>\n+0    > S.")
                  + "+0 %{ assert tcpi_snd_mss == 1000 and tcpi_advmss == 1460 }%\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }
  }

  @Nested
  class Unsupported {
    @Test
    void ioctlRequestTheModelDoesNotAnswer_isUnsupported() {
      assertUnsupported(
          ESTABLISHED + "+0 ioctl(4, SIOCGSTAMP, [0]) = 0\n",
          8,
          "ioctl request SIOCGSTAMP is not modelled");
    }

    @Test
    void sendtoWithMsgFastopen_isUnsupported() {
      assertUnsupported(
          "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
              + "+0 sendto(3, ..., 0, MSG_FASTOPEN, AF_UNSPEC, ...) = -1 EOPNOTSUPP\n",
          2,
          "TCP Fast Open (sendto with MSG_FASTOPEN)");
    }

    @Test
    void pathMtuDiscoveryOn_isUnsupported() {
      assertUnsupported(
          ESTABLISHED + "+0 setsockopt(4, SOL_IP, IP_MTU_DISCOVER, [IP_PMTUDISC_DO], 1) = 0\n",
          8,
          "setsockopt IP_MTU_DISCOVER [IP_PMTUDISC_DO] (no path MTU discovery in netsim)");
    }

    @Test
    void pythonBeyondTcpInfoAssertions_isUnsupported() {
      assertUnsupported(
          ESTABLISHED + "+0 %{ import os }%\n",
          8,
          "%{ python }% code: the statement 'import os' (netsim evaluates assert, assignments"
              + " and print of tcpi_* fields)");
    }

    @Test
    void tcpInfoFieldTheModelDoesNotKeep_isUnsupported_withTheReason() {
      assertUnsupported(
          ESTABLISHED + "+0 %{ assert tcpi_rcv_mss == 0, tcpi_rcv_mss }%\n",
          8,
          "tcp_info field tcpi_rcv_mss not modelled (Linux's estimate of the peer's MSS is not"
              + " modelled)");
    }

    @Test
    void tcpInfo_isUnsupported() {
      assertUnsupported(
          ESTABLISHED + "+0 getsockopt(4, SOL_TCP, TCP_INFO, ..., ...) = 0\n",
          8,
          "TCP_INFO (netsim does not model struct tcp_info)");
    }

    @Test
    void md5AndFastOpen_areUnsupported() {
      assertUnsupported(
          "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
              + "+0 setsockopt(3, SOL_TCP, TCP_MD5SIG, ..., ...) = 0\n",
          2,
          "TCP MD5 signatures (TCP_MD5SIG)");
      assertUnsupported(
          "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
              + "+0 setsockopt(3, SOL_TCP, TCP_FASTOPEN, [1], 4) = 0\n",
          2,
          "TCP Fast Open (TCP_FASTOPEN)");
      assertUnsupported(
          "0 < S 0:0(0) win 1 <FO abcd>\n",
          1,
          "TCP Fast Open option (netsim does not model Fast Open)");
    }

    @Test
    void ipv6_isUnsupported() {
      assertUnsupported(
          "--ip_version=ipv6\n0 `true`\n", 0, "--ip_version=ipv6 (netsim models IPv4 only)");
      assertUnsupported(
          "0 socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = 3\n",
          1,
          "IPv6 socket (netsim models IPv4 only)");
    }

    @Test
    void callsNotModelled_areUnsupported() {
      assertUnsupported(
          "0 poll([{fd=3, events=POLLIN}], 1, 0) = 0\n",
          1,
          "system call poll() (netsim's socket layer has no readiness API)");
      assertUnsupported(
          "0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3\n",
          1,
          "socket type SOCK_DGRAM (netsim models TCP only)");
    }

    @Test
    void unsupportedFeatureLate_inTheScript_stopsItBeforeItRuns() {
      ScriptResult result =
          run(ESTABLISHED + "+0 > . 9:9(0) ack 9\n+9 %{ assert tcpi_rcv_mss == 0 }%\n");
      assertThat(result.status())
          .as(
              "a later python block makes the whole script unsupported,"
                  + " never a pass or a partial run")
          .isEqualTo(Status.UNSUPPORTED);
    }

    @Test
    void unknownShellCommand_isUnsupportedByDefault_andSkippedWithIgnoreShell() {
      String script = "0 `ip link set dev tun0 up`\n+" + CONNECTING;
      assertUnsupported(script, 1, "shell command ip link set dev tun0 up: unknown");
      ScriptResult skipped = run(script, Options.defaults().withIgnoreShell(true));
      assertThat(skipped.status()).isEqualTo(Status.PASS);
      assertThat(skipped.shellNotes())
          .containsExactly("1: skipped: ip link set dev tun0 up: unknown");
    }

    @Test
    void settingAfterTheEndpointStarted_isUnsupported() {
      assertUnsupported(
          ESTABLISHED + "+0 `sysctl -q net.ipv4.tcp_sack=0`\n+0 close(4) = 0\n",
          8,
          "shell command net.ipv4.tcp_sack=0: not modelled (a setting after the endpoint"
              + " started; the model's configuration is fixed then)");
    }

    @Test
    void settingAfterTheLastEvent_restoringTheHost_hasNoEffect() {
      // FreeBSD's suite ends a script with `sysctl -w net.inet.tcp.insecure_rst=0`.
      ScriptResult result =
          run(
              "0 `sysctl -w net.inet.tcp.insecure_rst=1`\n+"
                  + CONNECTING
                  + "+0 `sysctl -w net.inet.tcp.insecure_rst=0`\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
      assertThat(result.shellNotes())
          .containsExactly(
              "1: net.inet.tcp.insecure_rst=1: applied (tcp.insecureRst = true)",
              "6: net.inet.tcp.insecure_rst=0: no effect (a setting after the script's last"
                  + " event, which nothing can see)");
    }

    @Test
    void knownSysctl_isApplied_andNoted() {
      ScriptResult result = run("0 `sysctl -w net.ipv4.tcp_rfc1337=1`\n+" + CONNECTING);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
      assertThat(result.shellNotes())
          .containsExactly("1: net.ipv4.tcp_rfc1337=1: applied (tcp.rfc1337 = true)");
    }

    private void assertUnsupported(String text, int line, String reason) {
      ScriptResult result = run(text);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.UNSUPPORTED);
      assertThat(result.line()).isEqualTo(line);
      assertThat(result.reason()).isEqualTo(reason);
    }
  }

  /** FreeBSD's rules through the runner: the freebsd profile and its sysctls. */
  @Nested
  class FreeBsd {
    private final Options freebsd = Options.defaults().withProfile(Profile.freebsd());

    /** An active open whose peer closes first: CLOSE-WAIT, RCV.NXT 2. */
    private final String closeWait =
        String.join(
            "\n",
            "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
            "+0    fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
            "+0    connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)",
            "+0    > S 0:0(0) <...>",
            "+0.1  < S. 0:0(0) ack 1 win 32767 <mss 1460>",
            "+0    > . 1:1(0) ack 1",
            "+0.1  < F. 1:1(0) ack 1 win 32767",
            "+0    > . 1:1(0) ack 2",
            "");

    /**
     * Runs {@link #closeWait} under the freebsd profile, after {@code setup}, then {@code rest}.
     */
    private void passes(String setup, String rest) {
      ScriptResult result = run("--tolerance_usecs=50000\n" + setup + closeWait + rest, freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void insecureRst_rstInTheWindow_resetsTheConnection_withEconnreset() {
      passes(
          "`sysctl -w net.inet.tcp.insecure_rst=1`\n",
          "+0.1 < R 1000:1000(0) win 32767\n"
              + "+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNRESET], [4]) = 0\n"
              + "+0 close(3) = 0\n");
    }

    @Test
    void closeWithUnreadData_discardsIt_andClosesWithAFin() {
      // FreeBSD's tcp_disconnect: "mark socket disconnecting and drop current input data; ...
      // send segment to peer (with FIN)": sbflush(&so->so_rcv), tcp_usrclosed, tcp_output. No RST.
      ScriptResult result =
          run(
              "--tolerance_usecs=50000\n"
                  + ESTABLISHED
                  + "+0.1 < P. 1:101(100) ack 1 win 65535\n"
                  + "+0 close(4) = 0\n"
                  + "+0 > F. 1:1(0) ack 101\n"
                  + "+0.1 < F. 101:101(0) ack 2 win 65535\n"
                  + "+0 > . 2:2(0) ack 102\n",
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void closeWithUnreadData_lingerZero_stillResets() {
      // tcp_disconnect: "If in ``let data drain'' option and linger null, just drop": tcp_drop.
      ScriptResult result =
          run(
              "--tolerance_usecs=50000\n"
                  + ESTABLISHED
                  + "+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n"
                  + "+0.1 < P. 1:101(100) ack 1 win 65535\n"
                  + "+0 close(4) = 0\n"
                  + "+0 > R. 1:1(0) ack 101\n",
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void lastAck_anOldSegmentAcknowledgingOurFin_closesWithoutReply() {
      passes(
          "",
          "+0 shutdown(3, SHUT_WR) = 0\n"
              + "+0 > F. 1:1(0) ack 2\n"
              + "+0.1 < . 1:1(0) ack 2 win 32767\n"
              + "+0 close(3) = 0\n");
    }

    @Test
    void sockstatLine_checksTheSocketTable_heldConnectionInEachState() {
      passes(
          "",
          "+0 `sockstat -4 -P tcp -s | grep packetdril | grep -c CLOSE_WAIT | grep 1`\n"
              + "+0.1 < R 2:2(0) win 32767\n"
              + "+0 `sockstat -4 -P tcp -s | grep packetdril | grep -c CLOSED | grep 1`\n"
              + "+0 `sockstat -4 -P tcp -s | grep packetdril | grep -c CLOSE_WAIT | grep 0`\n"
              + "+0 close(3) = 0\n");
    }

    @Test
    void sockstatLine_countsAListenersEmbryonicConnection_untilItsReset() {
      ScriptResult result =
          run(
              String.join(
                  "\n",
                  "0    `sockstat -4 -P tcp -p 8080 -s | grep -c SYN_RCVD | grep 0`",
                  "+0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                  "+0   bind(3, ..., ...) = 0",
                  "+0   listen(3, 1) = 0",
                  "+0   < S 0:0(0) win 32767 <mss 1460>",
                  "+0   > S. 0:0(0) ack 1 <...>",
                  "+0.1 `sockstat -4 -P tcp -s -p 8080 | grep -c SYN_RCVD | grep 1`",
                  "+0   `sockstat -4 -P tcp -s -l | grep packetdril | grep -c LISTEN | grep 1`",
                  "+0.1 < R. 1:1(0) ack 1 win 32767",
                  "+0   `sockstat -4 -P tcp -p 8080 -s | grep -c SYN_RCVD | grep 0`",
                  "+0   close(3) = 0",
                  ""),
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void sockstatLine_thatTheTableDoesNotSatisfy_failsTheScriptAtItsLine() {
      ScriptResult result =
          run(
              "--tolerance_usecs=50000\n"
                  + closeWait
                  + "+0 `sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1`\n",
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(10);
      assertThat(result.reason())
          .isEqualTo(
              "shell command failed: sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT"
                  + " | grep 1");
      assertThat(result.actual())
          .isEqualTo("grep 1 selected nothing of '0'; the socket table: fd 3 CLOSE_WAIT");
    }

    @Test
    void tcpdropByState_resetsThePeer_andLeavesEconnabortedOnTheSocket() {
      // tcp_subr.c sysctl_drop: tcp_drop(tp, ECONNABORTED), a RST,ACK of RCV.NXT at SND.NXT.
      passes(
          "",
          "+0 `tcpdrop -s CLOSE_WAIT`\n"
              + "+0 > R. 1:1(0) ack 2\n"
              + "+0 `sockstat -4 -P tcp -s | grep packetdril | grep -c CLOSED | grep 1`\n"
              + "+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNABORTED], [4]) = 0\n"
              + "+0 close(3) = 0\n");
    }

    @Test
    void tcpdropInLastAck_resetsThePeerAfterOurFin() {
      // tcp_drop resets in every state after a SYN arrived; RFC 9293's ABORT is silent here.
      passes(
          "",
          "+0 shutdown(3, SHUT_WR) = 0\n"
              + "+0 > F. 1:1(0) ack 2\n"
              + "+0.1 `tcpdrop -s LAST_ACK`\n"
              + "+0 > R. 2:2(0) ack 2\n"
              + "+0 close(3) = 0\n");
    }

    @Test
    void tcpdropByAddress_dropsThatConnection() {
      ScriptResult result =
          run(
              String.join(
                  "\n",
                  "0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                  "+0   bind(3, ..., ...) = 0",
                  "+0   listen(3, 1) = 0",
                  "+0   < S 0:0(0) win 32767 <mss 1460>",
                  "+0   > S. 0:0(0) ack 1 <...>",
                  "+0.1 < . 1:1(0) ack 1 win 32767",
                  "+0   accept(3, ..., ...) = 4",
                  "+0   `tcpdrop 192.168.0.1:8080 192.0.2.1:49999`",
                  "+0   > R. 1:1(0) ack 1",
                  "+0   getsockopt(4, SOL_SOCKET, SO_ERROR, [ECONNABORTED], [4]) = 0",
                  "+0   close(4) = 0",
                  "+0   close(3) = 0",
                  ""),
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void tcpdropOfAConnectionThatDoesNotExist_failsTheScriptAtItsLine() {
      ScriptResult result =
          run(
              "--tolerance_usecs=50000\n"
                  + closeWait
                  + "+0 `tcpdrop 192.168.0.1 8080 192.0.2.1 1`\n"
                  + "+0 close(3) = 0\n",
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(10);
      assertThat(result.reason())
          .isEqualTo("shell command failed: tcpdrop 192.168.0.1 8080 192.0.2.1 1");
      assertThat(result.actual()).isEqualTo("tcpdrop: no such connection (ESRCH)");
    }

    @Test
    void tcpdropOfAListenersEmbryonicConnection_failsAndLeavesItToTheSyncache() {
      ScriptResult result =
          run(
              String.join(
                  "\n",
                  "0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                  "+0   bind(3, ..., ...) = 0",
                  "+0   listen(3, 1) = 0",
                  "+0   < S 0:0(0) win 32767 <mss 1460>",
                  "+0   > S. 0:0(0) ack 1 <...>",
                  "+0.1 `tcpdrop -s SYN_RCVD`",
                  ""),
              freebsd);
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(6);
      assertThat(result.actual())
          .isEqualTo("tcpdrop: 192.168.0.1:8080 192.0.2.1:49999 is in the syncache (ESRCH)");
    }

    @Test
    void sockstatLine_isStillCheckedWithIgnoreShell() {
      ScriptResult result =
          run(
              "--tolerance_usecs=50000\n"
                  + closeWait
                  + "+0 `sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1`\n",
              freebsd.withIgnoreShell(true));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(10);
    }

    @Test
    void insecureSyn_synInTheWindow_isAnsweredWithRstAck() {
      passes(
          "`sysctl -w net.inet.tcp.insecure_syn=1`\n",
          "+0.1 < S 2:2(0) win 32767\n"
              + "+0 > R. 1:1(0) ack 2\n"
              + "+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNRESET], [4]) = 0\n");
    }
  }

  @Nested
  class EcnCodepoints {
    /** A passive-ECN listener (Linux's default) accepts the peer's ECN-setup SYN. */
    private static final String ECN_ESTABLISHED =
        String.join(
            "\n",
            "0     `sysctl -q net.ipv4.tcp_ecn=2`",
            "+0    socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
            "+0    bind(3, ..., ...) = 0",
            "+0    listen(3, 1) = 0",
            "+0.1  < SEW 0:0(0) win 65535 <mss 1460>",
            "+0    > [noecn] SE. 0:0(0) ack 1 win 65535 <mss 1460>",
            "+0.1  < . 1:1(0) ack 1 win 65535",
            "+0    accept(3, ..., ...) = 4",
            "");

    @Test
    void ceIsEchoedUntilCwr_andNewDataGoesOutEct0() {
      ScriptResult result =
          run(
              ECN_ESTABLISHED
                  + String.join(
                      "\n",
                      "+0    < [ce] P. 1:11(10) ack 1 win 65535",
                      "+0    > [noecn] E. 1:1(0) ack 11",
                      "+0    write(4, ..., 20) = 20",
                      "+0    > [ect0] PE. 1:21(20) ack 11",
                      "+0    < [ect0] PW. 11:21(10) ack 21 win 65535",
                      "+0    > . 21:21(0) ack 21"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void aWrongEcnField_failsAtItsLine() {
      ScriptResult result =
          run(ECN_ESTABLISHED + "+0    write(4, ..., 20) = 20\n+0    > [noecn] P. 1:21(20) ack 1");
      assertThat(result.status()).isEqualTo(Status.FAIL);
      assertThat(result.line()).isEqualTo(10);
      assertThat(result.reason()).isEqualTo("IP ECN field ect0, expected not-ect");
    }

    @Test
    void withoutTheSysctl_theRfcProfileAnswersAPlainSynAck() {
      ScriptResult result =
          run(
              String.join(
                  "\n",
                  "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
                  "+0    bind(3, ..., ...) = 0",
                  "+0    listen(3, 1) = 0",
                  "+0.1  < SEW 0:0(0) win 65535 <mss 1460>",
                  "+0    > S. 0:0(0) ack 1 win 65535 <mss 1460>"));
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }
  }

  @Test
  void socket_getsTheDescriptorTheScriptExpects_asPacketdrillMapsThem() {
    ScriptResult result =
        run(
            "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4\n+0 close(4) = 0\n+0 close(3) = -1 EBADF\n");
    assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
  }

  @Test
  void syntaxError_isAnErrorWithItsLine() {
    ScriptResult result = run(ESTABLISHED + "+0 > . 1:1(0) ack\n");
    assertThat(result.status()).isEqualTo(Status.ERROR);
    assertThat(result.line()).isEqualTo(8);
    assertThat(result.summary())
        .isEqualTo(
            "ERROR test.pkt:8: expected an integer" + " acknowledgment number, got end of script");
  }

  @Test
  void meaninglessArgument_isAnErrorWithItsLine() {
    ScriptResult result = run(ESTABLISHED + "+0 shutdown(4, SHUT_SIDEWAYS) = 0\n");
    assertThat(result.status()).isEqualTo(Status.ERROR);
    assertThat(result.summary()).isEqualTo("ERROR test.pkt:8: unknown name 'SHUT_SIDEWAYS'");
  }

  @Nested
  class NothingToTest {
    @Test
    void anEmptyScript_isAnError_notAPass() {
      ScriptResult result = run("");
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.summary())
          .isEqualTo("ERROR test.pkt: the script has no events:" + " nothing to test");
    }

    @Test
    void aScriptOfCommentsAndOptions_isAnError_notAPass() {
      ScriptResult result = run("// only a comment\n--tolerance_usecs=1000\n/* and another */\n");
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.reason()).isEqualTo("the script has no events: nothing to test");
    }

    @Test
    void aScriptWhoseEventsAreAllShellCommands_isAnError_notAPass() {
      ScriptResult result =
          run("0 `sysctl -w x=1`\n+0 `true`\n", Options.defaults().withIgnoreShell(true));
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.reason()).isEqualTo("every event is a shell command: nothing to test");
    }
  }

  @Nested
  class NumbersOutOfRange {
    @Test
    void aTimeBeyondLong_isAnErrorAtItsLine_notAnException() {
      ScriptResult result =
          run(
              "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                  + "+99999999999999999999 close(3) = 0\n");
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.summary())
          .isEqualTo(
              "ERROR test.pkt:2: time out of range:"
                  + " 99999999999999999999 s (at most 1000000 s)");
    }

    @Test
    void aCallArgumentBeyondLong_isAnErrorAtItsLine_notAnException() {
      ScriptResult result = run(ESTABLISHED + "+0 write(4, ..., 99999999999999999999) = 10\n");
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.summary())
          .isEqualTo("ERROR test.pkt:8: number out of range:" + " 99999999999999999999");
    }

    @Test
    void aToleranceWhoseNanosecondsOverflow_isAnError() {
      ScriptResult result = run("--tolerance_usecs=99999999999999999\n" + CONNECTING);
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.reason())
          .isEqualTo(
              "--tolerance_usecs out of range: 99999999999999999" + " (at most 1000000000000)");
    }

    @Test
    void aSocketOptionBeyondInt_isAnErrorAtItsLine_notWrappedAround() {
      ScriptResult result =
          run(
              "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                  + "+0 setsockopt(3, SOL_SOCKET, SO_RCVBUF, [4294968296], 4) = 0\n");
      assertThat(result.status()).isEqualTo(Status.ERROR);
      assertThat(result.summary())
          .isEqualTo("ERROR test.pkt:2: SO_RCVBUF out of range:" + " 4294968296");
    }

    @Test
    void aFileDescriptorBeyondInt_isNoSocket_notSocketThree() {
      ScriptResult result =
          run(
              "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                  + "+0 close(4294967299) = -1 EBADF (Bad file descriptor)\n"
                  + "+0 close(3) = 0\n");
      assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
    }
  }
}
