package netsim.scenario.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import netsim.core.RandomStreams;
import org.junit.jupiter.api.Test;

class DistributionTest {
  private static final Distribution.Empirical CDF =
      new Distribution.Empirical(
          new long[] {1000, 2000, 10_000}, new double[] {0.5, 0.75, 1.0}, "inline");

  @Test
  void empiricalQuantile_isTheFirstValueUpToItsProbability_thenInterpolatesLinearly() {
    assertThat(CDF.quantile(0.0)).isEqualTo(1000);
    assertThat(CDF.quantile(0.5)).isEqualTo(1000);
    assertThat(CDF.quantile(0.625)).isEqualTo(1500);
    assertThat(CDF.quantile(0.75)).isEqualTo(2000);
    assertThat(CDF.quantile(0.875)).isEqualTo(6000);
    assertThat(CDF.quantile(0.999_999)).isEqualTo(10_000); // 9999.968, rounded
  }

  @Test
  void empiricalMean_isThatOfTheInterpolatedDistribution() {
    // 0.5 x 1000 + 0.25 x 1500 + 0.25 x 6000
    assertThat(CDF.mean()).isEqualTo(2375.0);
  }

  @Test
  void empiricalDraws_fallInEachSegmentAsOftenAsItsProbability_andAverageTheMean() {
    Distribution.Sampler draws = CDF.sampler(new RandomStreams(7).get("test"));
    int n = 200_000;
    int first = 0;
    int second = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      long v = draws.next();
      assertThat(v).isBetween(1000L, 10_000L);
      if (v == 1000) {
        first++;
      } else if (v <= 2000) {
        second++;
      }
      sum += v;
    }
    // Binomial standard deviations: sqrt(n p (1 - p)) = 224 and 194; 5 sigma.
    assertThat(first).isCloseTo(n / 2, within(1_120));
    assertThat(second).isCloseTo(n / 4, within(970));
    // Standard deviation of a draw is about 2,500: of the mean of n, about 5.6; 5 sigma.
    assertThat(sum / n).isCloseTo(2375.0, within(28.0));
  }

  @Test
  void exponentialAndParetoDraws_averageTheirMean_fixedIsAlwaysItsValue() {
    int n = 400_000;
    Distribution.Sampler exponential =
        new Distribution.Exponential(1_000_000).sampler(new RandomStreams(1).get("e"));
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += exponential.next();
    }
    // sigma of the mean: 1e6 / sqrt(n) = 1581; 5 sigma.
    assertThat(sum / n).isCloseTo(1_000_000.0, within(7_906.0));

    // Shape 3: finite variance, mean^2 / (shape (shape - 2)) = mean^2 / 3.
    Distribution.Pareto pareto = new Distribution.Pareto(30_000, 3);
    assertThat(pareto.scale()).isEqualTo(20_000.0);
    Distribution.Sampler paretoDraws = pareto.sampler(new RandomStreams(1).get("p"));
    sum = 0;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      long v = paretoDraws.next();
      sum += v;
      min = Math.min(min, v);
    }
    assertThat(min).isGreaterThanOrEqualTo(20_000);
    // sigma of the mean: 30000 / sqrt(3 n) = 27.4; 5 sigma.
    assertThat(sum / n).isCloseTo(30_000.0, within(137.0));

    Distribution.Sampler fixed = new Distribution.Fixed(1460).sampler(null);
    assertThat(fixed.next()).isEqualTo(1460);
    assertThat(fixed.next()).isEqualTo(1460);
  }

  @Test
  void theSameStreamGivesTheSameDraws() {
    Distribution.Sampler a = CDF.sampler(new RandomStreams(3).get("flow-sizes/web"));
    Distribution.Sampler b = CDF.sampler(new RandomStreams(3).get("flow-sizes/web"));
    for (int i = 0; i < 100; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }
}
