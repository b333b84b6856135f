package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The bytes an application has written and the peer has not yet acknowledged, in a ring of fixed
 * capacity. Bytes are addressed by their offset in the connection's byte stream (0 for the first
 * byte ever written), so offsets keep growing past 2^32 while sequence numbers wrap.
 */
final class SendBuffer {
  private final byte[] ring;
  /** Stream offset of the oldest byte held. */
  private long start;
  private int size;

  SendBuffer(int capacity) {
    checkArgument(capacity > 0, "send buffer must hold at least one byte, got %s", capacity);
    ring = new byte[capacity];
  }

  /** Appends as many bytes as fit; returns how many. */
  int append(byte[] data, int offset, int length) {
    int accepted = Math.min(length, ring.length - size);
    int tail = (int) ((start + size) % ring.length);
    int first = Math.min(accepted, ring.length - tail);
    System.arraycopy(data, offset, ring, tail, first);
    System.arraycopy(data, offset + first, ring, 0, accepted - first);
    size += accepted;
    return accepted;
  }

  /** A copy of {@code length} bytes from stream offset {@code from}, which must be held. */
  byte[] copy(long from, int length) {
    checkArgument(from >= start && from + length <= end(), "bytes [%s, %s) not held in [%s, %s)",
        from, from + length, start, end());
    byte[] out = new byte[length];
    int head = (int) (from % ring.length);
    int first = Math.min(length, ring.length - head);
    System.arraycopy(ring, head, out, 0, first);
    System.arraycopy(ring, 0, out, first, length - first);
    return out;
  }

  /** Forgets the bytes before stream offset {@code upTo} (they were acknowledged). */
  void release(long upTo) {
    if (upTo > start) {
      long released = Math.min(upTo, end()) - start;
      start += released;
      size -= (int) released;
    }
  }

  /** The stream offset just past the newest byte written. */
  long end() {
    return start + size;
  }

  int free() {
    return ring.length - size;
  }

  int capacity() {
    return ring.length;
  }
}
