package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.metrics.FlowsReport.Flow;
import netsim.scenario.metrics.FlowsReport.LinkUse;
import netsim.scenario.run.Experiment;
import org.junit.jupiter.api.Test;

/** Per-flow metrics, measured from a run's events: exact inputs, exact outputs. */
class FlowMetricsTest {
  private static FlowsReport run(String text) {
    ExperimentConfig config = ConfigLoader.load("t.yaml", text, List.of());
    FlowMetrics metrics = new FlowMetrics();
    new Experiment(config, metrics).run();
    return metrics.report();
  }

  /** The run of {@code text}, its flows and links measured from {@code warmup} on. */
  private static FlowsReport run(String text, long warmup) {
    ExperimentConfig config = ConfigLoader.load("t.yaml", text, List.of());
    LinkMetrics queues = new LinkMetrics(warmup);
    FlowMetrics metrics = new FlowMetrics(queues);
    Experiment experiment = new Experiment(config, metrics);
    experiment.observe(queues);
    experiment.run();
    return metrics.report();
  }

  private static final String TWO_HOSTS =
      """
      tcp: {minRto: 200ms}
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      listeners:
        - {host: b, port: 80}
      """;

  @Test
  void unlimitedLink_everyRttSampleIsTwiceTheDelay_andTheFlowCompletes() {
    FlowsReport report =
        run(
            TWO_HOSTS
                + """
                links:
                  - {a: a, b: b, delay: 10ms}
                clients:
                  - {name: bulk, host: a, connect: "b:80", send: 100KB, at: 1s}
                """);
    assertThat(report.flows()).hasSize(1);
    Flow f = report.flows().get(0);
    assertThat(f.name()).isEqualTo("bulk");
    assertThat(f.direction()).isEqualTo("up");
    assertThat(f.sender()).isEqualTo("a");
    assertThat(f.receiver()).isEqualTo("b");
    assertThat(f.conn()).isEqualTo("10.0.0.1:49152-10.0.0.2:80");
    assertThat(f.start()).isEqualTo(Time.seconds(1));
    assertThat(f.bytes()).isEqualTo(100_000);
    assertThat(f.complete()).isTrue();
    assertThat(f.retransmissions()).isZero();
    assertThat(f.rttSamples()).isGreaterThan(5);
    assertThat(List.of(f.rttMin(), f.rttMean(), f.rttP50(), f.rttP99()))
        .containsOnly(Time.millis(20));
    // Slow start from the initial window: a whole number of round trips, the handshake's first.
    assertThat(f.fct() % Time.millis(20)).isEqualTo(Time.millis(10));
    assertThat(f.goodput()).isEqualTo(Math.round(100_000 * 8e9 / f.fct()));
    assertThat(f.cwndMin()).isPositive();
    assertThat(f.cwndMax()).isGreaterThan(f.cwndMin());
    assertThat(f.cwndMean()).isBetween(f.cwndMin(), f.cwndMax());
    assertThat(report.jain()).isEqualTo(1.0);
  }

  @Test
  void droppedSegment_isCountedAsARetransmission_andLeavesTheLinksDrops() {
    FlowsReport report =
        run(
            TWO_HOSTS
                + """
                links:
                  - {a: a, b: b, delay: 10ms, bandwidth: 10Mbps}
                clients:
                  - {host: a, connect: "b:80", send: 50KB}
                rules:
                  - {on: "a->b", match: {dataLength: {min: 1}}, select: nth 3, action: drop}
                """);
    Flow f = report.flows().get(0);
    assertThat(f.name()).isEqualTo("client1");
    assertThat(f.retransmissions()).isEqualTo(1);
    assertThat(f.complete()).isTrue();
    LinkUse forward = report.links().get(0);
    assertThat(forward.direction()).isEqualTo("a->b");
    assertThat(forward.drops()).hasToString("{RULE=1}");
    assertThat(forward.deliveredBytes()).isGreaterThan(50_000);
    assertThat(forward.utilization())
        .isEqualTo((double) forward.deliveredBytes() / forward.capacityBytes());
  }

