package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import netsim.net.packet.DropCause;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.metrics.FlowsReport.Flow;
import netsim.scenario.metrics.FlowsReport.LinkUse;
import netsim.scenario.metrics.FlowsReport.QueueUse;
import org.junit.jupiter.api.Test;

/** Metrics a sweep chooses by name: their forms, and their exact values from a flows report. */
class StudyMetricTest {
  private static final long NONE = FlowsReport.NONE;

  private static final ExperimentConfig DUMBBELL =
      ConfigLoader.load(
          "t.yaml",
          """
          topology: {kind: dumbbell, pairs: 1}
          listeners:
            - {host: d1, port: 80}
          clients:
            - {host: s1, connect: "d1:80", send: 1000}
          """,
          List.of());

  private static Flow flow(String name, long goodput, long fct, long rttMean) {
    return new Flow(
        name,
        "up",
        "s1",
        "d1",
        "c",
        0,
        1000,
        fct != NONE,
        fct,
        goodput,
        2,
        1,
        1,
        rttMean,
        1,
        1,
        1,
        1,
        1,
        NONE,
        NONE,
        Double.NaN);
  }

  /** Three flows (goodputs 1, 2 and 6 Mbit/s; the last incomplete) and the bottleneck's use. */
  private static final FlowsReport REPORT =
      new FlowsReport(
          List.of(
              flow("a", 1_000_000, 3_000_000, 20_000_000),
              flow("b", 2_000_000, 5_500_000, 30_000_000),
              flow("c", 6_000_000, NONE, NONE)),
          0,
          10,
          List.of(
              new LinkUse(
                  "r1->r2",
                  900,
                  1000,
                  0.9,
                  Map.of(DropCause.QUEUE, 3L),
                  5,
                  new QueueUse(4.25, 17, 20, 100, 12_345_678, 9_500_000, 40_000_000, 41_000_001)),
              new LinkUse("r2->r1", 90, 1000, 0.09, Map.of(), 0, QueueUse.EMPTY)),
          0.75);

  private static BigDecimal value(String name) {
    return StudyMetric.parse(name).value(REPORT, DUMBBELL);
  }

  @Test
  void flowStatistics_areExact_andLeaveOutFlowsWithoutAValue() {
    assertThat(value("flows.goodput.mean")).isEqualTo(new BigDecimal("3000000.000"));
    assertThat(value("flows.goodput.min")).isEqualTo(new BigDecimal("1000000.000"));
    assertThat(value("flows.goodput.sum")).isEqualTo(new BigDecimal("9000000.000"));
    // Commons Math's percentile of {1, 2, 6} Mbit/s: the median is 2, the 99th the largest.
    assertThat(value("flows.goodput.p50")).isEqualTo(new BigDecimal("2000000.000"));
    assertThat(value("flows.goodput.p99")).isEqualTo(new BigDecimal("6000000.000"));
    // The incomplete flow has no completion time: the mean of 3 and 5.5 ms.
    assertThat(value("flows.fct.mean")).isEqualTo(new BigDecimal("4.250000"));
    assertThat(value("flows.rtt.max")).isEqualTo(new BigDecimal("30.000000"));
    assertThat(value("flows.retransmissions.sum")).isEqualTo(new BigDecimal("6"));
    assertThat(value("fairness.jain")).isEqualTo(new BigDecimal("0.750000"));
  }

  @Test
  void flowRatio_isTheLargestOverTheSmallest_andHasNoValueWhenAFlowMovedNothing() {
    // Goodputs 1, 2 and 6 Mbit/s: the fastest flow had 6 times the slowest's.
    assertThat(value("flows.goodput.ratio")).isEqualTo(new BigDecimal("6.000000"));
    // Completion times 3 and 5.5 ms (the incomplete flow has none).
    assertThat(value("flows.fct.ratio")).isEqualTo(new BigDecimal("1.833333"));
    assertThat(Metric.named("flows.goodput.ratio"))
        .isEqualTo(new Metric("flows.goodput.ratio", "flow goodput, max/min", "ratio", 6));
    FlowsReport idle =
        new FlowsReport(
            List.of(flow("a", 0, NONE, NONE), flow("b", 2_000_000, NONE, NONE)),
            0,
            10,
            List.of(),
            0.5);
    assertThat(StudyMetric.parse("flows.goodput.ratio").value(idle, DUMBBELL)).isNull();
  }

  @Test
  void flowsOfOneClient_countAlone_whateverTheirCountOrFlowNumber() {
    FlowsReport report =
        new FlowsReport(
            List.of(
                flow("web#1", 1_000_000, 2_000_000, NONE),
                flow("web#2", 3_000_000, 4_000_000, NONE),
                flow("webby", 50_000_000, 1_000_000, NONE),
                flow("bulk.1", 8_000_000, NONE, NONE),
                flow("bulk.2", 4_000_000, NONE, NONE)),
            0,
            10,
            List.of(),
            0.5);
    assertThat(StudyMetric.parse("flows[web].fct.mean").value(report, DUMBBELL))
        .isEqualTo(new BigDecimal("3.000000"));
    assertThat(StudyMetric.parse("flows[bulk].goodput.ratio").value(report, DUMBBELL))
        .isEqualTo(new BigDecimal("2.000000"));
    assertThat(StudyMetric.parse("flows[webby].goodput.sum").value(report, DUMBBELL))
        .isEqualTo(new BigDecimal("50000000.000"));
    assertThat(StudyMetric.parse("flows.goodput.max").value(report, DUMBBELL))
        .isEqualTo(new BigDecimal("50000000.000"));
  }

  @Test
  void aLinksName_isItsAToBDirection_andSojournsAreInMilliseconds() {
    assertThat(value("links[bottleneck].utilization")).isEqualTo(new BigDecimal("0.900000"));
    assertThat(value("links[r1->r2].drops")).isEqualTo(new BigDecimal("3"));
    assertThat(value("links[r1->r2].marks")).isEqualTo(new BigDecimal("5"));
    assertThat(value("links[r1 -> r2].queue.mean")).isEqualTo(new BigDecimal("4.250000"));
    assertThat(value("links[bottleneck].queue.p99")).isEqualTo(new BigDecimal("17"));
    assertThat(value("links[bottleneck].sojourn.mean")).isEqualTo(new BigDecimal("12.345678"));
    assertThat(value("links[bottleneck].sojourn.p50")).isEqualTo(new BigDecimal("9.500000"));
    assertThat(value("links[bottleneck].sojourn.max")).isEqualTo(new BigDecimal("41.000001"));
    assertThat(value("links[r2->r1].sojourn.p99")).isNull();
    assertThat(value("links[r2->r1].queue.mean")).isNull();
  }

  @Test
  void aMetricIsKnownByItsNameAlone_withItsScaleAndUnit() {
    assertThat(Metric.named("flows.fct.p99"))
        .isEqualTo(new Metric("flows.fct.p99", "flow completion time, p99", "ms", 6));
    assertThat(Metric.named("goodput_bps")).isSameAs(Metric.GOODPUT);
    assertThat(Metric.named("links[r1->r2].queue.max").fileName())
        .isEqualTo("links-r1-r2-queue-max");
    assertThat(Metric.named("fairness.jain").fileName()).isEqualTo("fairness.jain");
    assertThatThrownBy(() -> Metric.named("flows.goodput.avg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "unknown metric 'flows.goodput.avg' (known: bytes_delivered, goodput_bps,");
    assertThatThrownBy(() -> Metric.named("links[x].latency"))
        .hasMessageStartingWith("unknown metric 'links[x].latency'");
  }
}
