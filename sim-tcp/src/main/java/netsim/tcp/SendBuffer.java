package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import org.jspecify.annotations.Nullable;

/**
 * The bytes an application has written and the peer has not yet acknowledged, at most {@code
 * capacity} of them, in a chain of {@link DataChunk}s that are filled once and never changed. A
 * segment's data is a view into the chain ({@link #chunkHolding}), shared by the original send and
 * every retransmission, so nothing is copied per segment (a view that runs on past its first chunk
 * has copies of the chunks' bounds, {@link DataChunk#chainThrough}: the buffer cuts the links of
 * the chunks it drops, so that a dropped chunk keeps no newer one alive). Chunks are allocated as
 * data arrives: one is as large as the write that needs it or as the bytes the chunks held before
 * it span (so they grow by doubling), at most {@link #MAX_CHUNK} and the free space; a chunk whose
 * bytes are all acknowledged is dropped, and once every byte is, no memory is held. So a connection
 * costs memory for the data it holds, not for the buffer size it was configured with: a 1 GiB
 * buffer carrying 100 bytes holds 100 bytes. A write of {@link SharedBytes} is not copied: its
 * chunk refers to them.
 *
 * <p>Bytes are addressed by their offset in the connection's byte stream (0 for the first byte ever
 * written), so offsets keep growing past 2^32 while sequence numbers wrap.
 *
 * <p>The buffer keeps where its oldest chunk and the chunk the last lookup found begin and end, so
 * finding the byte a segment starts at (mostly in one of those two) and settling an acknowledgment
 * (mostly inside the oldest) read no chunk: among thousands of connections each chunk, allocated at
 * the time of its own write, is a cache miss of its own. A chunk is read when one is dropped and
 * when a lookup walks on past those two.
 */
final class SendBuffer {
  /** The largest chunk allocated, unless a single write needs more. */
  static final int MAX_CHUNK = 16 * 1024;

  private final int capacity;

  /** The oldest chunk holding unacknowledged bytes, and the newest; null when none is held. */
  private @Nullable DataChunk head;

  private @Nullable DataChunk tail;

  /** The chunk the last lookup found: segments are mostly taken in stream order. */
  private @Nullable DataChunk cursor;

  /** Stream offset of the oldest byte held; the spans below count from it. */
  private long start;

  private int size;

  /**
   * Where the oldest chunk begins (at or before {@link #start}: its acknowledged bytes) and, while
   * a newer chunk follows it (then it is filled no more), where it ends, both from {@link #start}.
   */
  private int headFrom;

  private int headTo;

  /** The same for {@link #cursor}: where it begins, and where it ends once a newer one follows. */
  private int cursorFrom;

  private int cursorTo;

  SendBuffer(int capacity) {
    checkArgument(capacity > 0, "send buffer must hold at least one byte, got %s", capacity);
    this.capacity = capacity;
  }

  /** Appends as many bytes as fit, copying them into the buffer's own chunks; returns how many. */
  int append(byte[] data, int offset, int length) {
    int accepted = Math.min(length, capacity - size);
    int done = 0;
    while (done < accepted) {
      DataChunk last = tail;
      if (last == null || last.free() == 0) {
        int remaining = accepted - done;
        // the bytes the chunks before it span, from the oldest's first
        int held = last == null ? 0 : (int) (end() + done - start) - headFrom;
        int grown = Math.min(MAX_CHUNK, Math.max(remaining, held));
        last = new DataChunk(Math.min(capacity - size - done, grown), end() + done);
        chain(last);
      }
      done += last.fill(data, offset + done, accepted - done);
    }
    size += accepted;
    return accepted;
  }

  /**
   * Appends as many of the {@code length} bytes from {@code offset} of {@code data} as fit, as a
   * chunk that refers to them: nothing is copied. Returns how many. A write that goes on where the
   * newest chunk's shared bytes stop (an application writing a stream on from where the buffer took
   * no more) extends that chunk: the buffer holds a chunk per run of shared bytes, not per write. A
   * chunk of the buffer's own that is not full is not filled further; the next copied write starts
   * a new one.
   */
  int append(SharedBytes data, int offset, int length) {
    int accepted = Math.min(length, capacity - size);
    if (accepted > 0) {
      DataChunk last = tail;
      if (last != null && last.endsBefore(data.array(), offset)) {
        last.extend(accepted); // the write goes on where the last stopped, in the same bytes
      } else {
        chain(DataChunk.slice(data.array(), offset, accepted, end()));
      }
      size += accepted;
    }
    return accepted;
  }

  /**
   * Links {@code fresh}, which continues the stream after the newest chunk, after it: the newest is
   * filled no more, so its end is known from now on.
   */
  private void chain(DataChunk fresh) {
    DataChunk last = tail;
    int from = (int) (fresh.start() - start);
    if (last == null) {
      head = fresh;
      cursor = fresh;
      headFrom = from;
      cursorFrom = from;
    } else {
      last.link(fresh);
      if (last == head) {
        headTo = from;
      }
      if (last == cursor) {
        cursorTo = from;
      }
    }
    tail = fresh;
  }

