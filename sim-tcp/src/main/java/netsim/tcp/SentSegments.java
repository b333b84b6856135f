package netsim.tcp;

import java.util.Arrays;

/**
 * The segments in flight, each with when it was last sent, as RACK needs them (RFC 8985 5.2:
 * Segment.xmit_ts, Segment.end_seq, Segment.retransmitted, Segment.lost; with the SACK state kept
 * here too). Entries are stream positions [start, end), sorted and disjoint, from SND.UNA to
 * SND.MAX, in primitive arrays: a new transmission appends one; a retransmission splits entries at
 * its edges if it must and stamps those it covers.
 *
 * <p>Two views make an ACK cost what it changes, not the window, as in Linux:
 *
 * <ul>
 *   <li>counts kept as the marks change: entries SACKed, entries lost and not SACKed, and the bytes
 *       neither (tcp_sock's sacked_out, lost_out and packets_in_flight);
 *   <li>the send order (Linux's tsorted_sent_queue): each transmission is a record at the tail of a
 *       list, and an entry belongs to the record that last sent it until it is SACKed or
 *       acknowledged, so a walk in send order ({@link #firstInSendOrder}) can stop at the first
 *       segment sent too late (tcp_rack_detect_loss). Unlike Linux, a segment marked lost stays in
 *       the list until resent, so that an undo that clears the marks ({@link #clearLost}) needs no
 *       re-sorting; the walk skips it.
 * </ul>
 *
 * <p>An entry whose edges changed (split by a retransmission, trimmed by a partial ACK) may now lie
 * wholly within SACKed data without its mark; it is "unchecked" until its owner looks it up ({@link
 * #uncheckedCount}).
 */
final class SentSegments implements SackScoreboard.SegmentEdges {
  private long[] starts = new long[64];
  private long[] ends = new long[64];
  private long[] sentAt = new long[64];
  private byte[] flags = new byte[64];

  /** The send record each entry was last sent by. */
  private int[] recordOf = new int[64];

  private int head;
  private int count;

  private static final byte RETRANSMITTED = 1;
  private static final byte LOST = 2;
  private static final byte SACKED = 4;

  /** Sent again after it was marked lost (Linux keeps TCPCB_LOST on such a segment). */
  private static final byte LOST_THEN_RESENT = 8;

  /** The entry's edges changed since its SACK mark was last checked. */
  private static final byte UNCHECKED = 16;

  // Counts over the entries, kept as they change.
  private int sackedCount;
  private int lostCount;
  private long pipeBytes;
  private int uncheckedCount;

  /**
   * No entry below this position is marked lost without being SACKed (Linux's retransmit_skb_hint):
   * where a search for the first lost segment starts.
   */
  private long lostHint = Long.MAX_VALUE;

  // The send records, a doubly linked list in send order over a pool (index -1: none).
  private long[] recordTime = new long[64];
  private long[] recordStart = new long[64];
  private long[] recordEnd = new long[64];
  private int[] recordLive = new int[64];
  private int[] recordNext = new int[64];
  private int[] recordPrev = new int[64];
  private int firstRecord = -1;
  private int lastRecord = -1;
  private int freeRecord = -1;
  private int recordsUsed;

  // The cursor of a walk in send order.
  private int walkRecord = -1;
  private int walkIndex = -1;

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

  /** Whether the entry's edges changed since its SACK mark was last checked. */
  boolean isUnchecked(int i) {
    return (flags[head + i] & UNCHECKED) != 0;
  }

  /** Entries marked SACKed (RACK.segs_sacked, Linux's sacked_out in entries). */
  int sackedCount() {
    return sackedCount;
  }

  /** Entries marked lost and not SACKed. */
  int lostCount() {
    return lostCount;
  }

  /** Bytes in entries marked neither SACKed nor lost: the flight, with resent data once. */
  long pipeBytes() {
    return pipeBytes;
  }

  /** Entries whose edges changed since their SACK mark was last checked. */
  int uncheckedCount() {
    return uncheckedCount;
  }

  void markLost(int i) {
    setFlags(head + i, (byte) (flags[head + i] | LOST));
    lostHint = Math.min(lostHint, start(i));
  }

