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
 * was 40% of {@code netsim run}'s time on a 100 MB transfer), and no arrays (one field per marker,
 * Neville's tables unrolled for its three points: half the cost again under the client compiler the
 * {@code netsim} launcher runs with).
 */
final class PSquareQuantile {
  private final double quantile;
  private long count;

  /** The first five samples, sorted, until the markers are made from them. */
  private final double[] initial = new double[5];

  /** The current estimate: what {@link #result} returns. */
  private double value = Double.NaN;

  /**
   * Markers 1 to 5 (as in the paper): heights {@code h}, positions {@code n}; the desired positions
   * {@code d} of the middle three and their steps {@code s} (the outer markers' desired positions
   * are never read).
   */
  private double h1;

  private double h2;
  private double h3;
  private double h4;
  private double h5;
  private double n1;
  private double n2;
  private double n3;
  private double n4;
  private double n5;
  private double d2;
  private double d3;
  private double d4;
  private double s2;
  private double s3;
  private double s4;

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
    n1 = 1;
    n2 = 2;
    n3 = 3;
    n4 = 4;
    n5 = 5;
    d2 = 1 + 2 * p;
    d3 = 1 + 4 * p;
    d4 = 3 + 2 * p;
    s2 = p / 2;
    s3 = p;
    s4 = (1 + p) / 2;
    h1 = initial[0];
    h2 = initial[1];
    h3 = initial[2];
    h4 = initial[3];
    h5 = initial[4];
  }

  private double process(double sample) {
    // the cell the sample falls in (the paper's k, 1 to 4): the markers above it move up one
    if (sample < h1) {
      h1 = sample;
      n2 += 1;
      n3 += 1;
      n4 += 1;
    } else if (sample < h2) {
      n2 += 1;
      n3 += 1;
      n4 += 1;
    } else if (sample < h3) {
      n3 += 1;
      n4 += 1;
    } else if (sample < h4) {
      n4 += 1;
    } else if (!(sample <= h5)) {
      h5 = sample;
    }
    n5 += 1;
    d2 += s2;
    d3 += s3;
    d4 += s4;
    adjust2();
    adjust3();
    adjust4();
    return h3;
  }

  private void adjust2() {
    int move = move(d2 - n2, n1, n2, n3);
    if (move != 0) {
      h2 = height(n1, n2, n3, h1, h2, h3, move);
      n2 += move;
    }
  }

  private void adjust3() {
    int move = move(d3 - n3, n2, n3, n4);
    if (move != 0) {
      h3 = height(n2, n3, n4, h2, h3, h4, move);
      n3 += move;
    }
  }

  private void adjust4() {
    int move = move(d4 - n4, n3, n4, n5);
    if (move != 0) {
      h4 = height(n3, n4, n5, h3, h4, h5, move);
      n4 += move;
    }
  }

  /**
   * Which way a marker at position {@code x1}, between neighbours at {@code x0} and {@code x2},
   * moves: one position towards its desired one ({@code off} away) if it is a position or more off
   * and there is room, else 0.
   */
  private static int move(double off, double x0, double x1, double x2) {
    boolean nextHigher = x2 - x1 > 1;
    boolean previousLower = x0 - x1 < -1;
    if (!((off >= 1 && nextHigher) || (off <= -1 && previousLower))) {
      return 0;
    }
    return off >= 0 ? 1 : -1;
  }

  /**
   * The marker's new height, one position {@code move} from {@code x1}: on the parabola through it
   * and its neighbours, or on the straight line to the neighbour it moves to when the parabola
   * leaves the neighbours' heights.
   */
  private static double height(
      double x0, double x1, double x2, double y0, double y1, double y2, int move) {
    double at = x1 + move;
    double estimate = neville(x0, x1, x2, y0, y1, y2, at);
    if (estimate <= y0 || estimate >= y2) {
      estimate = at - x1 > 0 ? line(x1, y1, x2, y2, at) : line(x0, y0, x1, y1, at);
    }
    return estimate;
  }

  /**
   * The value at {@code z} of the parabola through three points of increasing x, by Neville's
   * scheme in the order Commons Math's {@code PolynomialFunctionLagrangeForm} uses: start from the
   * nearest point's y (the first of equally near ones), then add one difference per column (the
   * scheme's two columns for three points, written out).
   */
  private static double neville(
      double x0, double x1, double x2, double y0, double y1, double y2, double z) {
    int nearest = 0;
    double nearestDistance = Math.abs(z - x0);
    double distance = Math.abs(z - x1);
    if (distance < nearestDistance) {
      nearest = 1;
      nearestDistance = distance;
    }
    if (Math.abs(z - x2) < nearestDistance) {
      nearest = 2;
    }
    double result = nearest == 0 ? y0 : nearest == 1 ? y1 : y2;
    // column 1: differences of the pairs (0, 1) and (1, 2)
    double w0 = (y1 - y0) / (x0 - x1);
    double c0 = (x0 - z) * w0;
    double d0 = (x1 - z) * w0;
    double w1 = (y2 - y1) / (x1 - x2);
    double c1 = (x1 - z) * w1;
    double d1 = (x2 - z) * w1;
    if (nearest < 1.5) {
      result += nearest == 0 ? c0 : c1;
    } else {
      nearest--;
      result += d1;
    }
    // column 2: the difference of the triple
    double w = (c1 - d0) / (x0 - x2);
    if (nearest < 1) {
      result += (x0 - z) * w;
    } else {
      result += (x2 - z) * w;
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
