package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * In-order bytes handed to an application ({@link TcpHandler#onData(TcpConnection, ReceivedData)}):
 * a view of the bytes the peer sent, one or more runs of its send buffer's chunks, valid only
 * during the callback. An application that only counts bytes reads {@link #length}; one that reads
 * them copies them out ({@link #copyTo}, {@link #toArray}). So delivering a segment's data copies
 * nothing unless the application asks for the bytes.
 */
public final class ReceivedData {
  private static final DataChunk[] NO_CHUNKS = {};
  private static final int[] NO_INTS = {};

  /**
   * The first run, kept in fields: a delivery is mostly one segment's data, so it touches this
   * object alone (among thousands of connections, each array is one more cache miss).
   */
  private DataChunk firstChunk = DataChunk.EMPTY;

  private int firstIndex;
  private int firstLength;

  /** The runs after the first, from index 0; allocated once a delivery has more than one. */
  private DataChunk[] chunks = NO_CHUNKS;

  private int[] indexes = NO_INTS;
  private int[] lengths = NO_INTS;
  private int runs;
  private int length;

  ReceivedData() {}

  /** Adds a run of {@code length} bytes from {@code index} of {@code chunk}'s chain. */
  void add(DataChunk chunk, int index, int length) {
    if (runs == 0) {
      firstChunk = chunk;
      firstIndex = index;
      firstLength = length;
    } else {
      int at = runs - 1;
      if (at == chunks.length) {
        int grown = Math.max(2, 2 * at);
        chunks = Arrays.copyOf(chunks, grown);
        indexes = Arrays.copyOf(indexes, grown);
        lengths = Arrays.copyOf(lengths, grown);
      }
      chunks[at] = chunk;
      indexes[at] = index;
      lengths[at] = length;
    }
    runs++;
    this.length += length;
  }

  /** Forgets the runs (and lets their chunks go), to be filled again. */
  void clear() {
    firstChunk = DataChunk.EMPTY;
    if (runs > 1) {
      Arrays.fill(chunks, 0, runs - 1, null);
    }
    runs = 0;
    length = 0;
  }

  /** The number of bytes. */
  public int length() {
    return length;
  }

  /** Copies {@code count} bytes from byte {@code from} of this data to {@code out[at]}. */
  public void copyTo(int from, byte[] out, int at, int count) {
    checkArgument(
        from >= 0 && count >= 0 && from <= length - count, "bytes beyond the data: %s", from);
    for (int run = 0; run < runs && count > 0; run++) {
      int runLength = run == 0 ? firstLength : lengths[run - 1];
      if (from >= runLength) {
        from -= runLength;
        continue;
      }
      int n = Math.min(count, runLength - from);
      if (run == 0) {
        firstChunk.copy(firstIndex + from, out, at, n);
      } else {
        chunks[run - 1].copy(indexes[run - 1] + from, out, at, n);
      }
      at += n;
      count -= n;
      from = 0;
    }
  }

  /**
   * Compares {@code count} bytes from byte {@code from} of this data with those from {@code
   * expected[at]}: the index (from {@code from}) of the first that differs, or -1 if all are equal.
   * Reads no byte where the data is a view of those very bytes of {@code expected} (a peer that
   * wrote them as {@link SharedBytes}): they are equal by being the same.
   */
  public int mismatch(int from, SharedBytes expected, int at, int count) {
    checkArgument(
        from >= 0 && count >= 0 && from <= length - count, "bytes beyond the data: %s", from);
    checkArgument(at >= 0 && at <= expected.length() - count, "bytes beyond the expected: %s", at);
    int checked = 0;
    for (int run = 0; run < runs && checked < count; run++) {
      int runLength = run == 0 ? firstLength : lengths[run - 1];
      if (from >= runLength) {
        from -= runLength;
        continue;
      }
      int n = Math.min(count - checked, runLength - from);
      int mismatch =
          run == 0
              ? firstChunk.mismatch(firstIndex + from, expected.array(), at + checked, n)
              : chunks[run - 1].mismatch(
                  indexes[run - 1] + from, expected.array(), at + checked, n);
      if (mismatch >= 0) {
        return checked + mismatch;
      }
      checked += n;
      from = 0;
    }
    return -1;
  }

  /** A new array holding the bytes. */
  public byte[] toArray() {
    byte[] out = new byte[length];
    copyTo(0, out, 0, length);
    return out;
  }
}
