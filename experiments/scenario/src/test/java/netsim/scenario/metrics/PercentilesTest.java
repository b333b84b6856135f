package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

/** Percentiles are exact for a flow's first samples and estimated closely beyond. */
class PercentilesTest {
  @Test
  void twoSamples_giveTheInterpolatedExactPercentiles() {
    Percentiles p = new Percentiles();
    p.add(5);
    p.add(1);
    assertThat(p.p50()).isEqualTo(3);
    assertThat(p.p99()).isEqualTo(5); // 1 + 0.98 * 4 = 4.92
  }

  @Test
  void upToTheExactLimit_percentilesAreThoseOfTheSortedSamples() {
    Percentiles p = new Percentiles();
    for (int i = Percentiles.EXACT; i >= 1; i--) {
      p.add(i * 10L);
    }
    // Commons Math: rank p (n + 1) / 100 = 507.87, between 5070 and 5080.
    assertThat(p.p50()).isEqualTo(2565);
    assertThat(p.p99()).isEqualTo(5079);
  }

  @Test
  void beyondTheLimit_theEstimatesStayCloseToTheTruePercentiles() {
    Percentiles p = new Percentiles();
    for (int i = 0; i < 100_000; i++) {
      p.add((i * 7919L) % 100_000); // every value 0..99999 once, in a scrambled order
    }
    assertThat(p.p50()).isBetween(49_000L, 51_000L);
    assertThat(p.p99()).isBetween(98_000L, 100_000L);
  }

  @Test
  void exactPercentiles_areCommonsMathsBitForBit_forEverySizeUpToTheLimit() {
    SplittableRandom random = new SplittableRandom(12);
    for (int n = 0; n <= Percentiles.EXACT; n++) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        // round trips in ns: small, large, and repeated values
        values[i] = i % 3 == 0 ? random.nextLong(20) : random.nextLong(1, 5_000_000_000L);
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      for (double p : new double[] {0.5, 1, 25, 50, 75, 90, 99, 99.9, 100}) {
        double expected = new Percentile().evaluate(values, p);
        assertThat(Double.doubleToRawLongBits(Percentiles.exact(sorted, p)))
            .as("n=%d p=%s", n, p)
            .isEqualTo(Double.doubleToRawLongBits(expected));
      }
    }
  }
}
