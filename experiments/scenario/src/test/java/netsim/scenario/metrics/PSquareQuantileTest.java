package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.PSquarePercentile;
import org.junit.jupiter.api.Test;

/**
 * The P-square estimator gives what Commons Math's {@link PSquarePercentile} gives, bit for bit,
 * after every sample: the summaries made with the library keep their numbers.
 */
class PSquareQuantileTest {
  private static final double[] PERCENTS = {50, 99, 1, 25, 90, 99.9};

  @Test
  void beforeAnySample_theResultIsNaN() {
    assertThat(new PSquareQuantile(50).result()).isNaN();
  }

  @Test
  void firstFiveSamples_giveTheSortedSampleAtTheQuantilesRank() {
    PSquareQuantile median = new PSquareQuantile(50);
    PSquareQuantile high = new PSquareQuantile(99);
    double[] samples = {30, 10, 50, 20, 40};
    double[] medians = {30, 10, 30, 20, 30}; // rank (int) (0.5 (n - 1)) of the sorted samples
    double[] highs = {30, 10, 30, 30, 40}; // rank (int) (0.99 (n - 1))
    for (int i = 0; i < samples.length; i++) {
      median.add(samples[i]);
      high.add(samples[i]);
      assertThat(median.result()).isEqualTo(medians[i]);
      assertThat(high.result()).isEqualTo(highs[i]);
    }
  }

  @Test
  void sixthSample_movesTheMiddleMarkerByTheParabola() {
    PSquareQuantile median = new PSquareQuantile(50);
    for (double s : new double[] {1, 2, 3, 4, 5, 6}) {
      median.add(s);
    }
    // Markers at positions 1..5 with heights 1..5; the sixth sample raises marker 5's position and
    // height, marker 3's desired position becomes 3.5: not a whole position off, so it stays.
    assertThat(median.result()).isEqualTo(3);
  }

  @Test
  void uniformSamples_matchCommonsMathAfterEverySample() {
    SplittableRandom random = new SplittableRandom(1);
    assertMatches(20_000, i -> random.nextDouble());
  }

  @Test
  void integerSamplesWithManyTies_matchCommonsMathAfterEverySample() {
    SplittableRandom random = new SplittableRandom(2);
    assertMatches(20_000, i -> random.nextInt(4) == 0 ? 0 : random.nextInt(50) * 1000);
  }

  @Test
  void heavyTailedSamples_matchCommonsMathAfterEverySample() {
    SplittableRandom random = new SplittableRandom(3);
    assertMatches(20_000, i -> Math.floor(1e6 / (1e-3 + random.nextDouble())));
  }

  @Test
  void sortedAndConstantRuns_matchCommonsMathAfterEverySample() {
    assertMatches(5_000, i -> i);
    assertMatches(5_000, i -> -i);
    assertMatches(5_000, i -> 7);
    assertMatches(5_000, i -> i % 2 == 0 ? 0 : 1e9);
  }

  @Test
  void shortStreams_matchCommonsMathAfterEverySample() {
    SplittableRandom random = new SplittableRandom(4);
    for (int n = 1; n <= 12; n++) {
      assertMatches(n, i -> random.nextInt(5));
    }
  }

  private static void assertMatches(int samples, LongToDoubleFunction sample) {
    double[] values = new double[samples];
    for (int i = 0; i < samples; i++) {
      values[i] = sample.applyAsDouble(i);
    }
    for (double percent : PERCENTS) {
      PSquareQuantile ours = new PSquareQuantile(percent);
      PSquarePercentile library = new PSquarePercentile(percent);
      for (int i = 0; i < samples; i++) {
        ours.add(values[i]);
        library.increment(values[i]);
        if (Double.doubleToLongBits(ours.result())
            != Double.doubleToLongBits(library.getResult())) {
          assertThat(ours.result())
              .as("p%s after sample %d of %d (%s)", percent, i + 1, samples, values[i])
              .isEqualTo(library.getResult());
          assertThat(Double.doubleToLongBits(ours.result()))
              .as("sign of zero, p%s after sample %d", percent, i + 1)
              .isEqualTo(Double.doubleToLongBits(library.getResult()));
        }
      }
    }
  }
}
