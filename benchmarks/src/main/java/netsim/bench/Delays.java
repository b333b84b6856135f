package netsim.bench;

import netsim.core.RandomStreams;
import netsim.core.Time;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.InverseTransformParetoSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Delays drawn once, before measuring, into a ring buffer of {@value #SIZE} nanosecond values, so
 * that timed loops pay one array read per delay and no random draw (that cost is measured alone in
 * {@link RandomDrawBenchmark}).
 */
final class Delays {
  static final int SIZE = 1 << 20;
  static final int MASK = SIZE - 1;
  static final long MEAN = Time.MILLISECOND;
  static final long SEED = 20_260_101L;

  private Delays() {}

  /**
   * {@code SIZE} delays of a named distribution:
   *
   * <ul>
   *   <li>{@code exponential}: mean 1 ms, the classic hold-model distribution;
   *   <li>{@code bimodal}: 90% exponential with mean 10 us, 10% exponential with mean 10 ms, so
   *       that a dense near cluster sits under a sparse far one (bucket widths fit neither);
   *   <li>{@code pareto}: Pareto with shape 1.5 and mean 1 ms (infinite variance), capped at 1000
   *       s.
   * </ul>
   */
  static long[] of(String distribution) {
    UniformRandomProvider random = new RandomStreams(SEED).get("bench/delays/" + distribution);
    long[] delays = new long[SIZE];
    switch (distribution) {
      case "exponential" -> {
        ContinuousSampler exponential = ZigguratSampler.Exponential.of(random, MEAN);
        for (int i = 0; i < SIZE; i++) {
          delays[i] = Math.round(exponential.sample());
        }
      }
      case "bimodal" -> {
        ContinuousSampler near = ZigguratSampler.Exponential.of(random, 10 * Time.MICROSECOND);
        ContinuousSampler far = ZigguratSampler.Exponential.of(random, 10 * Time.MILLISECOND);
        for (int i = 0; i < SIZE; i++) {
          delays[i] = Math.round(random.nextInt(10) == 0 ? far.sample() : near.sample());
        }
      }
      case "pareto" -> {
        ContinuousSampler pareto = InverseTransformParetoSampler.of(random, MEAN / 3.0, 1.5);
        for (int i = 0; i < SIZE; i++) {
          delays[i] = Math.round(Math.min(pareto.sample(), 1000.0 * Time.SECOND));
        }
      }
      default ->
          throw new IllegalArgumentException(
              "unknown delay distribution '"
                  + distribution
                  + "' (expected exponential, bimodal, pareto)");
    }
    return delays;
  }
}
