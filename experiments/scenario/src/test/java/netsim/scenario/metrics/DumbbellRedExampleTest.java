package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.net.packet.DropCause;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import netsim.scenario.metrics.FlowsReport.Flow;
import netsim.scenario.metrics.FlowsReport.LinkUse;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import org.junit.jupiter.api.Test;

/**
 * The shipped example experiments/examples/dumbbell-red.yaml: six flows from two {@code count}
 * entries through a RED bottleneck all complete, share it fairly, keep it busy, and break no
 * invariant; RED drops early rather than letting the queue overflow.
 */
class DumbbellRedExampleTest {
  @Test
  void sixFlowsThroughRed_completeAndShareTheBottleneck_withoutABrokenInvariant() {
    ExperimentConfig config =
        ConfigLoader.load(
            "dumbbell-red.yaml", Scenarios.CATALOGUE.get("dumbbell-red").text(), List.of());
    FlowMetrics metrics = new FlowMetrics();
    RunResult result = new Experiment(config, metrics).run();
    FlowsReport report = metrics.report();

    assertThat(Invariants.check(result, result.connections())).isEmpty();
    assertThat(report.flows())
        .extracting(Flow::name)
        .containsExactlyInAnyOrder("left.1", "left.2", "left.3", "right.1", "right.2", "right.3");
    assertThat(report.flows()).extracting(Flow::complete).containsOnly(true);
    assertThat(report.flows()).extracting(Flow::bytes).containsOnly(1_000_000L);
    assertThat(report.jain()).isGreaterThan(0.95);
    LinkUse bottleneck =
        report.links().stream().filter(l -> l.direction().equals("r1->r2")).findFirst().get();
    assertThat(bottleneck.utilization()).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
    assertThat(bottleneck.drops()).containsOnlyKeys(DropCause.AQM);
  }
}
