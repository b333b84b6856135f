package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.RecordedRun;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.LinkChange;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.StateCause;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of event writes the line it wrote when events carried text: the lines of
 * docs/trace.md's example, and lines of the golden runs for the kinds the example leaves out.
 */
class TraceWriterTest {
  private static final int CLIENT = 0;
  private static final int SERVER = 1;
  private static final int CLIENT_TO_SERVER = 0;
  private static final int SERVER_TO_CLIENT = 1;
  private static final int A = Ipv4Address.parse("10.0.0.1").bits();
  private static final int B = Ipv4Address.parse("10.0.0.2").bits();
  private static final Endpoint CLIENT_END = new Endpoint(new Ipv4Address(A), 49152);
  private static final Endpoint SERVER_END = new Endpoint(new Ipv4Address(B), 80);
  private static final FourTuple AT_CLIENT = new FourTuple(CLIENT_END, SERVER_END);
  private static final FourTuple AT_SERVER = new FourTuple(SERVER_END, CLIENT_END);
  private static final int SYN = TcpFlags.SYN;
  private static final int ACK = TcpFlags.ACK;

  @TempDir Path dir;

  private final RunIndex index = index();

  private static RunIndex index() {
    RunIndex index = new RunIndex();
    index.nodes().put(CLIENT, "client");
    index.nodes().put(SERVER, "server");
    index.links().put(CLIENT_TO_SERVER, "client->server");
    index.links().put(SERVER_TO_CLIENT, "server->client");
    return index;
  }

  private String line(TraceEvent event) {
    return TraceWriter.line(event, index);
  }

  private static TraceEvent.Packet packet(
      long t,
      EventKind kind,
      int node,
      int link,
      long pkt,
      boolean fromClient,
      int flags,
      long seq,
      long ack,
      TcpState state,
      DropCause cause) {
    Endpoint src = fromClient ? CLIENT_END : SERVER_END;
    Endpoint dst = fromClient ? SERVER_END : CLIENT_END;
    return new TraceEvent.Packet(
        t,
        kind,
        node,
        link,
        pkt,
        src.address().bits(),
        src.port(),
        dst.address().bits(),
        dst.port(),
        flags,
        seq,
        ack,
        0,
        state,
        cause,
        Ecn.NOT_ECT);
  }

  @Test
  void send_writesItsSenderState_andNoAckWithoutTheAckBit() {
    assertThat(
            line(
                packet(
                    0,
                    EventKind.SEND,
                    CLIENT,
                    -1,
                    0,
                    true,
                    SYN,
                    3881076750L,
                    -1,
                    TcpState.SYN_SENT,
                    null)))
        .isEqualTo(
            "{\"t\":0,\"ev\":\"send\",\"node\":\"client\",\"pkt\":0,\"src\":\"10.0.0.1:49152\","
                + "\"dst\":\"10.0.0.2:80\",\"flags\":\"SYN\",\"seq\":3881076750,\"len\":0,"
                + "\"state\":\"SYN_SENT\"}");
  }

  @Test
  void recv_writesNoStateAndNoCause() {
    assertThat(
            line(
                packet(
                    50_000_000,
                    EventKind.RECV,
                    SERVER,
                    -1,
                    0,
                    true,
                    SYN,
                    3881076750L,
                    -1,
                    null,
                    null)))
        .isEqualTo(
            "{\"t\":50000000,\"ev\":\"recv\",\"node\":\"server\",\"pkt\":0,"
                + "\"src\":\"10.0.0.1:49152\",\"dst\":\"10.0.0.2:80\",\"flags\":\"SYN\","
                + "\"seq\":3881076750,\"len\":0}");
  }

  private static TraceEvent.Datagram datagram(
      long t, EventKind kind, int node, int link, long pkt, DropCause cause) {
    return new TraceEvent.Datagram(
        t,
        kind,
        node,
        link,
        pkt,
        CLIENT_END.address().bits(),
        5000,
        SERVER_END.address().bits(),
        9,
        1000,
        pkt - 10,
        cause);
  }

