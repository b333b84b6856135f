package netsim.report.plot;

import java.util.Arrays;

/**
 * Sets apart the points of several series at the same x (ggplot's position_dodge): series {@code i}
 * of {@code k} is shifted by {@code width * (i / (k - 1) - 1/2)}, so the k points (and their error
 * bars) sit at k distinct x positions, in series order, centred on their x. The width is half the
 * smallest distance between two x values (half a category on a category axis), at most 8% of the
 * axis' span, so a dodged point stays nearer its own x than any other x, however many series.
 */
public final class Dodge {
  private Dodge() {}

  /**
   * The width the series of a chart with x values {@code x} are spread over.
   *
   * @param categories whether x is a category axis (x = 0, 1, ...)
   */
  public static double width(double[] x, boolean categories) {
    if (categories) {
      return 0.5;
    }
    double[] sorted = Arrays.stream(x).filter(Double::isFinite).sorted().distinct().toArray();
    if (sorted.length == 0) {
      return 0;
    }
    if (sorted.length == 1) {
      return Charts.pad(sorted[0]) / 2; // the axis spans the value plus and minus its pad
    }
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < sorted.length; i++) {
      gap = Math.min(gap, sorted[i] - sorted[i - 1]);
    }
    return Math.min(gap / 2, 0.08 * (sorted[sorted.length - 1] - sorted[0]));
  }

  /** The shift of series {@code i} of {@code k}: 0 for a single series. */
  public static double offset(int i, int k, double width) {
    if (i < 0 || i >= k) {
      throw new IllegalArgumentException("series " + i + " of " + k);
    }
    return k == 1 ? 0 : width * ((double) i / (k - 1) - 0.5);
  }
}
