package netsim.tcp;

import java.util.Arrays;

/**
 * Data received out of order, held until the gap before it is filled (RFC 9293 3.10.7.4: segments
 * beyond RCV.NXT "should be held for later processing"). Addressed by stream offset, the count of
 * in-order bytes before a byte, so offsets keep growing past 2^32. What is held is a view of the
 * segment's data (the sender's bytes), never a copy.
 *
 * <p>The held runs are kept sorted by offset in parallel arrays, at most one run per offset (the
 * longest that arrived there): out-of-order runs are few, so a sorted array beats a tree, and
 * holding or draining a run allocates nothing once the arrays have grown to the most runs held (a
 * tree holds an entry, a boxed key and a run per segment: objects that live as long as the gap,
 * long enough at thousands of connections to be copied by young collections).
 */
final class ReassemblyQueue {
  private static final int INITIAL_RUNS = 4;

  /** Run i: {@code lengths[i]} bytes from {@code indexes[i]} of {@code chunks[i]}'s chain. */
  private long[] offsets = new long[INITIAL_RUNS];

  private DataChunk[] chunks = new DataChunk[INITIAL_RUNS];
  private int[] indexes = new int[INITIAL_RUNS];
  private int[] lengths = new int[INITIAL_RUNS];
  private int count;
  private long bytes;

  /**
   * Holds the {@code length} bytes from {@code index} of {@code chunk}, at stream offset {@code
   * offset}; a run already held at that offset is kept if it is at least as long, else replaced.
   */
  void add(long offset, DataChunk chunk, int index, int length) {
    int at = count;
    while (at > 0 && offsets[at - 1] > offset) {
      at--; // runs mostly arrive in order: search from the highest offset
    }
    if (at > 0 && offsets[at - 1] == offset) {
      int present = at - 1;
      if (lengths[present] >= length) {
        return;
      }
      bytes += length - lengths[present];
      set(present, offset, chunk, index, length);
      return;
    }
    if (count == offsets.length) {
      int grown = 2 * count;
      offsets = Arrays.copyOf(offsets, grown);
      chunks = Arrays.copyOf(chunks, grown);
      indexes = Arrays.copyOf(indexes, grown);
      lengths = Arrays.copyOf(lengths, grown);
    }
    int after = count - at;
    System.arraycopy(offsets, at, offsets, at + 1, after);
    System.arraycopy(chunks, at, chunks, at + 1, after);
    System.arraycopy(indexes, at, indexes, at + 1, after);
    System.arraycopy(lengths, at, lengths, at + 1, after);
    set(at, offset, chunk, index, length);
    count++;
    bytes += length;
  }

  private void set(int at, long offset, DataChunk chunk, int index, int length) {
    offsets[at] = offset;
    chunks[at] = chunk;
    indexes[at] = index;
    lengths[at] = length;
  }

  /**
   * Removes the bytes that now continue the stream at offset {@code next}, adding them to {@code
   * out} in order, and returns how many (0 if the gap is not filled). Held data entirely before
   * {@code next} is discarded.
   */
  int drain(long next, ReceivedData out) {
    long origin = next;
    int taken = 0;
    while (taken < count && offsets[taken] <= next) {
      long start = offsets[taken];
      int length = lengths[taken];
      bytes -= length;
      if (start + length > next) {
        int skip = (int) (next - start);
        out.add(chunks[taken], indexes[taken] + skip, length - skip);
        next = start + length;
      }
      taken++;
    }
    if (taken > 0) {
      int left = count - taken;
      System.arraycopy(offsets, taken, offsets, 0, left);
      System.arraycopy(chunks, taken, chunks, 0, left);
      System.arraycopy(indexes, taken, indexes, 0, left);
      System.arraycopy(lengths, taken, lengths, 0, left);
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
