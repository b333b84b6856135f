package netsim.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * experiments/studies/rtt-unfairness.yaml, reduced to 25 s (docs/studies.md has the full size): on
 * a drop-tail bottleneck NewReno's throughput ratio (short RTT over long) grows with the RTT ratio,
 * roughly as the ratio (Lakshman and Madhow 1997); at this small bandwidth-delay product CUBIC
 * stays in its Reno-friendly region (RFC 9438 4.3) and grows about as unfairly. Both need a little
 * jitter: on exact links a drop-tail queue locks the flows' phases (Floyd and Jacobson 1992), which
 * at an RTT ratio of 2 gives the long flow the larger share.
 */
class RttUnfairnessStudyTest {
  private static final Path STUDY = Path.of("../studies/rtt-unfairness.yaml");

  /**
   * Short-RTT goodput over long-RTT goodput, with the long pair's access delay {@code delay} and
   * {@code jitter} on both access links.
   */
  private static double ratio(String congestionControl, String delay, String jitter) {
    RunReport r =
        ExperimentBuilder.from(STUDY)
            .tcp("congestionControl", congestionControl)
            .set("topology.access[1].delay", delay)
            .set("topology.access[0].jitter", jitter)
            .set("topology.access[1].jitter", jitter)
            .stopAt("25s")
            .run();
    double shortRtt = r.flows("short").get(0).goodput();
    double longRtt = r.flows("long").get(0).goodput();
    return shortRtt / longRtt;
  }

  @Test
  void withJitter_theThroughputRatioGrowsWithTheRttRatio_forNewRenoAndForCubicAtThisBdp() {
    double renoEqual = ratio("newreno", "5ms", "1ms");
    double renoEight = ratio("newreno", "40ms", "1ms");
    double cubicEight = ratio("cubic", "40ms", "1ms");
    // Equal RTTs share about equally.
    assertThat(renoEqual).isBetween(0.6, 1.7);
    // RTT ratio 8: the short flow gets several times the long one's goodput (a window that grows
    // one segment per RTT: the ratio at least the RTT ratio's square root, ~2.8).
    assertThat(renoEight).isGreaterThan(3.0);
    assertThat(renoEight).isGreaterThan(2 * renoEqual);
    // CUBIC in its Reno-friendly region: unfair too (full size: 5.7 against NewReno's 6.2).
    assertThat(cubicEight).isGreaterThan(3.0);
  }

  @Test
  void onExactLinks_anRttRatioOfTwo_givesTheLongFlowTheLargerShare_aPhaseEffect() {
    // Full size: 0.40 (NewReno), 0.28 (CUBIC), every seed below 0.45; with 1 ms of jitter 1.4.
    assertThat(ratio("newreno", "10ms", "0ms")).isLessThan(0.8);
    assertThat(ratio("newreno", "10ms", "1ms")).isGreaterThan(1.0);
  }
}
