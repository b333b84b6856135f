package netsim.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * What a SACK receiver reports in its ACKs, in stream offsets (the count of in-order bytes before a
 * byte). RFC 2018 4: the first block holds the segment that triggered the ACK, the others repeat
 * the most recently reported blocks, most recent first; RFC 2883 4: a duplicate segment is reported
 * once, in a D-SACK block ahead of them, followed by the held block that contains it if there is
 * one.
 */
final class SackReport {
  /** The most blocks a SACK option can carry (RFC 2018 3: 4 without timestamps). */
  static final int MAX_BLOCKS = 4;

  /** The out-of-order data held, merged into blocks. */
  private final RangeSet held = new RangeSet();

  /** An offset inside each recently reported block, most recent first. */
  private final long[] recent = new long[MAX_BLOCKS];

  private int recentCount;

  /** The duplicate range to report in a D-SACK block; start -1: none. */
  private long duplicateStart = -1;

  private long duplicateEnd;

  /** Whether duplicates are reported at all (the host's D-SACK setting, Linux's tcp_dsack). */
  private final boolean reportDuplicates;

  /**
   * A report that gives duplicates D-SACK blocks if {@code reportDuplicates} (RFC 2883), or only
   * RFC 2018's blocks.
   */
  SackReport(boolean reportDuplicates) {
    this.reportDuplicates = reportDuplicates;
  }

  /**
   * Out-of-order text [start, end) arrived beyond RCV.NXT: its block becomes the first one
   * reported. Any part of it already held is a duplicate (RFC 2883).
   */
  void outOfOrder(long start, long end) {
    int index = held.indexOf(start);
    if (index >= 0) {
      duplicate(start, Math.min(end, held.end(index)));
    }
    held.add(start, end);
    int block = held.indexOf(start);
    int kept = 0;
    for (int i = 0; i < recentCount && kept < MAX_BLOCKS - 1; i++) {
      if (held.indexOf(recent[i]) != block) {
        recent[kept++] = recent[i];
      }
    }
    System.arraycopy(recent, 0, recent, 1, kept);
    recent[0] = start;
    recentCount = kept + 1;
  }

  /** A duplicate range [start, end) arrived: the next ACK reports it (RFC 2883 4). */
  void duplicate(long start, long end) {
    if (reportDuplicates && end > start) {
      duplicateStart = start;
      duplicateEnd = end;
    }
  }

  /** RCV.NXT moved to {@code receivedOffset}: blocks below it are acknowledged cumulatively. */
  void delivered(long receivedOffset) {
    held.removeBelow(receivedOffset);
    int kept = 0;
    for (int i = 0; i < recentCount; i++) {
      if (recent[i] >= receivedOffset) {
        recent[kept++] = recent[i];
      }
    }
    recentCount = kept;
  }

  /** An ACK went out with the blocks: a D-SACK is reported only once (RFC 2883 4). */
  void reported() {
    duplicateStart = -1;
  }

  /**
   * The blocks to report, at most {@code max}, in sequence numbers: RCV.NXT is {@code rcvNxt} and
   * stands at offset {@code receivedOffset}.
   */
  List<TcpOptions.SackBlock> blocks(int max, int rcvNxt, long receivedOffset) {
    if (duplicateStart < 0 && recentCount == 0) {
      return List.of();
    }
    List<TcpOptions.SackBlock> blocks = new ArrayList<>(max);
    int skip = -1; // the held block already reported after the D-SACK
    if (duplicateStart >= 0) {
      blocks.add(block(duplicateStart, duplicateEnd, rcvNxt, receivedOffset));
      skip = held.indexOf(duplicateStart);
      if (skip >= 0 && blocks.size() < max) {
        blocks.add(block(held.start(skip), held.end(skip), rcvNxt, receivedOffset));
      }
    }
    for (int i = 0; i < recentCount && blocks.size() < max; i++) {
      int index = held.indexOf(recent[i]);
      if (index < 0 || index == skip || reportedBefore(i, index)) {
        continue;
      }
      blocks.add(block(held.start(index), held.end(index), rcvNxt, receivedOffset));
    }
    return blocks;
  }

  /** Whether a more recent entry than {@code entry} lies in held block {@code index}. */
  private boolean reportedBefore(int entry, int index) {
    for (int i = 0; i < entry; i++) {
      if (held.indexOf(recent[i]) == index) {
        return true;
      }
    }
    return false;
  }

  private static TcpOptions.SackBlock block(long start, long end, int rcvNxt, long receivedOffset) {
    return new TcpOptions.SackBlock(
        rcvNxt + (int) (start - receivedOffset), rcvNxt + (int) (end - receivedOffset));
  }
}
