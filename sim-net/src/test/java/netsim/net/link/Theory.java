package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Confidence bounds from theory for the statistical tests: every check is two-sided at 99.9%. The
 * runs use fixed seeds, so a passing test always passes; the bound says the seed was not chosen to
 * hide a wrong model.
 */
final class Theory {
  /** The standard normal quantile of a two-sided 99.9% interval, about 3.29. */
  static final double Z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.9995);

  private Theory() {}

  /** Asserts that {@code observed} successes in {@code n} Bernoulli(p) trials are plausible. */
  static void assertBinomial(String what, long observed, long n, double p) {
    BinomialDistribution binomial = new BinomialDistribution(null, Math.toIntExact(n), p);
    int low = binomial.inverseCumulativeProbability(0.0005);
    int high = binomial.inverseCumulativeProbability(0.9995);
    assertThat(observed)
        .as(
            "%s: %s of %s with p = %s, 99.9%% binomial bound [%s, %s]",
            what, observed, n, p, low, high)
        .isBetween((long) low, (long) high);
  }

  /** Asserts that an estimate lies within Z standard errors of its expected value. */
  static void assertNear(String what, double observed, double expected, double standardError) {
    assertThat(Math.abs(observed - expected))
        .as(
            "%s: observed %s, expected %s +- %s (%s standard errors of %s)",
            what, observed, expected, Z * standardError, Z, standardError)
        .isLessThanOrEqualTo(Z * standardError);
  }

  static double mean(long[] values) {
    double sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** The sample variance (n - 1 denominator). */
  static double variance(long[] values) {
    double mean = mean(values);
    double sum = 0;
    for (long v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / (values.length - 1);
  }

  /** Mean, variance and fourth central moment of a distribution. */
  record Moments(double mean, double variance, double fourth) {
    double sd() {
      return Math.sqrt(variance);
    }

    /** The standard error of the mean of n samples. */
    double meanError(int n) {
      return Math.sqrt(variance / n);
    }

    /** The standard error of the sample variance of n samples. */
    double varianceError(int n) {
      return Math.sqrt((fourth - variance * variance) / n);
    }

    Moments scaled(double factor) {
      return new Moments(mean * factor, variance * factor * factor, fourth * Math.pow(factor, 4));
    }
  }

  /**
   * The moments of the distribution whose quantile function is {@code quantile}, by integrating it
   * over (0, 1) with the midpoint rule ({@code E[g(X)] = integral of g(Q(u)) du}).
   */
  static Moments moments(DoubleUnaryOperator quantile) {
    int points = 1 << 20;
    double[] values = new double[points];
    double mean = 0;
    for (int i = 0; i < points; i++) {
      values[i] = quantile.applyAsDouble((i + 0.5) / points);
      mean += values[i];
    }
    mean /= points;
    double second = 0;
    double fourth = 0;
    for (double v : values) {
      double d = (v - mean) * (v - mean);
      second += d;
      fourth += d * d;
    }
    return new Moments(mean, second / points, fourth / points);
  }
}
