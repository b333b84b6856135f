package netsim.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import netsim.scenario.metrics.FlowsReport.Flow;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

/**
 * experiments/studies/bufferbloat.yaml, reduced to 12 s and three queues (docs/studies.md has the
 * full size): the published shape of Nichols and Jacobson (2012) and RFC 8289/8290. An oversized
 * drop-tail queue fills to hundreds of milliseconds; CoDel holds the standing delay near its 5 ms
 * target; FQ-CoDel also gives the sparse flows their own queues, so they finish far sooner.
 */
class BufferbloatStudyTest {
  private static final Path STUDY = Path.of("../studies/bufferbloat.yaml");

  private static RunReport run(Map<String, ?> queue) {
    return ExperimentBuilder.from(STUDY)
        .set("topology.bottleneck.queue", queue)
        .stopAt("12s")
        .set("clients[1].flows.count", 25)
        .run();
  }

  private static double sojournP50Ms(RunReport r) {
    return r.link("bottleneck").queue().sojournP50() / 1e6;
  }

  /** The median completion time of the short flows that completed, in ms. */
  private static double shortFctP50Ms(RunReport r) {
    double[] fct =
        r.flows("short").stream().filter(Flow::complete).mapToDouble(Flow::fct).toArray();
    assertThat(fct.length).as("short flows completed").isGreaterThanOrEqualTo(15);
    return new Percentile().evaluate(fct, 50) / 1e6;
  }

  @Test
  void codelHoldsTheStandingDelayNearFiveMs_whileDropTailBloats_andFqCodelSparesTheSparseFlows() {
    RunReport dropTail = run(Map.of("kind", "droptail", "packets", 1000));
    RunReport codel = run(Map.of("kind", "codel", "packets", 1000));
    RunReport fqCodel = run(Map.of("kind", "fq-codel", "packets", 1000));

    // Drop-tail: one NewReno flow fills the 1000 packets (1.2 s at 10 Mbit/s) between losses,
    // so the median packet waits hundreds of ms (the full study: 651 ms).
    assertThat(sojournP50Ms(dropTail)).isGreaterThan(200);
    // CoDel (RFC 8289) drops while the minimum sojourn over 100 ms stays above 5 ms, so the
    // queue hovers about its target and drains below it after each drop: the median is at most
    // twice the target and the queue is not empty either (the full study: 2.9 ms).
    assertThat(sojournP50Ms(codel)).isBetween(1.0, 10.0);
    assertThat(sojournP50Ms(dropTail)).isGreaterThan(20 * sojournP50Ms(codel));
    // The bulk flow keeps the link busy under CoDel (the full study: 89%).
    assertThat(codel.link("bottleneck").utilization()).isGreaterThan(0.8);
    // Short flows wait behind the bloated queue under drop-tail; with FQ-CoDel their packets are
    // served from their own, nearly empty, flow queues (RFC 8290 1.3: sparse flows first).
    assertThat(shortFctP50Ms(fqCodel)).isLessThan(shortFctP50Ms(dropTail) / 4);
    assertThat(shortFctP50Ms(fqCodel)).isLessThanOrEqualTo(shortFctP50Ms(codel));
  }
}