  /**
   * The index from which a search for the first entry marked lost and not SACKed may start: none
   * below it is.
   */
  int firstLostCandidate() {
    return lostCount == 0 ? count : firstEndingAfter(lostHint);
  }

  /** No entry below entry {@code i} is marked lost without being SACKed. */
  void noLostBelow(int i) {
    lostHint = i < count ? start(i) : Long.MAX_VALUE;
  }

  void markSacked(int i) {
    int at = head + i;
    if ((flags[at] & SACKED) == 0) {
      leaveRecord(at);
      setFlags(at, (byte) (flags[at] | SACKED));
    }
  }

  /** The entry's SACK mark is known to be right. */
  void markChecked(int i) {
    setFlags(head + i, (byte) (flags[head + i] & ~UNCHECKED));
  }

  /** The entry may lie within SACKed data without its mark (it was sent over SACKed data). */
  void markUnchecked(int i) {
    if ((flags[head + i] & SACKED) == 0) {
      setFlags(head + i, (byte) (flags[head + i] | UNCHECKED));
    }
  }

  /** Every entry's SACK mark is known to be right. */
  void markAllChecked() {
    for (int i = 0; i < count && uncheckedCount > 0; i++) {
      markChecked(i);
    }
  }

  /**
   * Forgets every loss mark, of resent segments too: the losses proved spurious (Linux's
   * tcp_undo_cwnd_reduction clears TCPCB_LOST).
   */
  void clearLost() {
    for (int i = 0; i < count; i++) {
      setFlags(head + i, (byte) (flags[head + i] & ~(LOST | LOST_THEN_RESENT)));
    }
  }

  /**
   * Positions [start, end) went out at {@code now}: beyond the last entry they are a new segment;
   * over entries already sent they are a retransmission, which is no longer lost. Either way they
   * are a new record at the tail of the send order.
   */
  void sent(long start, long end, long now) {
    long lastEnd = count == 0 ? start : end(count - 1);
    int record = newRecord(now, start, end);
    if (start < lastEnd) {
      split(start);
      split(Math.min(end, lastEnd));
      for (int i = Math.max(0, firstEndingAfter(start)); i < count && start(i) < end; i++) {
        int at = head + i;
        if ((flags[at] & SACKED) == 0) {
          leaveRecord(at);
          recordLive[record]++;
        }
        recordOf[at] = record;
        sentAt[at] = now;
        int resent = (flags[at] & LOST) != 0 ? LOST_THEN_RESENT : 0;
        setFlags(at, (byte) ((flags[at] | RETRANSMITTED | resent) & ~LOST));
      }
    }
    long from = Math.max(start, lastEnd);
    if (end > from) {
      append(from, end, now, record);
    }
    if (recordLive[record] == 0) {
      unlink(record);
    }
  }