  @Test
  void udp_writesTheSegmentsFieldsUdpHas_itsNumberAsSeq_andTheLinkAndCauseOfADrop() {
    assertThat(line(datagram(7, EventKind.UDP_SEND, CLIENT, -1, 12, null)))
        .isEqualTo(
            "{\"t\":7,\"ev\":\"udp-send\",\"node\":\"client\",\"pkt\":12,"
                + "\"src\":\"10.0.0.1:5000\",\"dst\":\"10.0.0.2:9\",\"seq\":2,\"len\":1000}");
    assertThat(line(datagram(8, EventKind.UDP_DROP, CLIENT, CLIENT_TO_SERVER, 13, DropCause.LOSS)))
        .isEqualTo(
            "{\"t\":8,\"ev\":\"udp-drop\",\"node\":\"client\",\"link\":\"client->server\","
                + "\"pkt\":13,\"src\":\"10.0.0.1:5000\",\"dst\":\"10.0.0.2:9\",\"seq\":3,"
                + "\"len\":1000,\"cause\":\"loss\"}");
  }

  @Test
  void dropOnALink_writesTheLinkAfterTheNode_andTheAckAndCause() {
    assertThat(
            line(
                packet(
                    900_000_000,
                    EventKind.DROP,
                    CLIENT,
                    CLIENT_TO_SERVER,
                    9,
                    true,
                    ACK,
                    3881076852L,
                    382274274L,
                    null,
                    DropCause.RULE)))
        .isEqualTo(
            "{\"t\":900000000,\"ev\":\"drop\",\"node\":\"client\",\"link\":\"client->server\","
                + "\"pkt\":9,\"src\":\"10.0.0.1:49152\",\"dst\":\"10.0.0.2:80\",\"flags\":\"ACK\","
                + "\"seq\":3881076852,\"ack\":382274274,\"len\":0,\"cause\":\"rule\"}");
  }

  @Test
  void dropAtANode_writesNoLink_andTheCauseInItsTraceName() {
    assertThat(
            line(
                packet(
                    7,
                    EventKind.DROP,
                    SERVER,
                    -1,
                    3,
                    true,
                    SYN,
                    1,
                    -1,
                    null,
                    DropCause.NOT_FOR_HOST)))
        .isEqualTo(
            "{\"t\":7,\"ev\":\"drop\",\"node\":\"server\",\"pkt\":3,\"src\":\"10.0.0.1:49152\","
                + "\"dst\":\"10.0.0.2:80\",\"flags\":\"SYN\",\"seq\":1,\"len\":0,"
                + "\"cause\":\"not-for-host\"}");
  }

