package netsim.tcp;

import java.util.Arrays;

/**
 * The segments in flight, each with when it was last sent, as RACK needs them (RFC 8985 5.2:
 * Segment.xmit_ts, Segment.end_seq, Segment.retransmitted, Segment.lost; with the SACK state kept
 * here too). Entries are stream positions [start, end), sorted and disjoint, from SND.UNA to
 * SND.MAX, in primitive arrays: a new transmission appends one; a retransmission splits entries at
 * its edges if it must and stamps those it covers.
 */
final class SentSegments implements SackScoreboard.SegmentEdges {
  private long[] starts = new long[64];
  private long[] ends = new long[64];
  private long[] sentAt = new long[64];
  private byte[] flags = new byte[64];
  private int head;
  private int count;

  private static final byte RETRANSMITTED = 1;
  private static final byte LOST = 2;
  private static final byte SACKED = 4;

  /** Sent again after it was marked lost (Linux keeps TCPCB_LOST on such a segment). */
  private static final byte LOST_THEN_RESENT = 8;

  int count() {
    return count;
  }

  long start(int i) {
    return starts[head + i];
  }

  long end(int i) {
    return ends[head + i];
  }

  /** Segment.xmit_ts: when the segment was last sent. */
  long sentAt(int i) {
    return sentAt[head + i];
  }

  boolean isRetransmitted(int i) {
    return (flags[head + i] & RETRANSMITTED) != 0;
  }

  boolean isLost(int i) {
    return (flags[head + i] & LOST) != 0;
  }

  boolean isSacked(int i) {
    return (flags[head + i] & SACKED) != 0;
  }

  /** Whether the segment was marked lost and then sent again. */
  boolean wasResentAfterLoss(int i) {
    return (flags[head + i] & LOST_THEN_RESENT) != 0;
  }

  void markLost(int i) {
    flags[head + i] |= LOST;
  }

  void markSacked(int i) {
    flags[head + i] |= SACKED;
  }

  /**
   * Forgets every loss mark, of resent segments too: the losses proved spurious (Linux's
   * tcp_undo_cwnd_reduction clears TCPCB_LOST).
   */
  void clearLost() {
    for (int i = 0; i < count; i++) {
      flags[head + i] &= ~(LOST | LOST_THEN_RESENT);
    }
  }

  /** Forgets every SACK mark (the scoreboard was cleared). */
  void clearSacked() {
    for (int i = 0; i < count; i++) {
      flags[head + i] &= ~SACKED;
    }
  }

  /**
   * Positions [start, end) went out at {@code now}: beyond the last entry they are a new segment;
   * over entries already sent they are a retransmission, which is no longer lost.
   */
  void sent(long start, long end, long now) {
    long lastEnd = count == 0 ? start : end(count - 1);
    if (start < lastEnd) {
      split(start);
      split(Math.min(end, lastEnd));
      for (int i = 0; i < count && start(i) < end; i++) {
        if (end(i) > start) {
          int at = head + i;
          sentAt[at] = now;
          int resent = (flags[at] & LOST) != 0 ? LOST_THEN_RESENT : 0;
          flags[at] = (byte) ((flags[at] | RETRANSMITTED | resent) & ~LOST);
        }
      }
    }
    long from = Math.max(start, lastEnd);
    if (end > from) {
      append(from, end, now);
    }
  }

  /** Drops what lies below {@code sndUna}: it is cumulatively acknowledged. */
  void removeBelow(long sndUna) {
    while (count > 0 && end(0) <= sndUna) {
      head++;
      count--;
    }
    if (count > 0 && start(0) < sndUna) {
      starts[head] = sndUna;
    }
    if (count == 0) {
      head = 0;
    }
  }

  /** Outside the segments in flight every position is a boundary. */
  @Override
  public long edgeAtOrAbove(long position) {
    int i = indexOf(position);
    return i < 0 || start(i) == position ? position : end(i);
  }

  @Override
  public long edgeAtOrBelow(long position) {
    int i = indexOf(position);
    return i < 0 ? position : start(i);
  }

  /** The index of the entry holding {@code position}, or -1. */
  int indexOf(long position) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (end(mid) <= position) {
        low = mid + 1;
      } else if (start(mid) > position) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Makes {@code position} an entry boundary, if it lies inside an entry. */
  private void split(long position) {
    int i = indexOf(position);
    if (i < 0 || start(i) == position) {
      return;
    }
    ensureCapacity(1);
    int at = head + i;
    System.arraycopy(starts, at + 1, starts, at + 2, count - i - 1);
    System.arraycopy(ends, at + 1, ends, at + 2, count - i - 1);
    System.arraycopy(sentAt, at + 1, sentAt, at + 2, count - i - 1);
    System.arraycopy(flags, at + 1, flags, at + 2, count - i - 1);
    starts[at + 1] = position;
    ends[at + 1] = ends[at];
    sentAt[at + 1] = sentAt[at];
    flags[at + 1] = flags[at];
    ends[at] = position;
    count++;
  }

  private void append(long start, long end, long now) {
    ensureCapacity(1);
    int at = head + count;
    starts[at] = start;
    ends[at] = end;
    sentAt[at] = now;
    flags[at] = 0;
    count++;
  }

  /** Room for {@code more} entries after the last, moving them to the front or growing. */
  private void ensureCapacity(int more) {
    if (head + count + more <= starts.length) {
      return;
    }
    if (count + more > starts.length / 2) {
      int size = Math.max(starts.length * 2, count + more);
      starts = Arrays.copyOf(starts, size);
      ends = Arrays.copyOf(ends, size);
      sentAt = Arrays.copyOf(sentAt, size);
      flags = Arrays.copyOf(flags, size);
    }
    System.arraycopy(starts, head, starts, 0, count);
    System.arraycopy(ends, head, ends, 0, count);
    System.arraycopy(sentAt, head, sentAt, 0, count);
    System.arraycopy(flags, head, flags, 0, count);
    head = 0;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      s.append(i == 0 ? "" : " ").append(start(i)).append('-').append(end(i)).append('@');
      s.append(sentAt(i)).append(isRetransmitted(i) ? "R" : "").append(isLost(i) ? "L" : "");
      s.append(isSacked(i) ? "S" : "");
    }
    return s.append(']').toString();
  }
}
