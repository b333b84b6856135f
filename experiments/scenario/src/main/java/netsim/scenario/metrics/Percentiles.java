package netsim.scenario.metrics;

import java.util.Arrays;

/**
 * The median and the 99th percentile of a stream of samples, in bounded memory: exact (Commons
 * Math's {@code Percentile}, computed here: {@link #exact(double[], double)}) while there are at
 * most {@link #EXACT} samples, then P-square estimates (Jain and Chlamtac 1985, {@link
 * PSquareQuantile}) fed every sample from the first. P-square alone is poor for a few samples (its
 * 99th percentile of {1, 5} is 1), hence the exact start.
 */
final class Percentiles {
  /** The most samples kept for exact percentiles. */
  static final int EXACT = 512;

  private long[] samples = new long[16];
  private int count;
  private PSquareQuantile p50;
  private PSquareQuantile p99;

  void add(long sample) {
    if (p50 != null) {
      p50.add((double) sample);
      p99.add((double) sample);
      return;
    }
    if (count == EXACT) {
      p50 = new PSquareQuantile(50);
      p99 = new PSquareQuantile(99);
      for (long s : samples) {
        p50.add((double) s);
        p99.add((double) s);
      }
      samples = null;
      add(sample);
      return;
    }
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, Math.min(EXACT, count * 2));
    }
    samples[count++] = sample;
  }

  /** The median, rounded; no sample must be missing. */
  long p50() {
    return p50 != null ? Math.round(p50.result()) : exact(50);
  }

  /** The 99th percentile, rounded. */
  long p99() {
    return p99 != null ? Math.round(p99.result()) : exact(99);
  }

  private long exact(double p) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = samples[i];
    }
    Arrays.sort(values);
    return Math.round(exact(values, p));
  }

  /**
   * The {@code p}th percentile (0 < p <= 100) of {@code sorted} as Commons Math's {@code
   * Percentile} computes it by default (its legacy estimation, Hyndman and Fan's type 6), bit for
   * bit: the position p (n + 1) / 100, the smallest value below position 1, the largest from n,
   * else linear between the two values around it; NaN for no value. Sorting, comparisons and
   * +-*&#47; only: the same bits on every JVM. (Done here rather than by Commons Math: its
   * Percentile and exceptions were about 50 classes to load at the end of every run.)
   */
  static double exact(double[] sorted, double p) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    if (n == 1) {
      return sorted[0];
    }
    double q = p / 100d;
    double pos = Double.compare(q, 0d) == 0 ? 0 : Double.compare(q, 1d) == 0 ? n : q * (n + 1);
    double fpos = Math.floor(pos);
    int intPos = (int) fpos;
    double dif = pos - fpos;
    if (pos < 1) {
      return sorted[0];
    }
    if (pos >= n) {
      return sorted[n - 1];
    }
    double lower = sorted[intPos - 1];
    double upper = sorted[intPos];
    return lower + dif * (upper - lower);
  }
}
