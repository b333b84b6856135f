package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * What the time-sequence graph draws, from a real run of bulk-transfer (1 MB, 1% loss): one data
 * direction, sequence numbers relative to the ISN ending at SYN + 1,000,000 bytes + FIN, every
 * retransmission marked, every lost segment marked, and the ACKs back to the sender rising to the
 * end.
 */
class FlowsTest {
  private static RunResult run(String scenario) {
    return new Experiment(
            ConfigLoader.load(
                scenario + ".yaml", Scenarios.CATALOGUE.get(scenario).text(), List.of()))
        .run();
  }

  private static RunResult runText(String name, String yaml) {
    return new Experiment(ConfigLoader.load(name + ".yaml", yaml, List.of())).run();
  }

  private static int client(RunResult result) {
    return result.index().nodes().intern("client");
  }

  @Test
  void bulkTransfer_hasOneDataDirection_relativeToTheIsn() {
    RunResult result = run("bulk-transfer");
    List<Flows.Flow> flows = Flows.of(result.index(), result.events());
    Flows.Flow data = flows.stream().filter(f -> f.dataBytes() > 0).findFirst().orElseThrow();
    assertThat(flows.stream().filter(f -> f.dataBytes() > 0)).hasSize(1);
    assertThat(Flows.label(data, flows)).isEqualTo("client \u2192 server");
    assertThat(data.dataBytes()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(data.segments().get(0).end()).as("the SYN").isEqualTo(1);
    assertThat(data.segments().stream().mapToLong(Flows.Segment::end).max().getAsLong())
        .isEqualTo(1 + 1_000_000 + 1);
    assertThat(data.acks().get(data.acks().size() - 1).ack()).isEqualTo(1_000_002);
    long retransmitted = data.segments().stream().filter(Flows.Segment::retransmission).count();
    long rtxEvents =
        result.events().stream()
            .filter(e -> e instanceof TraceEvent.Retransmit r && r.node() == client(result))
            .count();
    assertThat(retransmitted).isEqualTo(rtxEvents).isPositive();
    long drops =
        result.events().stream()
            .filter(
                e ->
                    e instanceof TraceEvent.Packet p
                        && p.kind() == EventKind.DROP
                        && p.node() == client(result)
                        && p.len() > 0)
            .count();
    assertThat(data.lost()).hasSize((int) drops).isNotEmpty();
  }

  @Test
  void twoConnectionsOnOneFourTuple_areTwoFlowsEach_numberedByIncarnation() {
    RunResult result = runText("reused-tuple", ReusedTuple.YAML);
    List<Flows.Flow> flows = Flows.of(result.index(), result.events());
    assertThat(flows)
        .extracting(f -> f.conn() + " " + f.incarnation())
        .containsExactly(
            "10.0.0.1:5000-10.0.0.2:80 1", "10.0.0.2:80-10.0.0.1:5000 1",
            "10.0.0.1:5000-10.0.0.2:80 2", "10.0.0.2:80-10.0.0.1:5000 2");
    assertThat(flows)
        .extracting(f -> Flows.label(f, flows))
        .containsExactly(
            "client \u2192 server (:5000\u2192:80) #1", "server \u2192 client (:80\u2192:5000) #1",
            "client \u2192 server (:5000\u2192:80) #2", "server \u2192 client (:80\u2192:5000) #2");
    Flows.Flow first = flows.get(0);
    Flows.Flow second = flows.get(2);
    assertThat(first.dataBytes()).isEqualTo(10_000);
    assertThat(second.dataBytes()).isEqualTo(10_000);
    long secondStart = second.segments().get(0).t();
    assertThat(first.segments()).allMatch(s -> s.t() < secondStart);
    assertThat(first.acks()).allMatch(a -> a.t() < secondStart);
    assertThat(first.congestion()).isNotEmpty().allMatch(c -> c.t() < secondStart);
    assertThat(second.congestion()).isNotEmpty().allMatch(c -> c.t() >= secondStart);
    long ccLines =
        result.events().stream()
            .filter(e -> e instanceof TraceEvent.Congestion c && c.node() == client(result))
            .count();
    assertThat(first.congestion().size() + second.congestion().size()).isEqualTo(ccLines);
  }

  @Test
  void twoConnectionsOnOneFourTuple_eachHaveTheirOwnSeriesInBothGraphs() {
    RunResult result = runText("reused-tuple", ReusedTuple.YAML);
    assertThat(
            TimeSequenceGraph.chart("t", result.index(), result.events()).getSeriesMap().keySet())
        .containsExactly(
            "client \u2192 server (:5000\u2192:80) #1: ACKed",
            "client \u2192 server (:5000\u2192:80) #1: sent",
            "client \u2192 server (:5000\u2192:80) #2: ACKed",
            "client \u2192 server (:5000\u2192:80) #2: sent");
    assertThat(CwndGraph.chart("t", result.index(), result.events()).getSeriesMap().keySet())
        .containsExactly(
            "client \u2192 server (:5000\u2192:80) #1: cwnd",
            "client \u2192 server (:5000\u2192:80) #1: in flight",
            "client \u2192 server (:5000\u2192:80) #2: cwnd",
            "client \u2192 server (:5000\u2192:80) #2: in flight");
  }

  @Test
  void aFlowWhoseOnlySegmentIsARetransmission_isDrawnWithoutAnEmptySeries() {
    // The sender's first trace line for this connection is an rtx: its one segment is marked
    // retransmitted, and nothing is left for "sent".
    RunIndex index = new RunIndex();
    int a = index.nodes().intern("a");
    Endpoint local = new Endpoint(Ipv4Address.parse("10.0.0.1"), 5000);
    Endpoint remote = new Endpoint(Ipv4Address.parse("10.0.0.2"), 80);
    List<TraceEvent> events =
        List.of(
            new TraceEvent.Retransmit(
                0, a, new FourTuple(local, remote), TcpFlags.SYN, 7, 0, RetransmitReason.RTO),
            new TraceEvent.Packet(
                0,
                EventKind.SEND,
                a,
                -1,
                0,
                local.address().bits(),
                local.port(),
                remote.address().bits(),
                remote.port(),
                TcpFlags.SYN,
                7,
                -1,
                0,
                TcpState.SYN_SENT,
                null));
    var chart = TimeSequenceGraph.chart("t", index, events);
    assertThat(chart.getSeriesMap().keySet()).containsExactly("a \u2192 10.0.0.2: retransmitted");
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void congestionEvents_followTheSenderThroughLossAndRecovery() {
    RunResult result = run("bulk-transfer");
    List<TraceEvent.Congestion> cc =
        result.events().stream()
            .filter(e -> e instanceof TraceEvent.Congestion c && c.node() == client(result))
            .map(e -> (TraceEvent.Congestion) e)
            .toList();
    assertThat(cc).isNotEmpty();
    assertThat(cc.get(0).ssthresh()).as("unset before the first loss").isEqualTo(TraceEvent.NONE);
    assertThat(cc).anyMatch(c -> c.ssthresh() != TraceEvent.NONE);
    long max = cc.stream().mapToLong(TraceEvent.Congestion::cwnd).max().getAsLong();
    assertThat(max).isGreaterThan(cc.get(0).cwnd());
  }

  @Test
  void ticks_readLikeAPerson_writesThem() {
    assertThat(Ticks.format(0.30000000000000004)).isEqualTo("0.3");
    assertThat(Ticks.format(1_000_000.0)).isEqualTo("1 M");
    assertThat(Ticks.format(8_500_000.0)).isEqualTo("8.5 M");
    assertThat(Ticks.format(12_000.0)).isEqualTo("12 k");
    assertThat(Ticks.format(2500.0)).isEqualTo("2500");
    assertThat(Ticks.format(-0.0)).isEqualTo("0");
  }

  @Test
  void clipIds_areRenumberedInOrder() {
    assertThat(
            Charts.renumberClipIds(
                "<clipPath id=\"clip-99\"/><g clip-path=\"url(#clip-99)\"/>"
                    + "<clipPath id=\"clip12\"/>"))
        .isEqualTo(
            "<clipPath id=\"clip1\"/><g clip-path=\"" + "url(#clip1)\"/><clipPath id=\"clip2\"/>");
  }
}
