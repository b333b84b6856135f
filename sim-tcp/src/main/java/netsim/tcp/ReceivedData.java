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
  private DataChunk[] chunks = new DataChunk[1];
  private int[] indexes = new int[1];
  private int[] lengths = new int[1];
  private int runs;
  private int length;

  ReceivedData() {}

  /** Adds a run of {@code length} bytes from {@code index} of {@code chunk}'s chain. */
  void add(DataChunk chunk, int index, int length) {
    if (runs == chunks.length) {
      chunks = Arrays.copyOf(chunks, 2 * runs);
      indexes = Arrays.copyOf(indexes, 2 * runs);
      lengths = Arrays.copyOf(lengths, 2 * runs);
    }
    chunks[runs] = chunk;
    indexes[runs] = index;
    lengths[runs] = length;
    runs++;
    this.length += length;
  }

  /** Forgets the runs (and lets their chunks go), to be filled again. */
  void clear() {
    Arrays.fill(chunks, 0, runs, null);
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
      if (from >= lengths[run]) {
        from -= lengths[run];
        continue;
      }
      int n = Math.min(count, lengths[run] - from);
      chunks[run].copy(indexes[run] + from, out, at, n);
      at += n;
      count -= n;
      from = 0;
    }
  }

  /** A new array holding the bytes. */
  public byte[] toArray() {
    byte[] out = new byte[length];
    copyTo(0, out, 0, length);
    return out;
  }
}
