package netsim.tcp;

import java.util.Map;
import java.util.TreeMap;

/**
 * Data received out of order, held until the gap before it is filled (RFC 9293 3.10.7.4: segments
 * beyond RCV.NXT "should be held for later processing"). Addressed by stream offset, the count of
 * in-order bytes before a byte, so offsets keep growing past 2^32. What is held is a view of the
 * segment's data (the sender's bytes), never a copy.
 */
final class ReassemblyQueue {
  /** A held run: {@code length} bytes from {@code index} of {@code chunk}'s chain. */
  private record Run(DataChunk chunk, int index, int length) {}

  private final TreeMap<Long, Run> segments = new TreeMap<>();
  private long bytes;

  /**
   * Holds the {@code length} bytes from {@code index} of {@code chunk}, at stream offset {@code
   * offset}.
   */
  void add(long offset, DataChunk chunk, int index, int length) {
    Run present = segments.get(offset);
    if (present != null && present.length() >= length) {
      return;
    }
    if (present != null) {
      bytes -= present.length();
    }
    segments.put(offset, new Run(chunk, index, length));
    bytes += length;
  }

  /**
   * Removes the bytes that now continue the stream at offset {@code next}, adding them to {@code
   * out} in order, and returns how many (0 if the gap is not filled). Held data entirely before
   * {@code next} is discarded.
   */
  int drain(long next, ReceivedData out) {
    long origin = next;
    while (!segments.isEmpty() && segments.firstKey() <= next) {
      Map.Entry<Long, Run> first = segments.pollFirstEntry();
      long start = first.getKey();
      Run run = first.getValue();
      bytes -= run.length();
      if (start + run.length() > next) {
        int skip = (int) (next - start);
        out.add(run.chunk(), run.index() + skip, run.length() - skip);
        next = start + run.length();
      }
    }
    return (int) (next - origin);
  }

  /** Bytes held (overlapping segments counted once each). */
  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }
}
