package netsim.tcp;

import org.jspecify.annotations.Nullable;

/**
 * Linux's marks on the send stream, as stream positions: where each write ended, for PSH ({@link
 * HostProfile.Push#marksWrites()}), with the pushes it forces inside long writes ({@link
 * ForcedPush}, with TSO chunks), and where records end (MSG_EOR, {@link SendSide#endRecord}), which
 * no segment spans.
 *
 * <p>One part, made when the host marks writes or when a record first ends: a send side whose host
 * does neither (RFC 9293's and FreeBSD's PSH, no MSG_EOR) keeps one null reference instead of
 * three, in an object that every ACK reads whole (among thousands of connections every line of it
 * is a cache miss).
 */
final class PushMarks {
  /** Where writes ended, when PSH marks each write's last segment (Linux); else null. */
  final @Nullable WriteEnds writeEnds;

  /** Linux's pushes inside long writes, with TSO chunks; else null. */
  final @Nullable ForcedPush forcedPush;

  /** Where records end (Linux's MSG_EOR); null until a record ends. */
  @Nullable WriteEnds recordEnds;

  /**
   * @param marksWrites whether PSH marks the end of each write
   * @param forcesPushes whether long writes are pushed inside too (needs {@code marksWrites})
   */
  PushMarks(boolean marksWrites, boolean forcesPushes) {
    this.writeEnds = marksWrites ? new WriteEnds() : null;
    this.forcedPush = marksWrites && forcesPushes ? new ForcedPush() : null;
  }

  /** A record ends just before stream position {@code end}. */
  void recordEnds(long end) {
    WriteEnds ends = recordEnds;
    if (ends == null) {
      ends = new WriteEnds();
      recordEnds = ends;
    }
    ends.add(end);
  }

  /** Everything before {@code position} is acknowledged. */
  void forgetBefore(long position) {
    if (writeEnds != null) {
      writeEnds.forgetBefore(position);
    }
    if (recordEnds != null) {
      recordEnds.forgetBefore(position);
    }
  }
}
