package netsim.tcp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A SACK sender's scoreboard (RFC 6675 3): which stream positions above SND.UNA the peer has
 * selectively acknowledged, with RFC 6675 4's routines over it: Update(), IsLost() and SetPipe().
 * NextSeg() is {@link SackRecovery}'s, built on {@link #firstUnsackedFrom} and {@link
 * #nextSackedFrom}. SACK information is advisory: SACKed data stays in the send buffer until it is
 * cumulatively acknowledged (RFC 2018 8, RFC 6675 4), since a receiver may renege on it.
 *
 * <p>Positions are a {@link SendSide}'s: position p is sequence number ISS + p.
 */
final class SackScoreboard {
  /** RFC 6675 2: DupThresh, the number of duplicate ACKs (or SACKed segments) taken as a loss. */
  static final int DUP_THRESH = 3;

  /**
   * Where the segments in flight begin and end, so that a SACK block marks only the segments it
   * covers whole (Linux's tcp_match_skb_to_sack); null: every byte a block covers is marked.
   */
  interface SegmentEdges {
    /** The first segment boundary at or above {@code position}. */
    long edgeAtOrAbove(long position);

    /** The last segment boundary at or below {@code position}. */
    long edgeAtOrBelow(long position);
  }

  private final RangeSet sacked = new RangeSet();

  /** The positions the last {@link #update} SACKed that were not SACKed before. */
  private final RangeSet newlySackedRanges = new RangeSet();

  private @Nullable SegmentEdges wholeSegments;
  private long newlySacked;

  /** Bytes SACKed above SND.UNA after the last {@link #update}, and the change it made. */
  private long sackedBytes;

  private long sackedChange;

  /** The D-SACK block of the last {@link #update} as positions [start, end), or end 0: none. */
  private long dsackStart;

  private long dsackEnd;

  /**
   * The TSecr of the ACK being read ({@link #tookTimestamp}), for loss recovery's Eifel check; 0:
   * none. Kept here, as only loss recovery with SACK reads it, not in the send side every ACK
   * reads.
   */
  private long echoedTimestamp;

  /** The ACK being read echoes {@code tsEcr} (its TSecr, or 0 if it has none). */
  void tookTimestamp(long tsEcr) {
    echoedTimestamp = tsEcr;
  }

  /** The TSecr of the ACK being read, or 0 if it has none. */
  long echoedTimestamp() {
    return echoedTimestamp;
  }

  /**
   * RFC 6675 4, Update(): marks what an ACK says. Everything below SND.UNA ({@code sndUna}, the ACK
   * already applied or about to be) is forgotten; each block's positions between SND.UNA and
   * SND.MAX are marked SACKed. A block outside that range (a D-SACK block of RFC 2883 reporting a
   * duplicate below the cumulative ACK, or a bogus one) adds nothing.
   *
   * @param iss the initial send sequence number that positions count from
   * @param sndUna SND.UNA after this ACK, as a position
   * @param blocks the ACK's SACK blocks, in sequence numbers
   */
  void update(int iss, long sndUna, long sndMax, List<TcpOptions.SackBlock> blocks) {
    sacked.removeBelow(sndUna);
    newlySacked = 0;
    newlySackedRanges.clear();
    dsackStart = 0;
    dsackEnd = 0;
    for (int i = 0; i < blocks.size(); i++) {
      TcpOptions.SackBlock block = blocks.get(i);
      long left = sndUna + Seq.diff(block.left(), iss + (int) sndUna);
      long right = sndUna + Seq.diff(block.right(), iss + (int) sndUna);
      if (right <= left) {
        continue;
      }
      if (i == 0 && isDsack(left, right, sndUna, iss, blocks)) {
        dsackStart = left;
        dsackEnd = right;
      }
      long from = Math.max(left, sndUna);
      long to = Math.min(right, sndMax);
      if (wholeSegments != null) {
        from = wholeSegments.edgeAtOrAbove(from);
        to = wholeSegments.edgeAtOrBelow(to);
      }
      if (to > from) {
        addHoles(from, to);
        newlySacked += sacked.add(from, to);
      }
    }
    long before = sackedBytes;
    sackedBytes = sackedBytes();
    sackedChange = sackedBytes - before;
  }

  /** Adds to {@link #newlySackedRanges} what of [from, to) is not SACKed yet. */
  private void addHoles(long from, long to) {
    long position = from;
    while (position < to) {
      long holeStart = firstUnsackedFrom(position);
      long holeEnd = Math.min(to, nextSackedFrom(holeStart));
      if (holeEnd > holeStart) {
        newlySackedRanges.add(holeStart, holeEnd);
      }
      position = holeEnd;
    }
  }

  /**
   * The positions the last {@link #update} SACKed that were not SACKed before, as sorted ranges: an
   * ACK newly delivers only segments that overlap them (Linux's tcp_sacktag_write_queue walks the
   * blocks, not the queue).
   */
  RangeSet newlySackedRanges() {
    return newlySackedRanges;
  }

  /**
   * From now on a SACK block marks only the segments that it covers whole, as {@code edges} tells
   * them: Linux's tcp_match_skb_to_sack rounds a block to whole MSS-sized pieces of a segment
   * ("SACKs cover only full MSSes"), so that a block covering part of one marks nothing of it.
   */
  void sackWholeSegments(SegmentEdges edges) {
    wholeSegments = edges;
  }

