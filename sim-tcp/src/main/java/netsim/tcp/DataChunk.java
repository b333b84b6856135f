package netsim.tcp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A run of a byte stream in one array, filled from the front and never changed once filled, and the
 * chunk that continues the stream after it. A segment's data is a view into a chain of chunks (a
 * chunk, an index in it, a length that may run on into the chunks that follow), so the original
 * segment, its retransmissions and the receiver's reassembly share the sender's bytes: nothing is
 * copied per segment, and a chunk is dropped by the sender once acknowledged (a segment still in
 * flight keeps the bytes it shows alive).
 *
 * <p>The send buffer's links are its own: it cuts a chunk's link when it drops the chunk, so that a
 * dropped chunk keeps no newer one reachable (a long-lived dropped chunk, already moved to the old
 * generation by a collector, would otherwise keep every chunk written after it alive until the old
 * generation is marked: at 10,000 flows, every chunk of every stream). A view that runs on past its
 * first chunk therefore has a chain of its own ({@link #chainThrough}): copies of the chunks it
 * runs through, linked, the last one the buffer's.
 *
 * <p>A chunk owns its array and is filled by copying ({@link #fill}), or it is a {@link #slice} of
 * bytes that never change ({@link SharedBytes}), filled from the start and shared with every other
 * slice of them: a write of shared bytes copies nothing.
 */
final class DataChunk {
  /** The chunk of no bytes. */
  static final DataChunk EMPTY = new DataChunk(new byte[0], 0);

  private final byte[] bytes;

  /** The index in {@code bytes} of the chunk's first byte. */
  private final int from;

  /** The bytes the chunk can hold, from {@code bytes[from]} (a slice grows, {@link #extend}). */
  private int size;

  /** The stream offset of {@code bytes[from]}. */
  private final long start;

  /** Bytes filled so far; those before it never change. */
  private int filled;

  /** The chunk that continues the stream, once there is one. */
  private @Nullable DataChunk next;

  DataChunk(int size, long start) {
    this(new byte[size], start);
  }

  private DataChunk(byte[] bytes, long start) {
    this(bytes, 0, bytes.length, start);
  }

  private DataChunk(byte[] bytes, int from, int size, long start) {
    this.bytes = bytes;
    this.from = from;
    this.size = size;
    this.start = start;
  }

  /** The whole of {@code bytes} as one filled chunk; it keeps the array, which must not change. */
  static DataChunk of(byte[] bytes) {
    if (bytes.length == 0) {
      return EMPTY;
    }
    return slice(bytes, 0, bytes.length, 0);
  }

  /**
   * The {@code length} bytes from {@code bytes[from]} as a filled chunk at stream offset {@code
   * start}: it refers to the array, which must never change, and copies nothing.
   */
  static DataChunk slice(byte[] bytes, int from, int length, long start) {
    DataChunk chunk = new DataChunk(bytes, from, length, start);
    chunk.filled = length;
    return chunk;
  }

  /**
   * Fills up to {@code length} bytes from {@code data[offset]}, as many as fit; returns how many.
   */
  int fill(byte[] data, int offset, int length) {
    int taken = Math.min(length, size - filled);
    System.arraycopy(data, offset, bytes, from + filled, taken);
    filled += taken;
    return taken;
  }

  /**
   * Whether this chunk's bytes are those of {@code array} up to just before {@code array[index]}: a
   * slice of bytes that never change, which the bytes from there continue.
   */
  boolean endsBefore(byte[] array, int index) {
    return bytes == array && from + filled == index;
  }

  /**
   * Takes in the {@code length} bytes after the end of this slice ({@link #endsBefore}), which must
   * be in its array.
   */
  void extend(int length) {
    size += length;
    filled += length;
  }

  /** Links the chunk that continues the stream after this full one. */
  void link(DataChunk following) {
    next = following;
  }

  /** Cuts the link to the chunk that continues the stream (the buffer dropped this one). */
  void unlink() {
    next = null;
  }

  /**
   * A chain of its own for a view from this chunk that runs on to stream offset {@code end}: a copy
   * of this chunk and of each that follows before the one holding offset {@code end - 1}, linked,
   * then that one itself, which the view never runs past. The copies share the arrays (nothing is
   * copied but the chunks' bounds), so the view no longer needs the links of the chunks it runs
   * through.
   */
  DataChunk chainThrough(long end) {
    DataChunk first = duplicate();
    DataChunk last = first;
    DataChunk part = following();
    while (end > part.end()) {
      DataChunk copy = part.duplicate();
      last.next = copy;
      last = copy;
      part = part.following();
    }
    last.next = part;
    return first;
  }

  /** This chunk's bounds and bytes, unlinked. */
  private DataChunk duplicate() {
    DataChunk copy = new DataChunk(bytes, from, size, start);
    copy.filled = filled;
    return copy;
  }

  @Nullable DataChunk next() {
    return next;
  }

  long start() {
    return start;
  }

  /** The stream offset just past the last filled byte. */
  long end() {
    return start + filled;
  }

  int size() {
    return size;
  }

  int free() {
    return size - filled;
  }

  /**
   * Copies {@code length} filled bytes from {@code index} in this chunk (running on into the chunks
   * that follow) to {@code out[at]}.
   */
  void copy(int index, byte[] out, int at, int length) {
    DataChunk chunk = this;
    while (length > 0) {
      // a chunk followed by another is read to its filled end: one may be linked before it is full
      while (index >= chunk.filled) {
        index -= chunk.filled;
        chunk = chunk.following();
      }
      int n = Math.min(length, chunk.filled - index);
      System.arraycopy(chunk.bytes, chunk.from + index, out, at, n);
      at += n;
      length -= n;
      index = 0;
      chunk = length > 0 ? chunk.following() : chunk;
    }
  }

  /**
   * Compares {@code length} filled bytes from {@code index} in this chunk (running on into the
   * chunks that follow) with those from {@code expected[at]}: the index of the first that differs,
   * or -1. Bytes that are the very bytes of {@code expected} (a chunk of shared bytes) are not
   * read.
   */
  int mismatch(int index, byte[] expected, int at, int length) {
    DataChunk chunk = this;
    int checked = 0;
    while (checked < length) {
      while (index >= chunk.filled) {
        index -= chunk.filled;
        chunk = chunk.following();
      }
      int n = Math.min(length - checked, chunk.filled - index);
      int from = chunk.from + index;
      if (chunk.bytes != expected || from != at + checked) {
        int differs =
            Arrays.mismatch(chunk.bytes, from, from + n, expected, at + checked, at + checked + n);
        if (differs >= 0) {
          return checked + differs;
        }
      }
      checked += n;
      index = 0;
      chunk = checked < length ? chunk.following() : chunk;
    }
    return -1;
  }

  /** {@link #copy(int, byte[], int, int)} into {@code out} at its position, which advances. */
  void copy(int index, ByteBuffer out, int length) {
    if (out.hasArray()) {
      copy(index, out.array(), out.arrayOffset() + out.position(), length);
      out.position(out.position() + length);
    } else {
      byte[] bytes = new byte[length]; // a direct buffer: not the simulation's own path
      copy(index, bytes, 0, length);
      out.put(bytes);
    }
  }

  /** The next chunk, which a view running past this one's end must have. */
  private DataChunk following() {
    DataChunk following = next;
    if (following == null) {
      throw new IllegalStateException("a view runs past the end of its stream's bytes");
    }
    return following;
  }

  /** Whether this chunk is exactly {@code length} bytes from index 0: its array is the data. */
  boolean isWhole(int index, int length) {
    return index == 0 && from == 0 && length == bytes.length && filled == length;
  }

  /** The array itself; only for {@link #isWhole} views, whose callers must not change it. */
  byte[] array() {
    return bytes;
  }
}
