package netsim.explore.sweep;

import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * What the runs of one point say about one metric: how many had a value (n), their mean, their
 * sample standard deviation, and the 95% confidence interval of the mean from Student's t with n -
 * 1 degrees of freedom: mean ± t(0.975, n-1) · sd / √n. Undefined parts are NaN: everything when n
 * = 0, the spread and the interval when n = 1. Computed in a fixed order, so the same values give
 * the same doubles.
 */
public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh) {
  /** The confidence level of the interval. */
  public static final double CONFIDENCE = 0.95;

  /** The estimate of {@code values}, in the order given (nulls are not allowed: leave them out). */
  public static Estimate of(List<BigDecimal> values) {
    int n = values.size();
    if (n == 0) {
      return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (BigDecimal v : values) {
      sum += v.doubleValue();
    }
    double mean = sum / n;
    if (n == 1) {
      return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double squares = 0;
    for (BigDecimal v : values) {
      double d = v.doubleValue() - mean;
      squares += d * d;
    }
    double sd = Math.sqrt(squares / (n - 1));
    double half = tQuantile(n - 1) * sd / Math.sqrt(n);
    return new Estimate(n, mean, sd, mean - half, mean + half);
  }

  /** The two-sided critical value of Student's t: the (1 + CONFIDENCE) / 2 quantile. */
  static double tQuantile(int degreesOfFreedom) {
    // No random generator: the distribution is only asked for quantiles, never sampled.
    return new TDistribution(null, degreesOfFreedom)
        .inverseCumulativeProbability((1 + CONFIDENCE) / 2);
  }

  /** Half the width of the interval, or NaN. */
  public double halfWidth() {
    return (ciHigh - ciLow) / 2;
  }
}
