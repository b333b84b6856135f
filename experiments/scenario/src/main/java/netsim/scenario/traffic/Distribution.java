package netsim.scenario.traffic;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A distribution of whole numbers (bytes of a flow, nanoseconds of a period): a fixed value,
 * exponential, Pareto, or an empirical CDF. A traffic source draws from it with {@link
 * #sampler(UniformRandomProvider)} on a random stream of its own; {@link #mean()} is what a target
 * load divides by. Every draw is at least 1. Draws are inverse transforms computed with {@link
 * StrictMath}, which gives the same bits on every JVM (Commons RNG's samplers use {@link Math},
 * which may not).
 */
public sealed interface Distribution {
  /** The mean of a draw. */
  double mean();

  /** Draws from this distribution with {@code random}. */
  Sampler sampler(UniformRandomProvider random);

  /** Draws values, one at a time. */
  @FunctionalInterface
  interface Sampler {
    /** The next draw, at least 1. */
    long next();
  }

  /** Always {@code value}. */
  record Fixed(long value) implements Distribution {
    public Fixed {
      checkArgument(value >= 1, "a fixed value must be at least 1, got %s", value);
    }

    @Override
    public double mean() {
      return value;
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return () -> value;
    }

    @Override
    public String toString() {
      return "fixed " + value;
    }
  }

  /** Exponential with this mean (memoryless: Poisson arrivals have exponential gaps). */
  record Exponential(double mean) implements Distribution {
    public Exponential {
      checkArgument(mean >= 1, "an exponential mean must be at least 1, got %s", mean);
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      // F^-1(u) = -mean ln(1 - u), u uniform in [0, 1)
      return () -> atLeastOne(-mean * StrictMath.log1p(-random.nextDouble()));
    }

    @Override
    public String toString() {
      return "exponential mean " + number(mean);
    }
  }

  /**
   * Pareto (type I) with this mean and shape alpha > 1: the scale, the smallest value, is {@code
   * mean (alpha - 1) / alpha}. Heavy-tailed: with alpha below 2 its variance is infinite.
   */
  record Pareto(double mean, double shape) implements Distribution {
    public Pareto {
      checkArgument(mean >= 1, "a Pareto mean must be at least 1, got %s", mean);
      checkArgument(
          shape > 1 && Double.isFinite(shape),
          "a Pareto shape must be above 1 (at or below 1 its mean is infinite), got %s",
          shape);
    }

    /** The smallest value, x_m. */
    public double scale() {
      return mean * (shape - 1) / shape;
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      double scale = scale();
      double exponent = -1 / shape;
      // F^-1(u) = x_m (1 - u)^(-1/alpha), u uniform in [0, 1)
      return () -> atLeastOne(scale * StrictMath.pow(1 - random.nextDouble(), exponent));
    }

    @Override
    public String toString() {
      return "pareto mean " + number(mean) + " shape " + number(shape);
    }
  }

  /**
   * An empirical CDF: points (value, cumulative probability), values strictly increasing,
   * probabilities not decreasing and the last one 1. A draw takes a uniform u in [0, 1) and
   * interpolates linearly between the two points whose probabilities enclose it (as ns-2's
   * EmpiricalRandomVariable does with the data-centre workloads); below the first point's
   * probability it is the first value.
   *
   * @param source where the points come from, for messages and summaries: a file name, or "inline"
   */
  record Empirical(long[] values, double[] cdf, String source) implements Distribution {
    public Empirical {
      checkArgument(values.length == cdf.length && values.length > 0, "an empty CDF");
      values = values.clone();
      cdf = cdf.clone();
    }

    @Override
    public double mean() {
      double mean = cdf[0] * values[0];
      for (int i = 1; i < values.length; i++) {
        mean += (cdf[i] - cdf[i - 1]) * (values[i - 1] + values[i]) / 2.0;
      }
      return mean;
    }

    /** The value at cumulative probability {@code u}, interpolated. */
    public long quantile(double u) {
      int i = 0;
      while (i < cdf.length - 1 && cdf[i] < u) {
        i++;
      }
      if (i == 0 || cdf[i] <= cdf[i - 1]) {
        return values[i];
      }
      double fraction = (u - cdf[i - 1]) / (cdf[i] - cdf[i - 1]);
      return atLeastOne(values[i - 1] + fraction * (values[i] - values[i - 1]));
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return () -> quantile(random.nextDouble());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Empirical e
          && Arrays.equals(values, e.values)
          && Arrays.equals(cdf, e.cdf)
          && source.equals(e.source);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(values) + Arrays.hashCode(cdf);
    }

    /**
     * Its points, {@code empirical [[1460, 0.2], [14600, 1]]}, up to 32 of them; beyond, where they
     * came from, how many, and a hash of them: two different CDFs never read the same (a sweep's
     * config hash covers this text).
     */
    @Override
    public String toString() {
      if (values.length <= 32) {
        StringBuilder text = new StringBuilder("empirical [");
        for (int i = 0; i < values.length; i++) {
          text.append(i == 0 ? "[" : ", [").append(values[i]).append(", ").append(cdf[i]);
          text.append(']');
        }
        return text.append(']').toString();
      }
      Hasher hash = Hashing.sha256().newHasher();
      for (int i = 0; i < values.length; i++) {
        hash.putLong(values[i]).putDouble(cdf[i]);
      }
      return "empirical "
          + source
          + " ("
          + values.length
          + " points, sha256 "
          + hash.hash().toString().substring(0, 16)
          + ")";
    }
  }

  /** A whole number without a fraction ("500000000"), else as Java prints a double ("1.5"). */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static long atLeastOne(double value) {
    return Math.max(1, Math.round(value));
  }
}
