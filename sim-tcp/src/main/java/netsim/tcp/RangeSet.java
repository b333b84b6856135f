package netsim.tcp;

import java.util.Arrays;

/**
 * A set of stream positions as sorted, disjoint, non-adjacent intervals [start, end), in two
 * primitive arrays: what a SACK receiver holds out of order (RFC 2018) and what a SACK sender's
 * scoreboard knows to be SACKed (RFC 6675 3). Adding, trimming and looking up allocate nothing once
 * the arrays have grown to the number of holes.
 */
final class RangeSet {
  private long[] starts = new long[8];
  private long[] ends = new long[8];
  private int count;

  /** The number of intervals. */
  int count() {
    return count;
  }

  long start(int index) {
    return starts[index];
  }

  long end(int index) {
    return ends[index];
  }

  boolean isEmpty() {
    return count == 0;
  }

  void clear() {
    count = 0;
  }

  /** The end of the last interval, or {@code Long.MIN_VALUE} when empty. */
  long highest() {
    return count == 0 ? Long.MIN_VALUE : ends[count - 1];
  }

  /** The index of the interval holding {@code position}, or -1. */
  int indexOf(long position) {
    for (int i = 0; i < count && starts[i] <= position; i++) {
      if (position < ends[i]) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Adds [start, end), merging with the intervals it overlaps or touches. Returns how many of its
   * positions were not in the set before.
   */
  long add(long start, long end) {
    if (end <= start) {
      return 0;
    }
    int first = 0;
    while (first < count && ends[first] < start) {
      first++;
    }
    int last = first; // intervals [first, last) overlap or touch [start, end)
    long alreadyCovered = 0;
    long mergedStart = start;
    long mergedEnd = end;
    while (last < count && starts[last] <= end) {
      alreadyCovered += Math.max(0, Math.min(end, ends[last]) - Math.max(start, starts[last]));
      mergedStart = Math.min(mergedStart, starts[last]);
      mergedEnd = Math.max(mergedEnd, ends[last]);
      last++;
    }
    if (first == last) {
      insertAt(first, start, end);
    } else {
      starts[first] = mergedStart;
      ends[first] = mergedEnd;
      removeRange(first + 1, last);
    }
    return end - start - alreadyCovered;
  }

  /** Removes every position below {@code position}. */
  void removeBelow(long position) {
    int drop = 0;
    while (drop < count && ends[drop] <= position) {
      drop++;
    }
    removeRange(0, drop);
    if (count > 0 && starts[0] < position) {
      starts[0] = position;
    }
  }

  private void insertAt(int index, long start, long end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    System.arraycopy(starts, index, starts, index + 1, count - index);
    System.arraycopy(ends, index, ends, index + 1, count - index);
    starts[index] = start;
    ends[index] = end;
    count++;
  }

  private void removeRange(int from, int to) {
    if (to > from) {
      System.arraycopy(starts, to, starts, from, count - to);
      System.arraycopy(ends, to, ends, from, count - to);
      count -= to - from;
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ", ").append(starts[i]).append('-').append(ends[i]);
    }
    return text.append(']').toString();
  }
}
