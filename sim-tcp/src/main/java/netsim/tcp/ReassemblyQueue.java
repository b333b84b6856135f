package netsim.tcp;

import java.util.Map;
import java.util.TreeMap;

/**
 * Data received out of order, held until the gap before it is filled (RFC 9293 3.10.7.4: segments
 * beyond RCV.NXT "should be held for later processing"). Addressed by stream offset, the count of
 * in-order bytes before a byte, so offsets keep growing past 2^32.
 */
final class ReassemblyQueue {
  private final TreeMap<Long, byte[]> segments = new TreeMap<>();
  private long bytes;

  /** Holds {@code data} that starts at stream offset {@code offset}. */
  void add(long offset, byte[] data) {
    byte[] present = segments.get(offset);
    if (present != null && present.length >= data.length) {
      return;
    }
    if (present != null) {
      bytes -= present.length;
    }
    segments.put(offset, data);
    bytes += data.length;
  }

  /**
   * Removes the bytes that now continue the stream at offset {@code next}, and returns them (empty
   * if the gap is not filled). Held data entirely before {@code next} is discarded.
   */
  byte[] drain(long next) {
    long end = next;
    for (Map.Entry<Long, byte[]> held : segments.entrySet()) {
      if (held.getKey() > end) {
        break;
      }
      end = Math.max(end, held.getKey() + held.getValue().length);
    }
    byte[] out = new byte[(int) (end - next)];
    long origin = next;
    while (!segments.isEmpty() && segments.firstKey() <= end) {
      Map.Entry<Long, byte[]> first = segments.pollFirstEntry();
      long start = first.getKey();
      byte[] data = first.getValue();
      bytes -= data.length;
      if (start + data.length > next) {
        int skip = (int) (next - start);
        System.arraycopy(data, skip, out, (int) (next - origin), data.length - skip);
        next = start + data.length;
      }
    }
    return out;
  }

  /** Bytes held (overlapping segments counted once each). */
  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }
}