  @Test
  void numbers_ofEveryLength_areWrittenAsLongToStringWritesThem() {
    List<Long> values = new ArrayList<>(List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE, -1L));
    for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
      for (long near : new long[] {power - 1, power, power + 1, 2 * power + 7, 10 * power - 1}) {
        values.add(near);
        values.add(-near);
      }
    }
    values.add(100_000_000L * 100_000_000L + 5); // a part above 10^8 with zeros below
    values.add(287_412_497_280L); // a trace's times: about 2.9e11 ns
    for (long value : values) {
      assertThat(line(new TraceEvent.Duplicate(value, CLIENT_TO_SERVER, value, 0)))
          .isEqualTo(
              "{\"t\":"
                  + value
                  + ",\"ev\":\"dup\",\"link\":\"client->server\",\"pkt\":"
                  + value
                  + ",\"copy\":0}");
    }
  }

  @Test
  void hundredths_isDivisionByAHundred_belowTenToTheEight() {
    for (int n = 0; n < 100_000_000; n += 1 + n / 1000) {
      assertThat(TraceWriter.hundredths(n)).isEqualTo(n / 100);
    }
    assertThat(TraceWriter.hundredths(99_999_999)).isEqualTo(999_999);
  }

  @Test
  void dup_writesLinkPacketAndCopy() {
    assertThat(line(new TraceEvent.Duplicate(1021052800, CLIENT_TO_SERVER, 499, 500)))
        .isEqualTo(
            "{\"t\":1021052800,\"ev\":\"dup\",\"link\":\"client->server\",\"pkt\":499,"
                + "\"copy\":500}");
  }

  @Test
  void rule_writesChainRuleAndActionByName() {
    int chain = index.chains().intern("link/client->server");
    int rule = index.rules().intern("lose-final-ack");
    assertThat(
            line(
                new TraceEvent.Rule(
                    900_000_000, chain, rule, FaultAction.Verb.DROP, 9, ACK, 3881076852L, 0)))
        .isEqualTo(
            "{\"t\":900000000,\"ev\":\"rule\",\"at\":\"link/client->server\","
                + "\"rule\":\"lose-final-ack\",\"action\":\"drop\",\"pkt\":9,\"flags\":\"ACK\","
                + "\"seq\":3881076852,\"len\":0}");
    assertThat(
            line(new TraceEvent.Rule(1, chain, rule, FaultAction.Verb.DELAY_ARRIVAL, 2, ACK, 3, 4)))
        .contains("\"action\":\"delay-arrival\"");
  }

  @Test
  void state_writesTheCauseAsBefore_rcvWithItsFlags() {
    assertThat(
            line(
                new TraceEvent.State(
                    50_000_000,
                    SERVER,
                    AT_SERVER,
                    TcpState.LISTEN,
                    TcpState.SYN_RECEIVED,
                    StateCause.RCV,
                    SYN)))
        .isEqualTo(
            "{\"t\":50000000,\"ev\":\"state\",\"node\":\"server\","
                + "\"conn\":\"10.0.0.2:80-10.0.0.1:49152\",\"from\":\"LISTEN\","
                + "\"to\":\"SYN_RECEIVED\",\"cause\":\"rcv SYN\"}");
    assertThat(
            line(
                new TraceEvent.State(
                    1,
                    CLIENT,
                    AT_CLIENT,
                    TcpState.FIN_WAIT_1,
                    TcpState.FIN_WAIT_2,
                    StateCause.RCV,
                    TcpFlags.FIN | TcpFlags.PSH | ACK)))
        .endsWith("\"cause\":\"rcv FIN|PSH|ACK\"}");
    assertThat(
            line(
                new TraceEvent.State(
                    1,
                    CLIENT,
                    AT_CLIENT,
                    TcpState.TIME_WAIT,
                    TcpState.CLOSED,
                    StateCause.TIME_WAIT_ZERO,
                    0)))
        .endsWith("\"cause\":\"TIME-WAIT timeout (zero-length, counterfactual)\"}");
  }

  @Test
  void app_writesBytesOnlyWhenThereAreSome() {
    assertThat(line(new TraceEvent.App(40_096_000, CLIENT, AT_CLIENT, AppEvent.WRITE, 1_000_000)))
        .isEqualTo(
            "{\"t\":40096000,\"ev\":\"app\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:49152-10.0.0.2:80\",\"event\":\"write\",\"bytes\":1000000}");
    assertThat(line(new TraceEvent.App(10_000_000, CLIENT, AT_CLIENT, AppEvent.PEER_CLOSED, 0)))
        .isEqualTo(
            "{\"t\":10000000,\"ev\":\"app\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:49152-10.0.0.2:80\",\"event\":\"peer-closed\"}");
  }

  @Test
  void rtx_writesFlagsSequenceLengthAndReason() {
    assertThat(
            line(
                new TraceEvent.Retransmit(
                    1_850_000_000,
                    SERVER,
                    AT_SERVER,
                    TcpFlags.FIN | ACK,
                    382274273L,
                    0,
                    RetransmitReason.RTO)))
        .isEqualTo(
            "{\"t\":1850000000,\"ev\":\"rtx\",\"node\":\"server\","
                + "\"conn\":\"10.0.0.2:80-10.0.0.1:49152\",\"flags\":\"FIN|ACK\","
                + "\"seq\":382274273,\"len\":0,\"reason\":\"rto\"}");
  }

  @Test
  void cc_writesSsthreshAndSrttOnlyOnceKnown() {
    assertThat(
            line(
                new TraceEvent.Congestion(
                    212_262_400, CLIENT, AT_CLIENT, 24616, 20272, 40570069, 200_000_000, 40544)))
        .isEqualTo(
            "{\"t\":212262400,\"ev\":\"cc\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:49152-10.0.0.2:80\",\"cwnd\":24616,\"ssthresh\":20272,"
                + "\"srtt\":40570069,\"rto\":200000000,\"inflight\":40544}");
    assertThat(
            line(
                new TraceEvent.Congestion(
                    2_600_000_000L,
                    CLIENT,
                    AT_CLIENT,
                    4380,
                    TraceEvent.NONE,
                    TraceEvent.NONE,
                    2_000_000_000,
                    0)))
        .isEqualTo(
            "{\"t\":2600000000,\"ev\":\"cc\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:49152-10.0.0.2:80\",\"cwnd\":4380,\"rto\":2000000000,"
                + "\"inflight\":0}");
  }

  @Test
  void linkAndHost_writeTheirChangeByName() {
    assertThat(line(new TraceEvent.Link(5_000_000_000L, SERVER_TO_CLIENT, LinkChange.DOWN)))
        .isEqualTo(
            "{\"t\":5000000000,\"ev\":\"link\",\"dir\":\"server->client\",\"what\":\"down\"}");
    assertThat(line(new TraceEvent.Host(1_500_000_000, SERVER, HostChange.RESTART)))
        .isEqualTo("{\"t\":1500000000,\"ev\":\"host\",\"node\":\"server\",\"what\":\"restart\"}");
  }

  @Test
  void numbers_areWrittenInDecimal_atEveryDigitCount_fromZeroToLongMaxValue() {
    long[] values = {
      0,
      7,
      9,
      10,
      42,
      99,
      100,
      101,
      999,
      1000,
      65535,
      4_294_967_295L,
      287_412_497_280L,
      999_999_999_999_999_999L,
      1_000_000_000_000_000_000L,
      Long.MAX_VALUE
    };
    for (long t : values) {
      assertThat(line(new TraceEvent.Host(t, SERVER, HostChange.CRASH)))
          .isEqualTo("{\"t\":" + t + ",\"ev\":\"host\",\"node\":\"server\",\"what\":\"crash\"}");
    }
    for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
      for (long t : new long[] {power - 1, power, 10 * power - 1}) {
        assertThat(line(new TraceEvent.Duplicate(t, CLIENT_TO_SERVER, t, -t)))
            .isEqualTo(
                "{\"t\":"
                    + t
                    + ",\"ev\":\"dup\",\"link\":\"client->server\",\"pkt\":"
                    + t
                    + ",\"copy\":"
                    + -t
                    + "}");
      }
    }
  }

  @Test
  void aNameWithQuotesOrControlCharacters_isEscaped() {
    RunIndex odd = new RunIndex();
    int node = odd.nodes().intern("a\"b\\c\td\u0001");
    assertThat(TraceWriter.line(new TraceEvent.Host(0, node, HostChange.CRASH), odd))
        .isEqualTo(
            "{\"t\":0,\"ev\":\"host\",\"node\":\"a\\\"b\\\\c\\td\\u0001\",\"what\":\"crash\"}");
  }

  @Test
  void everyLine_readBack_writesTheSameLine() throws IOException {
    List<TraceEvent> events =
        List.of(
            packet(0, EventKind.SEND, CLIENT, -1, 0, true, SYN, 1, -1, TcpState.SYN_SENT, null),
            packet(1, EventKind.DROP, CLIENT, 0, 1, true, ACK, 2, 3, null, DropCause.BURST),
            new TraceEvent.Duplicate(2, SERVER_TO_CLIENT, 4, 5),
            new TraceEvent.State(
                3,
                SERVER,
                AT_SERVER,
                TcpState.LISTEN,
                TcpState.ESTABLISHED,
                StateCause.RCV_SYN_TWO_WAY,
                0),
            new TraceEvent.State(
                3, CLIENT, AT_CLIENT, TcpState.SYN_SENT, TcpState.CLOSED, StateCause.RCV, 0x14),
            new TraceEvent.App(4, CLIENT, AT_CLIENT, AppEvent.OPEN_FAILED, 0),
            new TraceEvent.Retransmit(5, CLIENT, AT_CLIENT, ACK, 6, 7, RetransmitReason.PROBE),
            new TraceEvent.Congestion(6, CLIENT, AT_CLIENT, 1, 2, TraceEvent.NONE, 4, 5),
            new TraceEvent.Link(7, CLIENT_TO_SERVER, LinkChange.SET),
            new TraceEvent.Host(8, SERVER, HostChange.CRASH),
            datagram(9, EventKind.UDP_SEND, CLIENT, -1, 10, null),
            datagram(10, EventKind.UDP_DROP, CLIENT, CLIENT_TO_SERVER, 11, DropCause.QUEUE),
            datagram(11, EventKind.UDP_DROP, SERVER, -1, 12, DropCause.NO_PORT));
    Path file = dir.resolve("trace.jsonl");
    TraceWriter.write(events, index, file);
    List<String> lines = Files.readAllLines(file);
    assertThat(events).extracting(this::line).isEqualTo(lines);
    TraceReader.Trace read = TraceReader.read(file);
    assertThat(read.events()).extracting(e -> TraceWriter.line(e, read.index())).isEqualTo(lines);
  }

  @Test
  void mark_writesItsLinkAndCe_andAnEctSendItsEcn_andTheReaderReadsThemBack() throws IOException {
    Endpoint src = CLIENT_END;
    Endpoint dst = SERVER_END;
    TraceEvent send =
        new TraceEvent.Packet(
            0,
            EventKind.SEND,
            CLIENT,
            -1,
            9,
            src.address().bits(),
            src.port(),
            dst.address().bits(),
            dst.port(),
            ACK,
            1,
            2,
            1000,
            TcpState.ESTABLISHED,
            null,
            Ecn.ECT_0);
    TraceEvent mark =
        new TraceEvent.Packet(
            5,
            EventKind.MARK,
            CLIENT,
            CLIENT_TO_SERVER,
            9,
            src.address().bits(),
            src.port(),
            dst.address().bits(),
            dst.port(),
            ACK,
            1,
            2,
            1000,
            null,
            null,
            Ecn.CE);
    assertThat(line(send))
        .isEqualTo(
            "{\"t\":0,\"ev\":\"send\",\"node\":\"client\",\"pkt\":9,\"src\":\"10.0.0.1:49152\","
                + "\"dst\":\"10.0.0.2:80\",\"flags\":\"ACK\",\"seq\":1,\"ack\":2,\"len\":1000,"
                + "\"ecn\":\"ect0\",\"state\":\"ESTABLISHED\"}");
    assertThat(line(mark))
        .isEqualTo(
            "{\"t\":5,\"ev\":\"mark\",\"node\":\"client\",\"link\":\"client->server\",\"pkt\":9,"
                + "\"src\":\"10.0.0.1:49152\",\"dst\":\"10.0.0.2:80\",\"flags\":\"ACK\",\"seq\":1,"
                + "\"ack\":2,\"len\":1000,\"ecn\":\"ce\"}");
    Path file = dir.resolve("trace.jsonl");
    TraceWriter.write(List.of(send, mark), index, file);
    TraceReader.Trace read = TraceReader.read(file);
    assertThat(read.events()).containsExactly(send, mark);
  }

  @Test
  void asASinkOfARun_writesTheSameBytesAsTheRunsEventsWritten() throws IOException {
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    RecordedRun run =
        RecordedRun.of(
            ConfigLoader.load(
                "lost-final-ack.yaml", Scenarios.CATALOGUE.get("lost-final-ack").text(), List.of()),
            new TraceWriter(streamed, new RunIndex()));
    Path file = dir.resolve("trace.jsonl");
    TraceWriter.write(run.events(), run.result().index(), file);
    assertThat(streamed.toByteArray()).isNotEmpty().isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void endpointsWrittenAgain_amongMoreThanItKeeps_writeTheTextTheyWriteAlone() throws IOException {
    List<TraceEvent> events = new ArrayList<>();
    int[] addresses = {0, A, B, -1, 0x7FFF_FFFF, 0x8000_0000};
    int[] ports = {0, 80, 49152, 65535, 1};
    for (int round = 0; round < 2; round++) {
      for (int address : addresses) {
        for (int port : ports) {
          events.add(endpoints(events.size(), address, port, A + 1, 443));
        }
      }
      for (int i = 0; i < 3000; i++) { // more endpoints than slots: every slot taken again
        events.add(endpoints(events.size(), A + i, 1024 + 7 * i, B + 3 * i, (7919 * i) & 0xFFFF));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceWriter writer = new TraceWriter(out, index);
    for (TraceEvent event : events) {
      writer.write(event);
    }
    writer.flush();

    List<String> alone = new ArrayList<>();
    for (TraceEvent event : events) {
      alone.add(line(event));
    }
    assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactlyElementsOf(alone);
  }

  private static TraceEvent endpoints(long pkt, int src, int srcPort, int dst, int dstPort) {
    return new TraceEvent.Packet(
        pkt,
        EventKind.RECV,
        SERVER,
        -1,
        pkt,
        src,
        srcPort,
        dst,
        dstPort,
        ACK,
        1,
        2,
        0,
        null,
        null,
        Ecn.NOT_ECT);
  }
}
