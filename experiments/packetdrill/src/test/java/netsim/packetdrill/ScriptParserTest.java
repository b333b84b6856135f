package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import netsim.core.Time;
import netsim.net.packet.Ecn;
import netsim.tcp.TcpFlags;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** packetdrill's language as {@link ScriptParser} reads it, and its messages for bad scripts. */
class ScriptParserTest {

  private static Script parse(String text) {
    return ScriptParser.parse("test.pkt", text, Set.of());
  }

  private static Action action(String line) {
    return parse(line).events().get(0).action();
  }

  private static PacketSpec packet(String line) {
    return (PacketSpec) action("0 " + line);
  }

  private static SyscallSpec call(String line) {
    return (SyscallSpec) action("0 " + line);
  }

  private static void assertError(String text, int line, String message) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ScriptSyntaxException.class)
        .hasMessageStartingWith("test.pkt:" + line + ": ")
        .hasMessageContaining(message);
  }

  @Nested
  class Times {
    @Test
    void absoluteAndRelativeTimes_areNanoseconds() {
      List<Event> events = parse("0.25 `a`\n+0.1 `b`\n+.5 `c`\n3 `d`").events();
      assertThat(events)
          .extracting(Event::time)
          .containsExactly(
              EventTime.absolute(Time.millis(250)), EventTime.relative(Time.millis(100)),
              EventTime.relative(Time.millis(500)), EventTime.absolute(Time.seconds(3)));
    }

    @Test
    void star_isAnyTime() {
      assertThat(parse("* `a`").events().get(0).time().kind()).isEqualTo(EventTime.Kind.ANY);
    }

    @Test
    void ranges_areAbsoluteOrRelative() {
      assertThat(parse("0.1~0.2 `a`").events().get(0).time())
          .isEqualTo(
              new EventTime(EventTime.Kind.ABSOLUTE_RANGE, Time.millis(100), Time.millis(200)));
      assertThat(parse("+0~+0.5 `a`").events().get(0).time())
          .isEqualTo(new EventTime(EventTime.Kind.RELATIVE_RANGE, 0, Time.millis(500)));
    }

    @Test
    void blockingCall_hasAnEndTime() {
      SyscallSpec read =
          (SyscallSpec) parse("+.1...0.200 read(4, ..., 2000) = 2000").events().get(0).action();
      assertThat(read.end()).isEqualTo(Time.millis(200));
    }

    @Test
    void relativeTimes_countFromWherePreviousEventEnded() {
      EventTime time = EventTime.relative(Time.millis(100));
      assertThat(time.earliest(Time.seconds(1))).isEqualTo(Time.millis(1100));
      assertThat(EventTime.any().latest(0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rangeThatEndsBeforeItStarts_isAnError() {
      assertError("0.2~0.1 `a`", 1, "time range ends before it starts");
    }

    @Test
    void rangeMixingAbsoluteAndRelative_isAnError() {
      assertError("+0.1~0.2 `a`", 1, "either absolute (0.1~0.2) or relative");
    }

    @Test
    void timeBeyondTheLimit_isOutOfRange_atItsLine() {
      assertError(
          "0 `a`\n+99999999999999999999 `b`",
          2,
          "time out of range: 99999999999999999999 s (at most 1000000 s)");
      assertError("0 `a`\n1000000.5 `b`", 2, "time out of range: 1000000.5 s");
      assertError("0~99999999999999999999 `a`", 1, "time out of range");
      assertError("0...99999999999999999999 read(4, ..., 10) = 10", 1, "time out of range");
    }

    @Test
    void timesAddingUpBeyondTheLimit_areOutOfRange_whereTheyPassIt() {
      assertError(
          "0 `a`\n+600000 `b`\n+0 `c`\n+400001 `d`",
          4,
          "the script's times add up" + " to more than 1000000 s");
      assertThat(parse("0 `a`\n+600000 `b`\n+400000 `c`").events()).hasSize(3);
      assertThat(parse("999999 `a`\n1000000 `b`").events())
          .as("absolute times do not add up")
          .hasSize(2);
    }

    @Test
    void missingTime_isAnError() {
      assertError("socket(..., SOCK_STREAM, IPPROTO_TCP) = 3", 1, "expected a time");
    }
  }

  @Nested
  class Packets {
    @Test
    void outboundEllipsisSequence_isAnySequenceNumber_withItsLength() {
      // FreeBSD's suite: "> S. ...(0) ack 65537" for a new incarnation's SYN,ACK.
      PacketSpec synAck = packet("> S. ...(0) ack 65537 win 65535 <mss 1460,sackOK,eol,eol>");
      assertThat(synAck.startSeq()).isEqualTo(PacketSpec.ANY_SEQ);
      assertThat(synAck.length()).isZero();
      assertThat(synAck.ack()).isEqualTo(65537L);
    }

    @Test
    void inboundEllipsisSequence_isAnError() {
      assertError("0 < S ...(0) win 100", 1, "an inbound packet needs its sequence number");
    }

    @Test
    void inboundSyn_withOptions() {
      PacketSpec syn = packet("< S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>");
      assertThat(syn.inbound()).isTrue();
      assertThat(syn.flags()).isEqualTo(TcpFlags.SYN);
      assertThat(syn.startSeq()).isZero();
      assertThat(syn.length()).isZero();
      assertThat(syn.ack()).isNull();
      assertThat(syn.window()).isEqualTo(32792);
      assertThat(syn.options())
          .extracting(TcpOptionSpec::toString)
          .containsExactly("mss 1000", "sackOK", "nop", "nop", "nop", "wscale 7");
    }

    @Test
    void outboundSynAck_withAckAndEllipsisOptions() {
      PacketSpec synAck = packet("> S. 0:0(0) ack 1 <...>");
      assertThat(synAck.inbound()).isFalse();
      assertThat(synAck.flags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
      assertThat(synAck.ack()).isEqualTo(1L);
      assertThat(synAck.window()).as("not compared").isNull();
      assertThat(synAck.options()).as("<...>: not compared").isNull();
    }

    @Test
    void outboundWithoutOptions_expectsNone() {
      assertThat(packet("> . 1:1(0) ack 1").options()).isEmpty();
    }

    @Test
    void dataSegment_hasLengthAndPush() {
      PacketSpec data = packet("< P. 1:1001(1000) ack 1 win 257");
      assertThat(data.flags()).isEqualTo(TcpFlags.PSH | TcpFlags.ACK);
      assertThat(data.startSeq()).isEqualTo(1);
      assertThat(data.length()).isEqualTo(1000);
    }

    @Test
    void everyFlagLetter() {
      assertThat(packet("< FSRPUEW. 0:0(0) ack 0 win 0").flags()).isEqualTo(0xFF);
      assertThat(packet("< - 0:0(0) win 0").flags()).isZero();
      assertThat(packet("> R 1:1(0)").flags()).isEqualTo(TcpFlags.RST);
      assertThat(packet("> F. 1:1(0) ack 2").flags()).isEqualTo(TcpFlags.FIN | TcpFlags.ACK);
    }

    @Test
    void timestampAndSackOptions() {
      PacketSpec ack =
          packet(
              "< . 1:1(0) ack 1001 win 257 <nop,nop,TS val 200 ecr 100,"
                  + "sack 2001:3001 4001:5001,eol>");
      TcpOptionSpec ts = ack.options().get(2);
      assertThat(ts.kind()).isEqualTo(TcpOptionSpec.Kind.TIMESTAMP);
      assertThat(ts.value()).isEqualTo(200);
      assertThat(ts.echo()).isEqualTo(100);
      assertThat(ack.options().get(3).toString()).isEqualTo("sack 2001:3001 4001:5001");
      assertThat(ack.options().get(4).kind()).isEqualTo(TcpOptionSpec.Kind.EOL);
    }

    @Test
    void urgentPointerAndNoEcn() {
      PacketSpec urgent = packet("< [noecn] PU. 1:2(1) ack 1 win 100 urg 1");
      assertThat(urgent.urgent()).isEqualTo(1);
      assertThat(urgent.flags() & TcpFlags.URG).isNotZero();
      assertThat(urgent.ecn()).isEqualTo(Ecn.NOT_ECT);
    }

    @Test
    void ecnCodepoints_areRead_andALineWithoutOneChecksNone() {
      assertThat(packet("> [ect0] P. 1:1001(1000) ack 1").ecn()).isEqualTo(Ecn.ECT_0);
      assertThat(packet("< [ect1] . 1:1(0) ack 1 win 320").ecn()).isEqualTo(Ecn.ECT_1);
      assertThat(packet("< [ce] . 1:1(0) ack 1 win 320").ecn()).isEqualTo(Ecn.CE);
      assertThat(packet("> P. 1:1001(1000) ack 1").ecn()).isNull();
    }

    @Test
    void packetsMayStraddleLines() {
      List<Event> events = parse("0 < S 0:0(0)\n   win 100\n+0 > S. 0:0(0)\n ack 1").events();
      assertThat(events).hasSize(2);
      assertThat(events.get(1).line()).isEqualTo(3);
    }

    @Test
    void sequenceRangeNotMatchingLength_isAnError() {
      assertError(
          "0 `a`\n+0 < P. 1:11(5) ack 1 win 100",
          2,
          "sequence range 1:11 does not match payload length 5");
    }

    @Test
    void inboundWithoutWindow_isAnError() {
      assertError("0 < S 0:0(0)", 1, "an inbound packet needs a window");
    }

    @Test
    void ackNumberWithoutAckFlag_isRead_asPacketdrillDoes() {
      PacketSpec packet = (PacketSpec) parse("0 < F 1:1(0) ack 1 win 100").events().get(0).action();
      assertThat(packet.flags()).isEqualTo(TcpFlags.FIN);
      assertThat(packet.ack()).isEqualTo(1L);
    }

    @Test
    void unknownFlag_isAnError() {
      assertError("0 < X 0:0(0) win 1", 1, "unknown TCP flag 'X'");
    }

    @Test
    void unknownOption_isAnError() {
      assertError("0\n < S 0:0(0) win 1 <mss 1460,bogus 3>", 2, "unknown TCP option 'bogus'");
    }

    @Test
    void malformedSequenceRange_isAnError() {
      assertError("0 < S 0-0(0) win 1", 1, "expected ':' in sequence range");
    }

    @Test
    void sequenceAndAckNumbersBeyond32Bits_areOutOfRange() {
      assertError(
          "0 < S 4294967296:4294967296(0) win 1",
          1,
          "sequence range start out of range 0-4294967295: 4294967296");
      assertError(
          "0 < S 0:4294967296(4294967296) win 1",
          1,
          "sequence range end out of range 0-4294967295: 4294967296");
      assertError(
          "0 < . 1:1(0) ack 4294967296 win 1",
          1,
          "acknowledgment number out of range 0-4294967295: 4294967296");
      assertError(
          "0 < . 1:1(0) ack 99999999999999999999 win 1",
          1,
          "acknowledgment number out of range: 99999999999999999999");
      assertError(
          "0 < . -5:-5(0) ack 1 win 1", 1, "sequence range start out of range 0-4294967295: -5");
      assertError(
          "0 < . 1:1(0) ack 1 win 1 <sack 1:4294967296>",
          1,
          "SACK block end out of range 0-4294967295: 4294967296");
    }

    @Test
    void outOfRangeWindow_isAnError() {
      assertError("0 < . 1:1(0) ack 1 win 70000", 1, "window out of range 0-65535: 70000");
    }

    @Test
    void udpIcmpFastOpenMd5AndAccEcn_areUnsupported() {
      assertUnsupported("0 < udp (100)", "UDP packets");
      assertUnsupported("0 > icmp unreachable", "ICMP packets");
      assertUnsupported("0 < S 0:0(0) win 1 <mss 1460,FO abcd>", "Fast Open");
      assertUnsupported("0 < S 0:0(0) win 1 <md5 000000>", "MD5");
      assertUnsupported("0 < S1 0:0(0) win 1", "AccECN");
      assertUnsupported("0 < [ect01] S 0:0(0) win 1", "noecn, ect0, ect1 and ce");
      assertUnsupported("0 < (tos 0x4) S 0:0(0) win 1", "not TOS, TTL or flow labels");
    }

    private void assertUnsupported(String text, String reason) {
      Script script = parse(text + "\n+0 close(3) = 0");
      assertThat(script.unsupported()).isNotNull();
      assertThat(script.unsupported().getMessage()).contains(reason);
      assertThat(script.events()).as("read to the end").hasSize(2);
    }
  }

  @Nested
  class SystemCalls {
    @Test
    void argumentsOfEveryKind() {
      SyscallSpec setsockopt =
          call("setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}," + " 8) = 0");
      assertThat(setsockopt.name()).isEqualTo("setsockopt");
      assertThat(setsockopt.args()).hasSize(5);
      Expr.Struct linger = (Expr.Struct) setsockopt.arg(3);
      assertThat(linger.get("onoff")).isEqualTo(new Expr.Int(1));
      assertThat(setsockopt.result()).isEqualTo(new Expr.Int(0));

      SyscallSpec connect =
          call(
              "connect(3, {sa_family=AF_INET, sin_port=htons(8080),"
                  + " sin_addr=inet_addr(\"192.0.2.1\")}, 16) = 0");
      Expr.Struct address = (Expr.Struct) connect.arg(1);
      assertThat(address.get("sin_port"))
          .isEqualTo(new Expr.Call("htons", List.of(new Expr.Int(8080))));
      assertThat(address.get("sin_addr"))
          .isEqualTo(new Expr.Call("inet_addr", List.of(new Expr.Str("192.0.2.1"))));
    }

    @Test
    void ellipsisArraysAndOr() {
      SyscallSpec fcntl = call("fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0");
      assertThat(fcntl.arg(2))
          .isEqualTo(new Expr.Or(List.of(new Expr.Word("O_RDWR"), new Expr.Word("O_NONBLOCK"))));
      SyscallSpec get = call("getsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], [4]) = 0");
      assertThat(get.arg(3)).isEqualTo(new Expr.Array(List.of(new Expr.Int(65536))));
      SyscallSpec bind = call("bind(3, ..., ...) = 0");
      assertThat(bind.arg(1)).isEqualTo(new Expr.Ellipsis());
    }

    @Test
    void resultWithErrnoAndNote() {
      SyscallSpec connect =
          call("connect(3, ..., ...) = -1 EINPROGRESS (Operation now in" + " progress)");
      assertThat(connect.result()).isEqualTo(new Expr.Int(-1));
      assertThat(connect.errno()).isEqualTo("EINPROGRESS");
    }

    @Test
    void hexResultWithNoteButNoErrno() {
      SyscallSpec fcntl = call("fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)");
      assertThat(fcntl.result()).isEqualTo(new Expr.Int(0x802));
      assertThat(fcntl.errno()).isNull();
    }

    @Test
    void argumentsBeyondLong_areOutOfRange_atTheirLine() {
      assertError(
          "0 `a`\n+0 write(4, ..., 99999999999999999999) = 10",
          2,
          "number out of range: 99999999999999999999");
      assertError(
          "0 write(4, ..., 10) = 0x1FFFFFFFFFFFFFFFF",
          1,
          "number out of range: 0x1FFFFFFFFFFFFFFFF");
      assertError(
          "0 write(4, ..., -99999999999999999999) = 10",
          1,
          "number out of range: -99999999999999999999");
    }

    @Test
    void callWithoutResult_isAnError() {
      assertError("0 close(3)\n+0 `a`", 2, "expected '=' before the expected result of close");
    }

    @Test
    void unterminatedNote_isAnError() {
      assertError("0 connect(3, ..., ...) = -1 EINPROGRESS (Operation", 1, "unterminated '(' note");
    }

    @Test
    void badArgument_isAnError() {
      assertError("0 close(=) = 0", 1, "expected an expression");
    }
  }

  @Nested
  class Lexical {
    @Test
    void commentsOfBothKinds_areSkipped_andLinesCounted() {
      Script script = parse("// a comment\n/* a\nlong\ncomment */ 0 `a` // trailing\n+0 `b`");
      assertThat(script.events()).extracting(Event::line).containsExactly(4, 5);
    }

    @Test
    void optionsAtTheHead() {
      Script script = parse("--tolerance_usecs=10000\n--ip_version=ipv4\n0 `a`");
      assertThat(script.options())
          .containsEntry("tolerance_usecs", "10000")
          .containsEntry("ip_version", "ipv4");
    }

    @Test
    void ipAddressOption() {
      assertThat(parse("--local_ip=192.168.0.1\n0 `a`").options())
          .containsEntry("local_ip", "192.168.0.1");
    }

    @Test
    void shellAndCode() {
      List<Event> events = parse("0 `sysctl -w a=1`\n+0 %{\nassert x == 1\n}%\n+0 `b`").events();
      assertThat(events.get(0).action()).isEqualTo(new ShellCommand("sysctl -w a=1"));
      assertThat(((CodeBlock) events.get(1).action()).code()).isEqualTo("assert x == 1");
      assertThat(events.get(2).line()).isEqualTo(5);
    }

    @Test
    void initialCommandWithoutTime() {
      Script script = parse("`setup.sh`\n0 `a`");
      assertThat(script.events().get(0).action()).isEqualTo(new ShellCommand("setup.sh"));
    }

    @Test
    void unterminatedString_isAnError() {
      assertError("0 `a`\n+0 write(3, \"abc, 3) = 3", 2, "unterminated string");
    }

    @Test
    void unterminatedComment_isAnError() {
      assertError("0 `a`\n/* never closed", 2, "unterminated /* comment");
    }

    @Test
    void unterminatedCode_isAnError() {
      assertError("0 %{ x = 1", 1, "unterminated code block");
    }

    @Test
    void unterminatedShellCommand_isAnError() {
      assertError("0 `ls", 1, "unterminated shell command");
    }
  }

  /** What Linux's own suite writes (gtests/net/tcp), each form read without an error. */
  @Nested
  class LinuxSuiteSyntax {
    @Test
    void initialCommandAfterOptions_andCleanupCommandWithoutTime() {
      Script script =
          parse("--tolerance_usecs=10000\n`../common/defaults.sh`\n0 close(3) = 0\n`/tmp/r.sh`\n");
      assertThat(script.events()).extracting(Event::line).containsExactly(2, 3, 4);
      assertThat(script.events().get(0).time()).isEqualTo(EventTime.absolute(0));
      assertThat(script.events().get(2).time()).isEqualTo(EventTime.relative(0));
      assertThat(script.events().get(2).action()).isEqualTo(new ShellCommand("/tmp/r.sh"));
    }

    @Test
    void optionFlagsWithoutValue_andValuesUpToWhiteSpace() {
      Script script =
          parse("--strict_segments\n--local_ip=fd::1\n--tcp_ts_ecr_scaled // a comment\n0 `a`");
      assertThat(script.options())
          .containsEntry("strict_segments", "")
          .containsEntry("local_ip", "fd::1")
          .containsEntry("tcp_ts_ecr_scaled", "");
    }

    @Test
    void hashLines_thatAreNotDirectives_stayInCodeAndShellCommands() {
      Script script =
          parse(
              "0 `a\n# Disable TLP:\nsysctl -q net.ipv4.tcp_early_retrans=0`\n"
                  + "+0 %{\n# Since Linux 3.7,\nassert tcpi_snd_cwnd == 4, tcpi_snd_cwnd\n}%");
      assertThat(((ShellCommand) script.events().get(0).action()).command()).contains("# Disable");
      CodeBlock code = (CodeBlock) script.events().get(1).action();
      assertThat(code.unsupported()).isNull();
      assertThat(code.statements()).hasSize(1);
    }

    @Test
    void structFieldsNamedWithAnArgument() {
      SyscallSpec call =
          (SyscallSpec)
              parse(
                      "0 recvmsg(4, {msg_name(...)=..., msg_iov(1)=[{...,0}],"
                          + " msg_flags=MSG_ERRQUEUE, msg_control=[]}, MSG_ERRQUEUE) = -1 EAGAIN"
                          + " (Resource temporarily unavailable)")
                  .events()
                  .get(0)
                  .action();
      Expr.Struct message = (Expr.Struct) call.arg(1);
      assertThat(message.fields())
          .extracting(Expr.Field::name)
          .containsExactly("msg_name", "msg_iov", "msg_flags", "msg_control");
      assertThat(call.errno()).isEqualTo("EAGAIN");
    }

    @Test
    void icmpAndIpFields_areReadToTheEnd_andUnsupported() {
      Script script =
          parse(
              "0 < icmp unreachable frag_needed mtu 840 [0:1000(1000)]\n"
                  + "+0 < [ect1] . 1:1(0) ack 1 win 320\n+0 > S 0:0(0) <mss 1460,FOEXP 1234abcd>");
      assertThat(script.events()).hasSize(3);
      assertThat(script.unsupported().line()).isEqualTo(1);
      assertThat(script.unsupported().getMessage())
          .isEqualTo("ICMP packets (netsim models TCP only)");
    }
  }

  @Nested
  class Conditionals {
    private static final String SCRIPT =
        String.join(
            "\n",
            "0 `common`",
            "#ifdef LINUX",
            "+0 `linux`",
            "#else",
            "+0 `other`",
            "#endif",
            "#ifndef FREEBSD",
            "+0 `not freebsd`",
            "#endif",
            "+0 `last`");

    private List<String> commands(Set<String> defines) {
      return ScriptParser.parse("test.pkt", SCRIPT, defines).events().stream()
          .map(e -> ((ShellCommand) e.action()).command())
          .toList();
    }

    @Test
    void ifdef_keepsItsLines_whenTheNameIsDefined() {
      assertThat(commands(Set.of("LINUX")))
          .containsExactly("common", "linux", "not freebsd", "last");
    }

    @Test
    void else_keepsItsLines_whenTheNameIsNotDefined() {
      assertThat(commands(Set.of())).containsExactly("common", "other", "not freebsd", "last");
    }

    @Test
    void ifndef_dropsItsLines_whenTheNameIsDefined() {
      assertThat(commands(Set.of("FREEBSD"))).containsExactly("common", "other", "last");
    }

    @Test
    void lineNumbersStayThoseOfTheFile() {
      Script script = ScriptParser.parse("test.pkt", SCRIPT, Set.of());
      assertThat(script.events()).extracting(Event::line).containsExactly(1, 5, 8, 10);
    }

    @Test
    void nestedBlocks_insideAnInactiveBlock_stayInactive() {
      String text = "0 `a`\n#ifdef A\n#ifdef B\n+0 `ab`\n#else\n+0 `a not b`\n#endif\n#endif";
      assertThat(ScriptParser.parse("t", text, Set.of("B")).events()).hasSize(1);
      assertThat(ScriptParser.parse("t", text, Set.of("A")).events()).hasSize(2);
    }

    @Test
    void unbalancedDirectives_areErrors() {
      assertError("0 `a`\n#else", 2, "#else without #ifdef");
      assertError("0 `a`\n#endif", 2, "#endif without #ifdef");
      assertError("0 `a`\n#ifdef X\n+0 `b`", 2, "#ifdef without #endif");
      assertError("#ifdef X\n#else\n#else\n#endif", 3, "second #else for the #ifdef of line 1");
      assertError("#ifdef\n#endif", 1, "#ifdef needs exactly one name");
    }
  }
}
