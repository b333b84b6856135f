package netsim.tcp;

import java.util.Arrays;

/**
 * Where each of the application's writes ended, as stream positions, for Linux's PSH placement
 * ({@link HostProfile.Push#EACH_WRITE}): the segment that carries the last byte of a write gets
 * PSH, also when it is sent again. Also where records end (MSG_EOR), which no segment spans.
 * Positions only grow; those acknowledged are forgotten.
 */
final class WriteEnds {
  private long[] ends = new long[8];
  private int head;
  private int tail;

  /** A write ended just before stream position {@code end}. */
  void add(long end) {
    if (tail > head && ends[tail - 1] == end) {
      return;
    }
    if (tail == ends.length) {
      int live = tail - head;
      if (live * 2 > ends.length) {
        ends = Arrays.copyOf(ends, ends.length * 2);
      }
      System.arraycopy(ends, head, ends, 0, live);
      head = 0;
      tail = live;
    }
    ends[tail++] = end;
  }

  /**
   * Whether a write ends inside the segment [{@code from}, {@code to}): at a position in (from,
   * to].
   */
  boolean anyWithin(long from, long to) {
    int index = Arrays.binarySearch(ends, head, tail, from + 1);
    int next = index >= 0 ? index : -index - 1;
    return next < tail && ends[next] <= to;
  }

  /** The first end after {@code position}, or {@link Long#MAX_VALUE} if none is known. */
  long nextAfter(long position) {
    int index = Arrays.binarySearch(ends, head, tail, position + 1);
    int next = index >= 0 ? index : -index - 1;
    return next < tail ? ends[next] : Long.MAX_VALUE;
  }

  /** Everything before {@code position} is acknowledged. */
  void forgetBefore(long position) {
    while (head < tail && ends[head] <= position) {
      head++;
    }
    if (head == tail) {
      head = 0;
      tail = 0;
    }
  }
}
