package netsim.scenario.metrics;

import java.util.Arrays;
import netsim.core.SuppressForbidden;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The median and the 99th percentile of a stream of samples, in bounded memory: exact (Commons
 * Math's {@link Percentile}) while there are at most {@link #EXACT} samples, then P-square
 * estimates (Jain and Chlamtac 1985, {@link PSquareQuantile}) fed every sample from the first.
 * P-square alone is poor for a few samples (its 99th percentile of {1, 5} is 1), hence the exact
 * start.
 */
@SuppressForbidden(
    "Percentile computes with comparisons, sorting and +-*/ only (FastMath.floor), never"
        + " java.lang.Math's intrinsics: the same bits on every JVM")
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
    return Math.round(new Percentile().evaluate(values, p));
  }
}
