package netsim.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * experiments/studies/rtt-unfairness.yaml, reduced to 25 s and RTT ratios 1 and 8 (docs/studies.md
 * has the full size): on a drop-tail bottleneck NewReno's throughput ratio (short RTT over long)
 * grows with the RTT ratio, roughly as the ratio or faster (Lakshman and Madhow 1997); CUBIC's
 * window grows with real time, not with RTTs, so its ratio grows far less (RFC 9438 section 3:
 * RTT-fairness, a ratio linear in the RTT ratio at most).
 */
class RttUnfairnessStudyTest {
  private static final Path STUDY = Path.of("../studies/rtt-unfairness.yaml");

  /** Short-RTT goodput over long-RTT goodput, with the long pair's access delay {@code delay}. */
  private static double ratio(String congestionControl, String delay) {
    RunReport r =
        ExperimentBuilder.from(STUDY)
            .tcp("congestionControl", congestionControl)
            .set("topology.access[1].delay", delay)
            .stopAt("25s")
            .run();
    double shortRtt = r.flows("short").get(0).goodput();
    double longRtt = r.flows("long").get(0).goodput();
    return shortRtt / longRtt;
  }

  @Test
  void newRenosThroughputRatio_growsWithTheRttRatio_andCubicsFarLess() {
    double renoEqual = ratio("newreno", "5ms");
    double renoEight = ratio("newreno", "40ms");
    double cubicEight = ratio("cubic", "40ms");
    // Equal RTTs share about equally.
    assertThat(renoEqual).isBetween(0.6, 1.7);
    // RTT ratio 8: NewReno's short flow gets several times the long one's goodput (a window
    // that grows one segment per RTT: the ratio at least the RTT ratio's square root, ~2.8).
    assertThat(renoEight).isGreaterThan(3.0);
    assertThat(renoEight).isGreaterThan(2 * renoEqual);
    // CUBIC at the same RTT ratio: far fairer than NewReno.
    assertThat(cubicEight).isLessThan(renoEight / 2);
  }
}
