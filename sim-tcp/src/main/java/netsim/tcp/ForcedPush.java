package netsim.tcp;

/**
 * Linux's forced push, for PSH ({@link HostProfile.Push#EACH_WRITE_AND_TSO_CHUNK}): a long write is
 * marked with PSH inside, not only at its end. tcp_sendmsg_locked fills its write queue with skbs
 * of the size goal (tcp_xmit_size_goal) and, each time one is full, checks forced_push(): if more
 * than half the largest window the peer offered was written since the last push (tp->pushed_seq),
 * tcp_mark_push sets PSH on that skb, which keeps it when the skb is cut for sending (tso_fragment
 * leaves PSH with the tail piece). The end of a write is a push too (tcp_push), as is a write with
 * MSG_MORE that forced_push() allows.
 *
 * <p>The model sends from one byte stream, so the skbs are positions: the skb being filled starts
 * where the last full one ended, or where the unsent data starts if less is left unsent.
 */
final class ForcedPush {
  /** Where the last push was, as a stream position (tp->pushed_seq; the first data byte is 1). */
  private long pushedAt = 1;

  /** Where the skb being filled began. */
  private long tailStart = 1;

  /**
   * The bytes [{@code start}, {@code end}) were written. Adds to {@code ends} each skb end where a
   * push is forced, and the write's own end unless {@code more} follows and no push is forced
   * there.
   *
   * @param unsentFrom the first position not yet sent (data before it left the write queue)
   * @param sizeGoal the skb size in bytes (tcp_xmit_size_goal), at least one segment
   * @param maxWindow the largest window the peer offered (tp->max_window)
   */
  void written(
      long start,
      long end,
      boolean more,
      long unsentFrom,
      long sizeGoal,
      long maxWindow,
      WriteEnds ends) {
    long skb = Math.max(tailStart, Math.min(unsentFrom, start));
    if (skb + sizeGoal <= start) {
      skb = start; // the tail skb is full: tcp_sendmsg_locked starts a new one
    }
    for (long skbEnd = skb + sizeGoal; skbEnd <= end; skbEnd += sizeGoal) {
      if (forced(skbEnd, maxWindow)) {
        push(skbEnd, ends);
      }
      tailStart = skbEnd;
    }
    if (!more || forced(end, maxWindow)) {
      push(end, ends);
    }
  }

  /** forced_push(): more than half the largest window written since the last push. */
  private boolean forced(long writeEnd, long maxWindow) {
    return writeEnd - pushedAt > maxWindow / 2;
  }

  private void push(long position, WriteEnds ends) {
    ends.add(position);
    pushedAt = position;
  }

  /**
   * tcp_xmit_size_goal: {@code segments} of {@code mss} (the TSO chunk size when the write is
   * made), bounded by half the largest window (tcp_bound_to_half_wnd), at least one segment.
   */
  static long sizeGoal(int segments, int mss, long maxWindow) {
    long bytes = (long) segments * mss;
    long cutoff = maxWindow > TcpConnection.DEFAULT_PEER_MSS ? maxWindow / 2 : maxWindow;
    if (cutoff > 0 && bytes > cutoff) {
      bytes = cutoff;
    }
    return Math.max(mss, bytes / mss * mss);
  }
}
