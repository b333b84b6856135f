package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The bytes an application has written and the peer has not yet acknowledged, in a ring that holds
 * at most {@code capacity} bytes. The ring is allocated as data arrives and grows (doubling, up to
 * the capacity) as more waits; once every byte is acknowledged its memory is given back. So a
 * connection costs memory for the data it holds, not for the buffer size it was configured with: a
 * 1 GiB buffer carrying 100 bytes holds 100 bytes.
 *
 * <p>Bytes are addressed by their offset in the connection's byte stream (0 for the first byte ever
 * written), so offsets keep growing past 2^32 while sequence numbers wrap.
 */
final class SendBuffer {
  private static final byte[] NONE = new byte[0];

  private final int capacity;
  private byte[] ring = NONE;

  /** Index in {@link #ring} of the oldest byte held. */
  private int head;

  /** Stream offset of the oldest byte held. */
  private long start;

  private int size;

  SendBuffer(int capacity) {
    checkArgument(capacity > 0, "send buffer must hold at least one byte, got %s", capacity);
    this.capacity = capacity;
  }

  /** Appends as many bytes as fit; returns how many. */
  int append(byte[] data, int offset, int length) {
    int accepted = Math.min(length, capacity - size);
    if (size + accepted > ring.length) {
      grow(size + accepted);
    }
    int tail = index(size);
    int first = Math.min(accepted, ring.length - tail);
    System.arraycopy(data, offset, ring, tail, first);
    System.arraycopy(data, offset + first, ring, 0, accepted - first);
    size += accepted;
    return accepted;
  }

  /** A larger ring, at least {@code needed} bytes and at most the capacity, oldest byte first. */
  private void grow(int needed) {
    byte[] larger = new byte[(int) Math.min(capacity, Math.max(needed, 2L * ring.length))];
    int first = Math.min(size, ring.length - head);
    System.arraycopy(ring, head, larger, 0, first);
    System.arraycopy(ring, 0, larger, first, size - first);
    ring = larger;
    head = 0;
  }

  /** A copy of {@code length} bytes from stream offset {@code from}, which must be held. */
  byte[] copy(long from, int length) {
    if (from < start || from + length > end()) {
      // not checkArgument: its four-argument form boxes every argument on every call
      throw new IllegalArgumentException(
          "bytes ["
              + from
              + ", "
              + (from + length)
              + ") not held in ["
              + start
              + ", "
              + end()
              + ")");
    }
    byte[] out = new byte[length];
    if (length == 0) {
      return out;
    }
    int at = index((int) (from - start));
    int first = Math.min(length, ring.length - at);
    System.arraycopy(ring, at, out, 0, first);
    System.arraycopy(ring, 0, out, first, length - first);
    return out;
  }

  /** Forgets the bytes before stream offset {@code upTo} (they were acknowledged). */
  void release(long upTo) {
    if (upTo > start) {
      int released = (int) (Math.min(upTo, end()) - start);
      start += released;
      size -= released;
      head = size == 0 ? 0 : index(released);
      if (size == 0) {
        ring = NONE; // nothing waits: give the memory back
      }
    }
  }

  /** The ring index of the byte {@code distance} bytes after the oldest one held. */
  private int index(int distance) {
    int at = head + distance;
    return at >= ring.length ? at - ring.length : at;
  }

  /** The stream offset just past the newest byte written. */
  long end() {
    return start + size;
  }

  int free() {
    return capacity - size;
  }

  int capacity() {
    return capacity;
  }

  /** Bytes of memory the ring holds now (at least the bytes held, at most the capacity). */
  int allocated() {
    return ring.length;
  }
}
