package netsim.tcp;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Linux's TSO/GSO packets, for PSH ({@link HostProfile.Push#EACH_WRITE_AND_TSO_CHUNK}). Linux hands
 * its device a chunk of several segments at once (tcp_write_xmit for new data,
 * tcp_xmit_retransmit_queue for retransmissions), and __tcp_transmit_skb sets PSH on every chunk of
 * more than one segment ("Force a PSH flag on all (GSO) packets to expedite GRO flush at
 * receiver"), which segmentation leaves on the chunk's last segment; a chunk of one segment carries
 * PSH only where a write ends. The model sends segments of one MSS: the segments of one output pass
 * are held here, grouped as Linux's chunks, and handed on in order with PSH on each chunk's last.
 *
 * <p>A chunk is a run of segments that follow each other in sequence space, all new data or all
 * retransmissions, and at most {@link #maxSegments} of them: tcp_tso_autosize's size from the
 * pacing rate (tcp_update_pacing_rate).
 */
final class TsoChunks {
  /** The largest GSO packet (GSO_LEGACY_MAX_SIZE). */
  static final long MAX_BYTES = 65536;

  /** Where a segment goes once its chunk is known. */
  interface Sink {
    void transmit(TcpSegment segment);

    /** {@code segment}, about to be transmitted, is sent again. */
    void retransmitted(TcpSegment segment, RetransmitReason reason);
  }

  private TcpSegment[] segments = new TcpSegment[16];
  private @Nullable RetransmitReason[] reasons = new RetransmitReason[16];
  private boolean[] endsRecord = new boolean[16];
  private int count;

  /**
   * The most segments in one chunk: Linux's tcp_tso_autosize, the bytes the pacing rate sends in
   * 1/1024 s (sk_pacing_shift 10), at least {@code minSegments} (tcp_min_tso_segs) and at most
   * {@link #MAX_BYTES}; and never more than half cwnd (tcp_cwnd_test: "ensure we have at least 2
   * GSO packets in flight"). The pacing rate (tcp_update_pacing_rate) is cwnd over SRTT, times 2 in
   * slow start below half ssthresh (tcp_pacing_ss_ratio 200) and 1.2 otherwise (tcp_pacing_ca_ratio
   * 120); before it is known ({@code srtt} not positive) it sets no limit.
   *
   * @param cwnd the congestion window in bytes (or the flight, if larger)
   * @param srtt the smoothed RTT in nanoseconds, not positive if unknown
   */
  static int maxSegments(long cwnd, long ssthresh, long srtt, int mss, int minSegments) {
    long halfCwnd = Math.max(1, cwnd / mss / 2);
    return (int) Math.min(halfCwnd, autosizeSegments(cwnd, ssthresh, srtt, mss, minSegments));
  }

  /**
   * Linux's tcp_tso_autosize alone, without {@link #maxSegments}'s half-cwnd limit: the segments
   * the pacing rate sends in 1/1024 s, at least {@code minSegments}, at most {@link #MAX_BYTES}.
   */
  static int autosizeSegments(long cwnd, long ssthresh, long srtt, int mss, int minSegments) {
    long bytes = MAX_BYTES;
    if (srtt > 0) {
      long percent = cwnd < ssthresh / 2 ? 200 : 120;
      // bytes per second = cwnd * percent / 100 / (srtt / 1e9); per 1/1024 s: / 1024.
      double perTick = cwnd * (percent / 100.0) * 1e9 / srtt / 1024;
      bytes = (long) Math.min(perTick, MAX_BYTES);
    }
    return (int) Math.max(minSegments, bytes / mss);
  }

  /**
   * Holds {@code segment}, sent again for {@code reason}, or new if {@code reason} is null; {@code
   * endsRecord}: it ends a record (MSG_EOR), so its chunk ends with it, as Linux's TSO packet ends
   * with the skb that has the record's end.
   */
  void add(TcpSegment segment, @Nullable RetransmitReason reason, boolean endsRecord) {
    if (count == segments.length) {
      segments = Arrays.copyOf(segments, count * 2);
      reasons = Arrays.copyOf(reasons, count * 2);
      this.endsRecord = Arrays.copyOf(this.endsRecord, count * 2);
    }
    segments[count] = segment;
    reasons[count] = reason;
    this.endsRecord[count] = endsRecord;
    count++;
  }

  /**
   * Hands every held segment to {@code sink} in order, each chunk's last with PSH if the chunk has
   * more than one segment.
   */
  void flush(int maxSegments, Sink sink) {
    int chunkStart = 0;
    for (int i = 0; i < count; i++) {
      boolean chunkEnds =
          i + 1 == count
              || i + 1 - chunkStart == maxSegments
              || endsRecord[i]
              || !continues(segments[i], reasons[i], segments[i + 1], reasons[i + 1]);
      TcpSegment segment = segments[i];
      if (chunkEnds && i > chunkStart) {
        segment = segment.withFlags(segment.flags() | TcpFlags.PSH);
      }
      RetransmitReason reason = reasons[i];
      if (reason != null) {
        sink.retransmitted(segment, reason);
      }
      sink.transmit(segment);
      segments[i] = null;
      reasons[i] = null;
      if (chunkEnds) {
        chunkStart = i + 1;
      }
    }
    count = 0;
  }

  /** Whether {@code next} goes in the same chunk as {@code segment}. */
  private static boolean continues(
      TcpSegment segment,
      @Nullable RetransmitReason reason,
      TcpSegment next,
      @Nullable RetransmitReason nextReason) {
    return segment.dataLength() > 0
        && next.dataLength() > 0
        && !segment.has(TcpFlags.FIN)
        && (reason == null) == (nextReason == null)
        && next.seq() == segment.seq() + segment.dataLength();
  }
}
