package netsim.tcp;

import java.util.Arrays;

/**
 * Data received out of order, held until the gap before it is filled (RFC 9293 3.10.7.4: segments
 * beyond RCV.NXT "should be held for later processing"). Addressed by stream offset, the count of
 * in-order bytes before a byte, so offsets keep growing past 2^32. What is held is a view of the
 * segment's data (the sender's bytes), never a copy.
 *
 * <p>The held runs are kept sorted by offset in two parallel arrays, at most one run per offset
 * (the longest that arrived there): out-of-order runs are few, so a sorted array beats a tree, and
 * holding or draining a run allocates nothing once the arrays have grown to the most runs held (a
 * tree holds an entry, a boxed key and a run per segment: objects that live as long as the gap,
 * long enough at thousands of connections to be copied by young collections). A run's numbers are
 * one array's two neighbouring longs, and its chunk the other array's element: among thousands of
 * connections each array a segment reads is a cache miss of its own.
 */
final class ReassemblyQueue {
  private static final int INITIAL_RUNS = 4;

  /**
   * Run i: {@code runs[2i]} is its stream offset, {@code runs[2i + 1]} its index in {@code
   * chunks[i]}'s chain (high half) and its length in bytes (low half).
   */
  private long[] runs = new long[2 * INITIAL_RUNS];

  private DataChunk[] chunks = new DataChunk[INITIAL_RUNS];
  private int count;
  private long bytes;

  /**
   * Holds the {@code length} bytes from {@code index} of {@code chunk}, at stream offset {@code
   * offset}; a run already held at that offset is kept if it is at least as long, else replaced.
   */
  void add(long offset, DataChunk chunk, int index, int length) {
    int at = count;
    while (at > 0 && offset(at - 1) > offset) {
      at--; // runs mostly arrive in order: search from the highest offset
    }
    if (at > 0 && offset(at - 1) == offset) {
      int present = at - 1;
      if (length(present) >= length) {
        return;
      }
      bytes += length - length(present);
      set(present, offset, chunk, index, length);
      return;
    }
    if (count == chunks.length) {
      int grown = 2 * count;
      runs = Arrays.copyOf(runs, 2 * grown);
      chunks = Arrays.copyOf(chunks, grown);
    }
    int after = count - at;
    System.arraycopy(runs, 2 * at, runs, 2 * (at + 1), 2 * after);
    System.arraycopy(chunks, at, chunks, at + 1, after);
    set(at, offset, chunk, index, length);
    count++;
    bytes += length;
  }

  private long offset(int run) {
    return runs[2 * run];
  }

  private int index(int run) {
    return (int) (runs[2 * run + 1] >>> 32);
  }

  private int length(int run) {
    return (int) runs[2 * run + 1];
  }

  private void set(int at, long offset, DataChunk chunk, int index, int length) {
    runs[2 * at] = offset;
    runs[2 * at + 1] = ((long) index << 32) | (length & 0xFFFF_FFFFL);
    chunks[at] = chunk;
  }

  /**
   * Removes the bytes that now continue the stream at offset {@code next}, adding them to {@code
   * out} in order, and returns how many (0 if the gap is not filled). Held data entirely before
   * {@code next} is discarded.
   */
  int drain(long next, ReceivedData out) {
    long origin = next;
    int taken = 0;
    while (taken < count && offset(taken) <= next) {
      long start = offset(taken);
      int length = length(taken);
      bytes -= length;
      if (start + length > next) {
        int skip = (int) (next - start);
        out.add(chunks[taken], index(taken) + skip, length - skip);
        next = start + length;
      }
      taken++;
    }
    if (taken > 0) {
      int left = count - taken;
      System.arraycopy(runs, 2 * taken, runs, 0, 2 * left);
      System.arraycopy(chunks, taken, chunks, 0, left);
      Arrays.fill(chunks, left, count, null); // let the sender's chunks go
      count = left;
    }
    return (int) (next - origin);
  }

  /** Bytes held (overlapping segments counted once each). */
  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return count == 0;
  }
}
