package netsim.report.plot;

import java.util.Arrays;

/**
 * One series of a plot, thinned online as its points arrive: fewer points for drawing, the same
 * picture, in memory that does not grow with the run. A long run has hundreds of thousands of
 * segments, far more than a plot 900 pixels wide can show, and an SVG with all of them is slow to
 * open. A series of at most {@link #LIMIT} points keeps every point. Past that, the x range is cut
 * into at most {@link #BUCKETS} buckets of equal width, each keeping its first and last point and
 * those with the lowest and highest y, in order, so peaks, drops and steps stay where they are;
 * when a point falls beyond the last bucket, the width doubles and neighbouring buckets merge in
 * pairs. A thinned series has at most {@code 4 * BUCKETS = LIMIT} points; the trace keeps every
 * point.
 */
final class Thinning {
  /** Points per series above which a series is thinned. */
  static final int LIMIT = 4000;

  /** Buckets across the x range when thinning: four points each, at most {@link #LIMIT}. */
  static final int BUCKETS = LIMIT / 4;

  /** Slots of a bucket: its first, lowest, highest and last point. */
  private static final int FIRST = 0;

  private static final int LOW = 1;
  private static final int HIGH = 2;
  private static final int LAST = 3;
  private static final int SLOTS = 4;

  /** The raw points of an empty series: a series costs little until it has points. */
  private static final double[] NONE = {};

  /** Points of a series, as two parallel arrays. */
  record Points(double[] x, double[] y) {
    int size() {
      return x.length;
    }
  }

  /** Points added so far, each one's number in order of arrival. */
  private long added;

  /** Every point, while there are at most {@link #LIMIT}; null once thinned. */
  private double[] rawX = NONE;

  private double[] rawY = NONE;

  /** Once thinned: bucket {@code b}'s slot {@code s} at {@code b * SLOTS + s}; -1 when empty. */
  private long[] order;

  private double[] slotX;
  private double[] slotY;

  /** x where bucket 0 starts, and the width of a bucket (0 while every point has the same x). */
  private double from;

  private double width;

  /** An empty series. */
  Thinning() {}

  /** The series itself when small enough, else its first, lowest, highest and last per bucket. */
  static Points thin(double[] x, double[] y) {
    if (x.length <= LIMIT) {
      return new Points(x, y);
    }
    Thinning series = new Thinning();
    for (int i = 0; i < x.length; i++) {
      series.add(x[i], y[i]);
    }
    return series.points();
  }

  /** Adds the next point. */
  void add(double x, double y) {
    long number = added++;
    if (rawX != null) {
      if (number < LIMIT) {
        if (number == rawX.length) {
          int capacity = Math.max(4, 2 * rawX.length);
          rawX = Arrays.copyOf(rawX, capacity);
          rawY = Arrays.copyOf(rawY, capacity);
        }
        rawX[(int) number] = x;
        rawY[(int) number] = y;
        return;
      }
      startBuckets();
    }
    addToBucket(number, x, y);
  }

  /** How many points were added. */
  long added() {
    return added;
  }

  boolean isEmpty() {
    return added == 0;
  }