  @Test
  void countedClients_areFlowsOfTheirOwn_sharingABottleneckFairly() {
    FlowsReport report =
        run(
            """
            tcp: {minRto: 200ms}
            topology:
              kind: dumbbell
              pairs: 1
              bottleneck: {bandwidth: 4Mbps, delay: 5ms, queue: {packets: 40}}
              access: {bandwidth: 100Mbps, delay: 1ms}
            listeners:
              - {host: d1, port: 80}
            clients:
              - {name: bulk, host: s1, connect: "d1:80", send: 300KB, count: 3}
            """);
    assertThat(report.flows()).extracting(Flow::name).containsExactly("bulk.1", "bulk.2", "bulk.3");
    assertThat(report.flows()).extracting(Flow::complete).containsOnly(true);
    assertThat(report.jain()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
    LinkUse bottleneck =
        report.links().stream().filter(l -> l.direction().equals("r1->r2")).findFirst().get();
    assertThat(report.from()).isZero();
    assertThat(report.until())
        .isEqualTo(report.flows().stream().mapToLong(f -> f.start() + f.fct()).max().getAsLong());
    assertThat(bottleneck.utilization()).isGreaterThan(0.8).isLessThanOrEqualTo(1.01);
  }

  @Test
  void twoConnectionsOnOneFourTuple_areTwoFlows_eachMeasuredOnItsOwn() {
    FlowsReport report =
        run(
            """
            tcp: {minRto: 200ms, msl: 1ms}
            nodes:
              - {name: a, address: 10.0.0.1}
              - {name: b, address: 10.0.0.2}
            links:
              - {a: a, b: b, delay: 10ms}
            listeners:
              - {host: b, port: 80, send: 3000}
            clients:
              - {name: again, host: a, connect: "b:80", localPort: 4000, connections: 2,
                 send: 20KB, closeHow: shutdown}
            """);
    assertThat(report.flows())
        .extracting(f -> f.name() + " " + f.direction() + " " + f.conn() + " " + f.bytes())
        .containsExactly(
            "again#1 up 10.0.0.1:4000-10.0.0.2:80 20000",
            "again#1 down 10.0.0.2:80-10.0.0.1:4000 3000",
            "again#2 up 10.0.0.1:4000-10.0.0.2:80 20000",
            "again#2 down 10.0.0.2:80-10.0.0.1:4000 3000");
    assertThat(report.flows()).extracting(Flow::complete).containsOnly(true);
    assertThat(report.flows().get(2).start()).isGreaterThan(report.flows().get(0).start());
    assertThat(report.flows()).extracting(Flow::rttMin).containsOnly(Time.millis(20));
  }

  @Test
  void threeConnectionsAtOnce_overPathsOfThreeDelays_eachSamplesOnlyItsOwnRoundTrip() {
    // Their events interleave, so the lookups alternate between all six ends (data one way, ACKs
    // the other); a sample counted to another connection's end would show in its RTT.
    FlowsReport report =
        run(
            """
            tcp: {minRto: 200ms}
            nodes:
              - {name: a, address: 10.0.0.1}
              - {name: c, address: 10.0.0.3}
              - {name: d, address: 10.0.0.4}
              - {name: r, kind: router}
              - {name: b, address: 10.0.0.2}
            links:
              - {a: a, b: r, delay: 1ms}
              - {a: c, b: r, delay: 4ms}
              - {a: d, b: r, delay: 9ms}
              - {a: r, b: b, delay: 1ms}
            listeners:
              - {host: b, port: 80}
            clients:
              - {name: fromA, host: a, connect: "b:80", send: 60KB}
              - {name: fromC, host: c, connect: "b:80", send: 60KB}
              - {name: fromD, host: d, connect: "b:80", send: 60KB}
            """);
    assertThat(report.flows())
        .extracting(
            f ->
                f.name()
                    + " "
                    + f.direction()
                    + " "
                    + f.bytes()
                    + " "
                    + f.complete()
                    + " "
                    + f.rttMin() / 1_000_000
                    + " "
                    + f.rttMean() / 1_000_000
                    + " "
                    + f.rttP99() / 1_000_000)
        .containsExactly(
            "fromA up 60000 true 4 4 4",
            "fromC up 60000 true 10 10 10",
            "fromD up 60000 true 20 20 20");
  }

  @Test
  void warmup_countsOnlyWhatIsDeliveredFromItOn_andAFlowDoneBeforeItHasNothing() {
    String late =
        """
        links:
          - {a: a, b: b, delay: 10ms, bandwidth: 10Mbps}
        clients:
          - {name: late, host: a, connect: "b:80", send: 50KB, at: 2s}
        """;
    String both =
        TWO_HOSTS
            + late
            + """
              - {name: early, host: a, connect: "b:80", send: 50KB}
            """;
    FlowsReport whole = run(both, 0);
    FlowsReport fromOneSecond = run(both, Time.seconds(1));
    FlowsReport lateAlone = run(TWO_HOSTS + late, 0);

    // The early flow ended (its connection closed too) long before the warm-up: nothing counts.
    Flow early = fromOneSecond.flows().get(0);
    assertThat(early.name()).isEqualTo("early");
    assertThat(early.bytes()).isZero();
    assertThat(early.goodput()).isZero();
    assertThat(early.complete()).isTrue();
    assertThat(early.fct()).isEqualTo(whole.flows().get(0).fct()).isLessThan(Time.seconds(1));
    // The late flow started after it: counted whole, as without a warm-up.
    assertThat(fromOneSecond.flows().get(1)).isEqualTo(whole.flows().get(1));
    assertThat(fromOneSecond.flows().get(1).bytes()).isEqualTo(50_000);

    // The link counts only the late connection's packets, over the time from the warm-up.
    assertThat(fromOneSecond.from()).isEqualTo(Time.seconds(1));
    LinkUse forward = fromOneSecond.links().get(0);
    assertThat(forward.deliveredBytes())
        .isEqualTo(lateAlone.links().get(0).deliveredBytes())
        .isLessThan(whole.links().get(0).deliveredBytes());
    assertThat(forward.capacityBytes())
        .isEqualTo(Math.round(10e6 * (fromOneSecond.until() - Time.seconds(1)) / 8e9));
    assertThat(forward.utilization())
        .isEqualTo((double) forward.deliveredBytes() / forward.capacityBytes());
  }

  @Test
  void warmup_inTheMiddleOfAFlow_countsItsBytesFromThen_overTheTimeFromThen() {
    String text =
        TWO_HOSTS
            + """
            links:
              - {a: a, b: b, delay: 10ms, bandwidth: 10Mbps}
            clients:
              - {name: bulk, host: a, connect: "b:80", send: 1MB}
            """;
    Flow whole = run(text, 0).flows().get(0);
    Flow fromHalf = run(text, Time.millis(500)).flows().get(0);
    assertThat(fromHalf.start()).isEqualTo(whole.start()).isZero();
    assertThat(fromHalf.fct()).isEqualTo(whole.fct());
    assertThat(fromHalf.bytes()).isPositive().isLessThan(whole.bytes());
    assertThat(fromHalf.goodput())
        .isEqualTo(Math.round(fromHalf.bytes() * 8e9 / (whole.fct() - Time.millis(500))));
    // Without the slow start nearly all of the link's rate is goodput: more than over the whole
    // flow.
    assertThat(fromHalf.goodput())
        .isGreaterThan(whole.goodput())
        .isBetween(9_000_000L, 10_000_000L);
  }

  @Test
  void aNegativeWarmup_isRefused() {
    assertThatThrownBy(() -> new LinkMetrics(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a warm-up is not negative: -1");
  }

  @Test
  void jain_isOneForEqualFlows_andOneOverNWhenOneHasAll() {
    assertThat(FlowMetrics.jain(List.of(flow(5), flow(5), flow(5)))).isEqualTo(1.0);
    assertThat(FlowMetrics.jain(List.of(flow(8), flow(0), flow(0), flow(0)))).isEqualTo(0.25);
    assertThat(FlowMetrics.jain(List.of(flow(1), flow(3)))).isEqualTo(16.0 / 20);
    assertThat(FlowMetrics.jain(List.of())).isNaN();
  }

  private static Flow flow(long goodput) {
    return new Flow(
        "f",
        "up",
        "a",
        "b",
        "c",
        0,
        0,
        false,
        -1,
        goodput,
        0,
        0,
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        -1,
        Double.NaN);
  }

  @Test
  void capacity_followsTheBandwidthThatChangesSet_andIsNoneForAnUnlimitedLink() {
    ExperimentConfig config =
        ConfigLoader.load(
            "t.yaml",
            TWO_HOSTS
                + """
                links:
                  - {a: a, b: b, bandwidth: 8Mbps}
                changes:
                  - {at: 1s, link: a-b, direction: a_to_b, set: {bandwidth: 16Mbps}}
                  - {at: 3s, link: a-b, direction: b_to_a, set: {bandwidth: 0}}
                clients:
                  - {host: a, connect: "b:80"}
                """,
            List.of());
    var link = config.links().get(0);
    assertThat(FlowMetrics.capacity(config, link, true, 0, Time.seconds(2)))
        .isEqualTo(1_000_000 + 2_000_000);
    assertThat(FlowMetrics.capacity(config, link, true, Time.millis(1500), Time.seconds(2)))
        .isEqualTo(1_000_000);
    assertThat(FlowMetrics.capacity(config, link, false, 0, Time.seconds(2))).isEqualTo(2_000_000);
    assertThat(FlowMetrics.capacity(config, link, false, 0, Time.seconds(4)))
        .isEqualTo(FlowsReport.NONE);
  }
}
