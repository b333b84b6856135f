package netsim.scenario.metrics;

/**
 * The segments a sender has in flight, as a wire observer sees them (tcptrace's way of measuring
 * round trips): each segment's end in sequence space and when it was first sent, oldest first, in
 * primitive arrays that grow to the largest window and are reused. A cumulative ACK that covers
 * segments takes an RTT sample from the newest of them, unless it covers one that was sent again:
 * such an ACK may answer either copy (Karn's rule, RFC 6298 3).
 */
final class SentSegments {
  private long[] ends = new long[16];
  private long[] sentAt = new long[16];
  private boolean[] resent = new boolean[16];
  private int head;
  private int size;
  private long highest;
  private boolean any;

  /**
   * A segment covering sequence numbers [seq, end) (unsigned 32-bit, SYN and FIN counted) was sent
   * at {@code t}: new data is queued; a segment that ends at or before the highest end sent so far
   * is a retransmission, and marks the segments it overlaps.
   */
  void sent(long t, long seq, long end) {
    if (!any || after(end, highest)) {
      push(end, t);
      highest = end;
      any = true;
      return;
    }
    for (int i = 0; i < size; i++) {
      int slot = slot(i);
      if (after(ends[slot], seq)) { // the segment ends after the resent one starts: they overlap
        resent[slot] = true;
      }
    }
  }

  /**
   * An ACK of {@code ack} arrived at {@code t}: the segments it covers leave; the RTT sample it
   * gives, or -1 if it covers none or one that was sent again.
   */
  long acked(long t, long ack) {
    long newest = -1;
    boolean ambiguous = false;
    while (size > 0 && !after(ends[head], ack)) {
      newest = sentAt[head];
      ambiguous |= resent[head];
      head = (head + 1) % ends.length;
      size--;
    }
    return newest < 0 || ambiguous ? -1 : t - newest;
  }

  private void push(long end, long t) {
    if (size == ends.length) {
      grow();
    }
    int slot = slot(size);
    ends[slot] = end;
    sentAt[slot] = t;
    resent[slot] = false;
    size++;
  }

  private int slot(int i) {
    return (head + i) % ends.length;
  }

  private void grow() {
    long[] e = new long[ends.length * 2];
    long[] s = new long[ends.length * 2];
    boolean[] r = new boolean[ends.length * 2];
    for (int i = 0; i < size; i++) {
      e[i] = ends[slot(i)];
      s[i] = sentAt[slot(i)];
      r[i] = resent[slot(i)];
    }
    ends = e;
    sentAt = s;
    resent = r;
    head = 0;
  }

  /** Whether unsigned 32-bit sequence number a comes after b (RFC 9293 3.4, modulo 2^32). */
  static boolean after(long a, long b) {
    return (int) (a - b) > 0;
  }
}