  /** The points to draw: every point, or the thinned series, in order. */
  Points points() {
    if (rawX != null) {
      int n = (int) added;
      return new Points(Arrays.copyOf(rawX, n), Arrays.copyOf(rawY, n));
    }
    double[] x = new double[LIMIT];
    double[] y = new double[LIMIT];
    int n = 0;
    long previous = -1;
    for (int base = 0; base < order.length; base += SLOTS) {
      if (order[base] < 0) {
        continue;
      }
      // First, the lowest and highest in order of arrival, last; a point may fill several slots.
      boolean lowFirst = order[base + LOW] <= order[base + HIGH];
      int[] slots = {
        base + FIRST, base + (lowFirst ? LOW : HIGH), base + (lowFirst ? HIGH : LOW), base + LAST
      };
      for (int slot : slots) {
        if (order[slot] != previous) {
          x[n] = slotX[slot];
          y[n] = slotY[slot];
          n++;
          previous = order[slot];
        }
      }
    }
    return new Points(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
  }

  /** How many points the series holds in memory now. */
  int retained() {
    if (rawX != null) {
      return (int) added;
    }
    int n = 0;
    for (long o : order) {
      n += o >= 0 ? 1 : 0;
    }
    return n;
  }

  /** The x where bucket 0 starts (0 while the series is whole). */
  double from() {
    return from;
  }

  /** The width of a bucket (0 while the series is whole or every point has the same x). */
  double width() {
    return width;
  }

  /**
   * The series has just gone past {@link #LIMIT}: its points go into buckets that span their x
   * range, and the raw points are let go.
   */
  private void startBuckets() {
    double low = rawX[0];
    double high = rawX[0];
    for (int i = 1; i < LIMIT; i++) {
      low = Math.min(low, rawX[i]);
      high = Math.max(high, rawX[i]);
    }
    from = low;
    width = (high - low) / (BUCKETS - 1);
    order = new long[BUCKETS * SLOTS];
    Arrays.fill(order, -1);
    slotX = new double[BUCKETS * SLOTS];
    slotY = new double[BUCKETS * SLOTS];
    double[] x = rawX;
    double[] y = rawY;
    rawX = null;
    rawY = null;
    for (int i = 0; i < LIMIT; i++) {
      addToBucket(i, x[i], y[i]);
    }
  }

  private void addToBucket(long number, double x, double y) {
    if (width == 0 && x > from) {
      width = (x - from) / (BUCKETS - 1); // every point so far is at from, in bucket 0
    }
    int b = bucket(x);
    while (b >= BUCKETS) {
      doubleWidth();
      b = bucket(x);
    }
    int base = b * SLOTS;
    if (order[base] < 0) {
      for (int s = 0; s < SLOTS; s++) {
        put(base + s, number, x, y);
      }
      return;
    }
    put(base + LAST, number, x, y);
    if (y < slotY[base + LOW]) {
      put(base + LOW, number, x, y);
    }
    if (y > slotY[base + HIGH]) {
      put(base + HIGH, number, x, y);
    }
  }

  /** The bucket of {@code x}; a point left of the first bucket counts in it. */
  private int bucket(double x) {
    if (width == 0 || x <= from) {
      return 0;
    }
    double b = Math.floor((x - from) / width);
    return b >= BUCKETS ? BUCKETS : (int) b;
  }

  /** Twice as wide buckets: bucket {@code i} becomes buckets {@code 2i} and {@code 2i + 1}. */
  private void doubleWidth() {
    for (int i = 0; i < BUCKETS / 2; i++) {
      merge(i, 2 * i, 2 * i + 1);
    }
    for (int i = BUCKETS / 2; i < BUCKETS; i++) {
      Arrays.fill(order, i * SLOTS, (i + 1) * SLOTS, -1);
    }
    width *= 2;
  }

  /** Bucket {@code into} becomes buckets {@code a} and {@code b} (a before b) together. */
  private void merge(int into, int a, int b) {
    int to = into * SLOTS;
    int from0 = a * SLOTS;
    int from1 = b * SLOTS;
    if (order[from1] < 0) {
      copy(from0, to, SLOTS);
      return;
    }
    if (order[from0] < 0) {
      copy(from1, to, SLOTS);
      return;
    }
    // The earliest, lowest, highest and latest of the two, the earlier on a tie, as a single pass
    // over their points would keep them.
    int first = order[from1 + FIRST] < order[from0 + FIRST] ? from1 + FIRST : from0 + FIRST;
    int low = lowerOf(from0 + LOW, from1 + LOW);
    int high = higherOf(from0 + HIGH, from1 + HIGH);
    int last = order[from1 + LAST] > order[from0 + LAST] ? from1 + LAST : from0 + LAST;
    // Writing slot s of bucket into overwrites at most slot s of bucket a, already read.
    move(first, to + FIRST);
    move(low, to + LOW);
    move(high, to + HIGH);
    move(last, to + LAST);
  }

  private int lowerOf(int i, int j) {
    return slotY[j] < slotY[i] || (slotY[j] == slotY[i] && order[j] < order[i]) ? j : i;
  }

  private int higherOf(int i, int j) {
    return slotY[j] > slotY[i] || (slotY[j] == slotY[i] && order[j] < order[i]) ? j : i;
  }

  private void copy(int from, int to, int length) {
    if (from != to) {
      System.arraycopy(order, from, order, to, length);
      System.arraycopy(slotX, from, slotX, to, length);
      System.arraycopy(slotY, from, slotY, to, length);
    }
  }

  private void move(int from, int to) {
    put(to, order[from], slotX[from], slotY[from]);
  }

  private void put(int slot, long number, double x, double y) {
    order[slot] = number;
    slotX[slot] = x;
    slotY[slot] = y;
  }
}
