package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.RecordedRun;
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
  /** A finished run: its flows, as the plots' sink built them, and every event it saw. */
  private record Run(RunIndex index, List<Flows.Flow> flows, List<TraceEvent> events) {}

  private static Run run(String scenario) {
    return runText(scenario, Scenarios.CATALOGUE.get(scenario).text());
  }

  private static Run runText(String name, String yaml) {
    Flows flows = new Flows();
    RecordedRun run = RecordedRun.of(ConfigLoader.load(name + ".yaml", yaml, List.of()), flows);
    return new Run(run.result().index(), flows.flows(), run.events());
  }

  /** The flows of {@code events}, fed to the sink one by one. */
  private static List<Flows.Flow> flows(RunIndex index, List<TraceEvent> events) {
    Flows flows = new Flows();
    flows.start(index);
    events.forEach(flows::accept);
    return flows.flows();
  }

  private static int client(Run run) {
    return run.index().nodes().intern("client");
  }

  private static double[] ys(Thinning series) {
    return series.points().y();
  }

  private static double[] xs(Thinning series) {
    return series.points().x();
  }

  @Test
  void bulkTransfer_hasOneDataDirection_relativeToTheIsn() {
    Run run = run("bulk-transfer");
    List<Flows.Flow> flows = run.flows();
    Flows.Flow data = flows.stream().filter(f -> f.dataBytes() > 0).findFirst().orElseThrow();
    assertThat(flows.stream().filter(f -> f.dataBytes() > 0)).hasSize(1);
    assertThat(Flows.label(data, flows)).isEqualTo("client \u2192 server");
    assertThat(data.dataBytes()).isGreaterThanOrEqualTo(1_000_000);
    Flows.Series series = data.series();
    assertThat(ys(series.sent)[0]).as("the SYN").isEqualTo(1);
    assertThat(Arrays.stream(ys(series.sent)).max().getAsDouble()).isEqualTo(1 + 1_000_000 + 1);
    double[] acked = ys(series.acked);
    assertThat(acked[acked.length - 1]).isEqualTo(1_000_002);
    long rtxEvents =
        run.events().stream()
            .filter(e -> e instanceof TraceEvent.Retransmit r && r.node() == client(run))
            .count();
    assertThat(series.retransmitted.added()).isEqualTo(rtxEvents).isPositive();
    long drops =
        run.events().stream()
            .filter(
                e ->
                    e instanceof TraceEvent.Packet p
                        && p.kind() == EventKind.DROP
                        && p.node() == client(run)
                        && p.len() > 0)
            .count();
    assertThat(series.lost.added()).isEqualTo(drops).isPositive();
  }

  @Test
  void twoConnectionsOnOneFourTuple_areTwoFlowsEach_numberedByIncarnation() {
    Run run = runText("reused-tuple", ReusedTuple.YAML);
    List<Flows.Flow> flows = run.flows();
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
    Flows.Series first = flows.get(0).series();
    Flows.Series second = flows.get(2).series();
    assertThat(flows.get(0).dataBytes()).isEqualTo(10_000);
    assertThat(flows.get(2).dataBytes()).isEqualTo(10_000);
    double secondStart = xs(second.sent)[0];
    assertThat(Arrays.stream(xs(first.sent)).max().getAsDouble()).isLessThan(secondStart);
    assertThat(Arrays.stream(xs(first.acked)).max().getAsDouble()).isLessThan(secondStart);
    assertThat(Arrays.stream(xs(first.cwnd)).max().getAsDouble()).isLessThan(secondStart);
    assertThat(Arrays.stream(xs(second.cwnd)).min().getAsDouble())
        .isGreaterThanOrEqualTo(secondStart);
    long ccLines =
        run.events().stream()
            .filter(e -> e instanceof TraceEvent.Congestion c && c.node() == client(run))
            .count();
    // A step line has two points for every value but the first.
    assertThat((first.cwnd.added() + 1) / 2 + (second.cwnd.added() + 1) / 2).isEqualTo(ccLines);
  }

  @Test
  void twoConnectionsOnOneFourTuple_eachHaveTheirOwnSeriesInBothGraphs() {
    Run run = runText("reused-tuple", ReusedTuple.YAML);
    assertThat(TimeSequenceGraph.chart("t", run.flows()).names())
        .containsExactly(
            "client \u2192 server (:5000\u2192:80) #1: ACKed",
            "client \u2192 server (:5000\u2192:80) #1: sent",
            "client \u2192 server (:5000\u2192:80) #2: ACKed",
            "client \u2192 server (:5000\u2192:80) #2: sent");
    assertThat(CwndGraph.chart("t", run.flows()).names())
        .containsExactly(
            "client \u2192 server (:5000\u2192:80) #1: cwnd",
            "client \u2192 server (:5000\u2192:80) #1: in flight",
            "client \u2192 server (:5000\u2192:80) #2: cwnd",
            "client \u2192 server (:5000\u2192:80) #2: in flight");
  }

  @Test
  void bothGraphs_writeTitleAxesAndLegendAsSvgText() {
    Run run = runText("reused-tuple", ReusedTuple.YAML);
    String timeseq = Charts.svg(TimeSequenceGraph.chart("time-sequence graph: r", run.flows()), "");
    assertThat(SvgText.texts(timeseq))
        .contains(
            "time-sequence graph: r",
            "time (s)",
            "sequence number (relative to the ISN)",
            "client \u2192 server (:5000\u2192:80) #1: ACKed",
            "client \u2192 server (:5000\u2192:80) #2: sent");
    assertThat(SvgText.glyphPaths(timeseq)).isZero();
    String cwnd = Charts.svg(CwndGraph.chart("congestion window: r", run.flows()), "");
    assertThat(SvgText.texts(cwnd))
        .contains(
            "congestion window: r",
            "time (s)",
            "bytes",
            "client \u2192 server (:5000\u2192:80) #1: cwnd",
            "client \u2192 server (:5000\u2192:80) #2: in flight");
    assertThat(SvgText.glyphPaths(cwnd)).isZero();
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
                null,
                Ecn.NOT_ECT));
    var chart = TimeSequenceGraph.chart("t", flows(index, events));
    assertThat(chart.names()).containsExactly("a \u2192 10.0.0.2: retransmitted");
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void onlyTheFlowsThatCanStillBeDrawn_keepTheirSeries() {
    // Six connections from a: all open first, then four of the later ones carry data and
    // report congestion state, then the first two do. Only the first four can be drawn.
    RunIndex index = new RunIndex();
    int a = index.nodes().intern("a");
    Flows flows = new Flows();
    flows.start(index);
    for (int i = 0; i < 6; i++) {
      flows.accept(send(a, 5000 + i, i, TcpFlags.SYN, 0));
    }
    for (int i : new int[] {2, 3, 4, 5}) {
      flows.accept(send(a, 5000 + i, 100 + i, TcpFlags.ACK, 1000));
      flows.accept(congestion(a, 5000 + i, 100 + i));
    }
    assertThat(flows.flows()).allMatch(f -> f.series() != null);

    for (int i : new int[] {0, 1}) {
      flows.accept(send(a, 5000 + i, 110 + i, TcpFlags.ACK, 1000));
      flows.accept(congestion(a, 5000 + i, 110 + i));
    }
    flows.accept(send(a, 6000, 200, TcpFlags.SYN, 0));

    List<Flows.Flow> after = flows.flows();
    assertThat(after)
        .extracting(f -> f.series() != null)
        .containsExactly(true, true, true, true, false, false, false);
    assertThat(TimeSequenceGraph.chart("t", after).title())
        .isEqualTo("t (first 4 of 6 directions)");
    assertThat(CwndGraph.chart("t", after).names()).hasSize(4 * 2);
  }

  private static final Endpoint SERVER = new Endpoint(Ipv4Address.parse("10.0.0.2"), 80);

  private static TraceEvent.Packet send(int node, int port, long pkt, int flags, int len) {
    return new TraceEvent.Packet(
        pkt,
        EventKind.SEND,
        node,
        -1,
        pkt,
        Ipv4Address.parse("10.0.0.1").bits(),
        port,
        SERVER.address().bits(),
        SERVER.port(),
        flags,
        1,
        -1,
        len,
        TcpState.ESTABLISHED,
        null,
        Ecn.NOT_ECT);
  }

  private static TraceEvent.Congestion congestion(int node, int port, long t) {
    FourTuple conn = new FourTuple(new Endpoint(Ipv4Address.parse("10.0.0.1"), port), SERVER);
    return new TraceEvent.Congestion(t, node, conn, 14_480, TraceEvent.NONE, -1, 1_000_000, 0);
  }

  @Test
  void congestionEvents_followTheSenderThroughLossAndRecovery() {
    Run run = run("bulk-transfer");
    List<TraceEvent.Congestion> cc =
        run.events().stream()
            .filter(e -> e instanceof TraceEvent.Congestion c && c.node() == client(run))
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
