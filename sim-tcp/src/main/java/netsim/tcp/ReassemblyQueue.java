package netsim.tcp;

import java.io.ByteArrayOutputStream;
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
    ByteArrayOutputStream out = null;
    while (!segments.isEmpty()) {
      Map.Entry<Long, byte[]> first = segments.firstEntry();
      long start = first.getKey();
      byte[] data = first.getValue();
      if (start > next) {
        break;
      }
      segments.pollFirstEntry();
      bytes -= data.length;
      long end = start + data.length;
      if (end > next) {
        if (out == null) {
          out = new ByteArrayOutputStream();
        }
        int skip = (int) (next - start);
        out.write(data, skip, data.length - skip);
        next = end;
      }
    }
    return out == null ? new byte[0] : out.toByteArray();
  }

  /** Bytes held (overlapping segments counted once each). */
  long bytes() {
    return bytes;
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }
}