  /**
   * The chunk holding the byte at stream offset {@code from} for a view of the {@code length} bytes
   * from there, which must be held: the view starts at index {@link #indexInChunk}{@code (from)} of
   * it. If the view runs on past that chunk, the chunk is a copy of it starting a chain of the
   * view's own ({@link DataChunk#chainThrough}), which the buffer's dropping of chunks never cuts.
   * Reads no chunk if the view lies in the oldest chunk or in the one found last.
   */
  DataChunk chunkHolding(long from, int length) {
    DataChunk found = chunkAt(from);
    if (found == tail || from + length - start <= cursorTo) {
      return found;
    }
    return found.chainThrough(from + length);
  }

  /**
   * The chunk holding the byte at stream offset {@code from}, which must be held, at index {@link
   * #indexInChunk}{@code (from)}; its link is the buffer's, cut when the chunk is dropped.
   */
  private DataChunk chunkAt(long from) {
    if (from < start || from >= end()) {
      // not checkArgument: its three-argument form boxes every argument on every call
      throw new IllegalArgumentException(
          "byte " + from + " not held in [" + start + ", " + end() + ")");
    }
    int at = (int) (from - start);
    DataChunk found = cursor;
    // The null test last: tested first, the compiler may fold it into a load from the chunk (an
    // implicit null check) and so read the chunk it means to return without reading.
    if (at >= cursorFrom && (found == tail || at < cursorTo) && found != null) {
      return found;
    }
    DataChunk first = head;
    if (first == null) {
      throw new IllegalStateException("the chunks do not hold byte " + from);
    }
    if (first == tail || at < headTo) {
      found = first;
      cursorFrom = headFrom;
      cursorTo = headTo;
    } else {
      // walk on from the oldest chunk, or from the one found last if the byte lies beyond it
      DataChunk before = first;
      int foundFrom = headTo;
      if (found != null && found != tail && at >= cursorTo) {
        before = found;
        foundFrom = cursorTo;
      }
      found = following(before, from);
      int foundTo = found == tail ? 0 : (int) (found.end() - start);
      while (found != tail && at >= foundTo) {
        found = following(found, from);
        foundFrom = foundTo;
        foundTo = found == tail ? 0 : (int) (found.end() - start);
      }
      cursorFrom = foundFrom;
      cursorTo = foundTo;
    }
    cursor = found;
    return found;
  }

  /**
   * The index of the byte at stream offset {@code from} in the chunk that {@link
   * #chunkHolding}{@code (from, length)} returned, which must be the last lookup.
   */
  int indexInChunk(long from) {
    return (int) (from - start) - cursorFrom;
  }

  private static DataChunk following(DataChunk chunk, long from) {
    DataChunk next = chunk.next();
    if (next == null) {
      throw new IllegalStateException("the chunks do not hold byte " + from);
    }
    return next;
  }

  /** Forgets the bytes before stream offset {@code upTo} (they were acknowledged). */
  void release(long upTo) {
    if (upTo <= start) {
      return;
    }
    int released = (int) (Math.min(upTo, end()) - start);
    start += released;
    size -= released;
    if (size == 0) {
      for (DataChunk dropped = head; dropped != null && dropped != tail; ) {
        DataChunk next = dropped.next();
        dropped.unlink(); // a dropped chunk keeps no newer one alive
        dropped = next;
      }
      head = null; // nothing waits: give the memory back
      tail = null;
      cursor = null;
      return;
    }
    headFrom -= released;
    headTo -= released;
    cursorFrom -= released;
    cursorTo -= released;
    // Only chunks before the newest can be wholly acknowledged (the newest holds end()).
    DataChunk first = head;
    while (first != null && first != tail && headTo <= 0) {
      DataChunk next = first.next();
      first.unlink(); // a dropped chunk keeps no newer one alive
      if (cursor == first) {
        cursor = next;
        cursorFrom = headTo;
        cursorTo = next == tail || next == null ? 0 : (int) (next.end() - start);
      }
      headFrom = headTo;
      if (next != null && next != tail) {
        headTo = next == cursor ? cursorTo : (int) (next.end() - start);
      }
      first = next;
    }
    head = first;
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

  /**
   * Bytes the held chunks span (at least the bytes held, at most about twice that): memory of the
   * buffer's own, except for chunks of {@link SharedBytes}, which refer to bytes shared by all.
   * Counted by walking the chunks (for tests).
   */
  int allocated() {
    int allocated = 0;
    for (DataChunk chunk = head; chunk != null; chunk = chunk.next()) {
      allocated += chunk.size();
    }
    return allocated;
  }
}
