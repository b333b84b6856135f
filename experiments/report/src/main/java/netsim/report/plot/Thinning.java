package netsim.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Fewer points for drawing, the same picture: a long run has hundreds of thousands of segments, far
 * more than a plot 900 pixels wide can show, and an SVG with all of them is slow to open. The x
 * range is cut into buckets; each bucket keeps its first and last point and those with the lowest
 * and highest y, in order, so peaks, drops and steps stay where they are. Series with fewer points
 * than {@link #LIMIT} are kept whole; the trace keeps every point.
 */
final class Thinning {
  /** Points per series above which a series is thinned. */
  static final int LIMIT = 4000;

  /** Buckets across the x range when thinning. */
  static final int BUCKETS = 1500;

  private Thinning() {}

  /** Points of a series, as two parallel arrays. */
  record Points(double[] x, double[] y) {
    int size() {
      return x.length;
    }
  }

  /** The series itself when small enough, else its first, lowest, highest and last per bucket. */
  static Points thin(double[] x, double[] y) {
    if (x.length <= LIMIT) {
      return new Points(x, y);
    }
    double from = x[0];
    double to = x[x.length - 1];
    double width = (to - from) / BUCKETS;
    List<Integer> kept = new ArrayList<>();
    int start = 0;
    while (start < x.length) {
      int bucket = width <= 0 ? 0 : (int) Math.min(BUCKETS - 1, (x[start] - from) / width);
      int end = start;
      int low = start;
      int high = start;
      while (end + 1 < x.length
          && (width <= 0 ? 0 : (int) Math.min(BUCKETS - 1, (x[end + 1] - from) / width))
              == bucket) {
        end++;
        if (y[end] < y[low]) {
          low = end;
        }
        if (y[end] > y[high]) {
          high = end;
        }
      }
      int[] order = {start, Math.min(low, high), Math.max(low, high), end};
      for (int i : order) {
        if (kept.isEmpty() || kept.get(kept.size() - 1) < i) {
          kept.add(i);
        }
      }
      start = end + 1;
    }
    double[] tx = new double[kept.size()];
    double[] ty = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      tx[i] = x[kept.get(i)];
      ty[i] = y[kept.get(i)];
    }
    return new Points(tx, ty);
  }
}