  /**
   * RFC 2883 4: the first block reports a duplicate when it lies below the cumulative ACK or within
   * the second block.
   */
  private static boolean isDsack(
      long left, long right, long sndUna, int iss, List<TcpOptions.SackBlock> blocks) {
    if (right <= sndUna) {
      return true;
    }
    if (blocks.size() < 2) {
      return false;
    }
    TcpOptions.SackBlock second = blocks.get(1);
    long secondLeft = sndUna + Seq.diff(second.left(), iss + (int) sndUna);
    long secondRight = sndUna + Seq.diff(second.right(), iss + (int) sndUna);
    return secondLeft <= left && right <= secondRight;
  }

  /** Whether the last {@link #update}'s ACK carried a D-SACK block (RFC 2883). */
  boolean hasDsack() {
    return dsackEnd > dsackStart;
  }

  /** The start of the last D-SACK block, as a position (valid when {@link #hasDsack}). */
  long dsackStart() {
    return dsackStart;
  }

  /** One past the end of the last D-SACK block, as a position. */
  long dsackEnd() {
    return dsackEnd;
  }

  /**
   * RFC 6937's change_in(SACKd) over the last {@link #update}: negative when SND.UNA moved over
   * SACKed data, so that with the change in SND.UNA it counts each byte delivered once.
   */
  long sackedChange() {
    return sackedChange;
  }

  /**
   * Bytes the last {@link #update} SACKed that were not SACKed before: RFC 6675 2 counts an ACK
   * that brings any as a duplicate acknowledgment.
   */
  long newlySacked() {
    return newlySacked;
  }

  /**
   * RFC 5681 / RFC 6675 5.1: after a retransmission timeout the scoreboard is cleared, "since the
   * timeout might indicate that the data receiver has reneged".
   */
  void clear() {
    sacked.clear();
    newlySackedRanges.clear();
    newlySacked = 0;
    sackedBytes = 0;
    sackedChange = 0;
  }

  boolean isEmpty() {
    return sacked.isEmpty();
  }

  /** Bytes SACKed above SND.UNA. */
  long sackedBytes() {
    long bytes = 0;
    for (int i = 0; i < sacked.count(); i++) {
      bytes += sacked.end(i) - sacked.start(i);
    }
    return bytes;
  }

  /** Whether {@code position} is SACKed. */
  boolean isSacked(long position) {
    return sacked.indexOf(position) >= 0;
  }

  /** The first position at or after {@code position} that is not SACKed. */
  long firstUnsackedFrom(long position) {
    int index = sacked.indexOf(position);
    return index < 0 ? position : sacked.end(index);
  }

  /** The start of the first SACKed range above {@code position}, or {@code Long.MAX_VALUE}. */
  long nextSackedFrom(long position) {
    for (int i = 0; i < sacked.count(); i++) {
      if (sacked.start(i) > position) {
        return sacked.start(i);
      }
    }
    return Long.MAX_VALUE;
  }

  /** One past the highest SACKed position, or {@code Long.MIN_VALUE} when nothing is SACKed. */
  long highestSacked() {
    return sacked.highest();
  }

  /**
   * RFC 6675 4, IsLost(SeqNum): "returns true when either DupThresh discontiguous SACKed sequences
   * have arrived above 'SeqNum' or more than (DupThresh - 1) * SMSS bytes with sequence numbers
   * greater than 'SeqNum' have been SACKed."
   */
  boolean isLost(long position, long smss) {
    int ranges = 0;
    long bytes = 0;
    for (int i = sacked.count() - 1; i >= 0 && sacked.end(i) > position + 1; i--) {
      ranges++;
      bytes += sacked.end(i) - Math.max(sacked.start(i), position + 1);
    }
    return ranges >= DUP_THRESH || bytes > (DUP_THRESH - 1) * smss;
  }

  /**
   * RFC 6675 4, SetPipe(): the octets in flight. For each octet between SND.UNA and SND.MAX that is
   * not SACKed, one if IsLost() is false for it, and one more if it was retransmitted (below {@code
   * highRxtEnd}, one past RFC 6675's HighRxt). IsLost() is the same for every octet of a hole, so
   * this walks the holes, not the octets.
   */
  long pipe(long sndUna, long sndMax, long highRxtEnd, long smss) {
    long pipe = 0;
    int ranges = 0;
    long bytesAbove = 0;
    long holeEnd = sndMax;
    for (int i = sacked.count(); i >= 0; i--) {
      long holeStart = i == 0 ? sndUna : Math.max(sndUna, sacked.end(i - 1));
      if (holeEnd > holeStart) {
        boolean lost = ranges >= DUP_THRESH || bytesAbove > (DUP_THRESH - 1) * smss;
        if (!lost) {
          pipe += holeEnd - holeStart;
        }
        pipe += Math.max(0, Math.min(holeEnd, highRxtEnd) - holeStart);
      }
      if (i > 0) {
        ranges++;
        bytesAbove += sacked.end(i - 1) - sacked.start(i - 1);
        holeEnd = sacked.start(i - 1);
      }
    }
    return pipe;
  }

  @Override
  public String toString() {
    return "SACKed " + sacked;
  }
}
