package netsim.scenario.metrics;

import java.util.Arrays;

/**
 * One quantile of a stream of samples, estimated in constant memory by the P-square algorithm (Jain
 * and Chlamtac, "The P² algorithm for dynamic calculation of quantiles and histograms without
 * storing observations", CACM 28(10), 1985): five markers (minimum, p/2, p, (1 + p)/2, maximum)
 * whose heights move as samples arrive.
 *
 * <p>It gives, bit for bit, what Commons Math 3.6's {@code PSquarePercentile} gives, which the
 * summaries and flow tables were made with (so their numbers stay as they were): the first five
 * samples sorted, the middle markers adjusted in order 2, 3, 4 after each sample by the parabola
 * through the marker and its two neighbours evaluated by Neville's scheme, and by the straight line
 * to the neighbour on the side it moves to when the parabola leaves the neighbours' heights. The
 * same floating-point operations in the same order, in primitive fields: no objects per sample (the
 * library builds interpolating functions and sorts two pairs of arrays for each adjustment, which
 * was 40% of {@code netsim run}'s time on a 100 MB transfer).
 */
final class PSquareQuantile {
  private final double quantile;
  private long count;

  /** The first five samples, sorted, until the markers are made from them. */
  private final double[] initial = new double[5];

  /** The current estimate: what {@link #result} returns. */
  private double value = Double.NaN;

  /** Markers 1 to 5 (index 0 unused, as in the paper): position, desired position, its step. */
  private final double[] position = new double[6];

  private final double[] desired = new double[6];
  private final double[] step = new double[6];
  private final double[] height = new double[6];

  /** Neville's abscissas and two tables of differences, reused by every adjustment. */
  private final double[] x = new double[3];

  private final double[] c = new double[3];

  private final double[] d = new double[3];

  /** The quantile {@code percent / 100}, as Commons Math computes it. */
  PSquareQuantile(double percent) {
    this.quantile = percent / 100d;
  }

  void add(double sample) {
    count++;
    if (count <= initial.length) {
      int n = (int) count;
      initial[n - 1] = sample;
      Arrays.sort(initial, 0, n); // Double's order, as the library's Collections.sort
      value = initial[(int) (quantile * (n - 1))];
      return;
    }
    if (count == initial.length + 1) {
      startMarkers();
    }
    value = process(sample);
  }

  /** The estimate so far; NaN before any sample. */
  double result() {
    return value;
  }

  private void startMarkers() {
    double p = quantile;
    System.arraycopy(new double[] {0, 1, 2, 3, 4, 5}, 0, position, 0, 6);
    System.arraycopy(new double[] {0, 1, 1 + 2 * p, 1 + 4 * p, 3 + 2 * p, 5}, 0, desired, 0, 6);
    System.arraycopy(new double[] {0, 0, p / 2, p, (1 + p) / 2, 1}, 0, step, 0, 6);
    System.arraycopy(initial, 0, height, 1, 5);
  }

  private double process(double sample) {
    int cell;
    if (sample < height[1]) {
      height[1] = sample;
      cell = 1;
    } else if (sample < height[2]) {
      cell = 1;
    } else if (sample < height[3]) {
      cell = 2;
    } else if (sample < height[4]) {
      cell = 3;
    } else if (sample <= height[5]) {
      cell = 4;
    } else {
      height[5] = sample;
      cell = 4;
    }
    for (int i = cell + 1; i <= 5; i++) {
      position[i] += 1;
    }
    for (int i = 1; i <= 5; i++) {
      desired[i] += step[i];
    }
    for (int i = 2; i <= 4; i++) {
      adjust(i);
    }
    return height[3];
  }

  /**
   * Moves marker {@code i} one position towards its desired one, if it is a position or more off.
   */
  private void adjust(int i) {
    double off = desired[i] - position[i];
    boolean nextHigher = position[i + 1] - position[i] > 1;
    boolean previousLower = position[i - 1] - position[i] < -1;
    if (!((off >= 1 && nextHigher) || (off <= -1 && previousLower))) {
      return;
    }
    int move = off >= 0 ? 1 : -1;
    double x0 = position[i - 1];
    double x1 = position[i];
    double x2 = position[i + 1];
    double y0 = height[i - 1];
    double y1 = height[i];
    double y2 = height[i + 1];
    double at = x1 + move;
    double estimate = neville(x0, x1, x2, y0, y1, y2, at);
    if (estimate <= y0 || estimate >= y2) { // the parabola leaves the neighbours: a straight line
      estimate = at - x1 > 0 ? line(x1, y1, x2, y2, at) : line(x0, y0, x1, y1, at);
    }
    height[i] = estimate;
    position[i] += move;
  }

  /**
   * The value at {@code z} of the parabola through three points of increasing x, by Neville's
   * scheme in the order Commons Math's {@code PolynomialFunctionLagrangeForm} uses: start from the
   * nearest point's y (the first of equally near ones), then add one difference per column.
   */
  private double neville(
      double x0, double x1, double x2, double y0, double y1, double y2, double z) {
    x[0] = x0;
    x[1] = x1;
    x[2] = x2;
    c[0] = d[0] = y0;
    c[1] = d[1] = y1;
    c[2] = d[2] = y2;
    int nearest = 0;
    double nearestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < 3; k++) {
      double distance = Math.abs(z - x[k]);
      if (distance < nearestDistance) {
        nearest = k;
        nearestDistance = distance;
      }
    }
    double result = nearest == 0 ? y0 : nearest == 1 ? y1 : y2;
    for (int column = 1; column < 3; column++) {
      for (int j = 0; j < 3 - column; j++) {
        double tc = x[j] - z;
        double td = x[column + j] - z;
        double divider = x[j] - x[column + j];
        double w = (c[j + 1] - d[j]) / divider;
        c[j] = tc * w;
        d[j] = td * w;
      }
      if (nearest < 0.5 * (3 - column + 1)) {
        result += c[nearest];
      } else {
        nearest--;
        result += d[nearest];
      }
    }
    return result;
  }

  /**
   * The value at {@code z} of the line through (xa, ya) and (xb, yb), xa &lt; xb, as Commons Math's
   * linear spline computes it: the slope times the distance from xa, plus ya; a zero slope leaves
   * the constant ya (the library drops a polynomial's zero leading coefficient).
   */
  private static double line(double xa, double ya, double xb, double yb, double z) {
    double slope = (yb - ya) / (xb - xa);
    return slope == 0 ? ya : (z - xa) * slope + ya;
  }
}