  /** Drops what lies below {@code sndUna}: it is cumulatively acknowledged. */
  void removeBelow(long sndUna) {
    while (count > 0 && end(0) <= sndUna) {
      if ((flags[head] & SACKED) == 0) {
        leaveRecord(head);
      }
      count(head, -1);
      head++;
      count--;
    }
    if (count > 0 && start(0) < sndUna) {
      count(head, -1);
      starts[head] = sndUna;
      if ((flags[head] & SACKED) == 0) {
        flags[head] |= UNCHECKED;
      }
      count(head, 1);
    }
    if (count == 0) {
      head = 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The send order
  // ---------------------------------------------------------------------------------------------

  /**
   * Starts a walk over the entries neither SACKed nor acknowledged in the order they were last sent
   * (times never decrease along it; entries sent together come in position order): the first, or
   * -1. Marking entries lost during the walk is allowed; sending or acknowledging is not.
   */
  int firstInSendOrder() {
    walkRecord = firstRecord;
    walkIndex = -1;
    return nextInSendOrder();
  }

  /** The next entry of the walk {@link #firstInSendOrder} started, or -1. */
  int nextInSendOrder() {
    while (walkRecord >= 0) {
      int i = walkIndex < 0 ? firstEndingAfter(recordStart[walkRecord]) : walkIndex + 1;
      for (; i < count && start(i) < recordEnd[walkRecord]; i++) {
        int at = head + i;
        if (recordOf[at] == walkRecord && (flags[at] & SACKED) == 0) {
          walkIndex = i;
          return i;
        }
      }
      walkRecord = recordNext[walkRecord];
      walkIndex = -1;
    }
    return -1;
  }

  /** The index of the first entry that ends above {@code position} ({@link #count} if none). */
  int firstEndingAfter(long position) {
    int low = 0;
    int high = count;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (end(mid) <= position) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private int newRecord(long now, long start, long end) {
    int record;
    if (freeRecord >= 0) {
      record = freeRecord;
      freeRecord = recordNext[record];
    } else {
      if (recordsUsed == recordTime.length) {
        int size = recordsUsed * 2;
        recordTime = Arrays.copyOf(recordTime, size);
        recordStart = Arrays.copyOf(recordStart, size);
        recordEnd = Arrays.copyOf(recordEnd, size);
        recordLive = Arrays.copyOf(recordLive, size);
        recordNext = Arrays.copyOf(recordNext, size);
        recordPrev = Arrays.copyOf(recordPrev, size);
      }
      record = recordsUsed++;
    }
    recordTime[record] = now;
    recordStart[record] = start;
    recordEnd[record] = end;
    recordLive[record] = 0;
    recordNext[record] = -1;
    recordPrev[record] = lastRecord;
    if (lastRecord >= 0) {
      recordNext[lastRecord] = record;
    } else {
      firstRecord = record;
    }
    lastRecord = record;
    return record;
  }

  /** The entry at array slot {@code at} leaves its record: SACKed, resent or acknowledged. */
  private void leaveRecord(int at) {
    int record = recordOf[at];
    if (--recordLive[record] == 0) {
      unlink(record);
    }
  }

  private void unlink(int record) {
    int prev = recordPrev[record];
    int next = recordNext[record];
    if (prev >= 0) {
      recordNext[prev] = next;
    } else {
      firstRecord = next;
    }
    if (next >= 0) {
      recordPrev[next] = prev;
    } else {
      lastRecord = prev;
    }
    recordNext[record] = freeRecord;
    freeRecord = record;
  }

  // ---------------------------------------------------------------------------------------------
  // Positions
  // ---------------------------------------------------------------------------------------------

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
    int i = firstEndingAfter(position);
    return i < count && start(i) <= position ? i : -1;
  }

  /** Sets the flags of the entry at array slot {@code at}, keeping the counts. */
  private void setFlags(int at, byte newFlags) {
    count(at, -1);
    flags[at] = newFlags;
    count(at, 1);
  }

  /** Adds ({@code sign} 1) or removes (-1) the entry at array slot {@code at} from the counts. */
  private void count(int at, int sign) {
    byte f = flags[at];
    if ((f & SACKED) != 0) {
      sackedCount += sign;
    } else if ((f & LOST) != 0) {
      lostCount += sign;
    } else {
      pipeBytes += sign * (ends[at] - starts[at]);
    }
    if ((f & UNCHECKED) != 0) {
      uncheckedCount += sign;
    }
  }

  /**
   * Makes {@code position} an entry boundary, if it lies inside an entry; both pieces are unchecked
   * unless SACKed.
   */
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
    System.arraycopy(recordOf, at + 1, recordOf, at + 2, count - i - 1);
    count(at, -1);
    if ((flags[at] & SACKED) == 0) {
      flags[at] |= UNCHECKED;
      recordLive[recordOf[at]]++;
    }
    starts[at + 1] = position;
    ends[at + 1] = ends[at];
    sentAt[at + 1] = sentAt[at];
    flags[at + 1] = flags[at];
    recordOf[at + 1] = recordOf[at];
    ends[at] = position;
    count++;
    count(at, 1);
    count(at + 1, 1);
  }

  private void append(long start, long end, long now, int record) {
    ensureCapacity(1);
    int at = head + count;
    starts[at] = start;
    ends[at] = end;
    sentAt[at] = now;
    flags[at] = 0;
    recordOf[at] = record;
    recordLive[record]++;
    count++;
    count(at, 1);
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
      recordOf = Arrays.copyOf(recordOf, size);
    }
    System.arraycopy(starts, head, starts, 0, count);
    System.arraycopy(ends, head, ends, 0, count);
    System.arraycopy(sentAt, head, sentAt, 0, count);
    System.arraycopy(flags, head, flags, 0, count);
    System.arraycopy(recordOf, head, recordOf, 0, count);
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
