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
 * the time of its own write, is a cache miss of its own. A chunk is read when one is dropped, when
 * a lookup walks on past those two and when a view running on past its first chunk is made; each
 * chunk knows where the one linked after it ends ({@link DataChunk#followingEnd}), so that each of
 * these reads only the chunks it passes, not the one it comes to. A view made last is kept for the
 * retransmissions of the same bytes.
 */
final class SendBuffer {
  /** The largest chunk allocated, unless a single write needs more. */
  static final int MAX_CHUNK = 16 * 1024;

  private final int capacity;

  /** The oldest chunk holding unacknowledged bytes, and the newest; null when none is held. */
  private @Nullable DataChunk head;

  private @Nullable DataChunk tail;

  /**
   * The chunk after {@link #head}, null when the head is the newest. The buffer keeps the oldest
   * chunk's link itself (the chunk's own is cut when it becomes the oldest, which reads it once):
   * so dropping the oldest reads and writes nothing of it, and the chunk read then is the one
   * after, which the next segment's data mostly starts in.
   */
  private @Nullable DataChunk afterHead;

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

  /**
   * The view last made that runs on past {@link #cursor} (a chain of its own, from a copy of it),
   * and where it ends, from {@link #start}; null if none since the cursor moved. A retransmission
   * of the same bytes (a retransmission timeout, again and again while the peer is silent) takes it
   * again: it reads no chunk and makes none.
   */
  private @Nullable DataChunk view;

  private int viewTo;

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
        DataChunk fresh = new DataChunk(Math.min(capacity - size - done, grown), end() + done);
        int filled = fresh.fill(data, offset + done, accepted - done);
        chain(fresh); // filled first: a full chunk's end is known to the one it follows
        done += filled;
      } else {
        done += last.fill(data, offset + done, accepted - done);
      }
    }
    size += accepted;
    return accepted;
  }

  /**
   * Appends as many of the {@code length} bytes from {@code offset} of {@code data} as fit, as a
   * chunk that refers to them: nothing is copied. Returns how many. A chunk of the buffer's own
   * that is not full is not filled further; the next copied write starts a new one.
   */
  int append(SharedBytes data, int offset, int length) {
    int accepted = Math.min(length, capacity - size);
    if (accepted > 0) {
      chain(DataChunk.slice(data.array(), offset, accepted, end()));
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
      if (last == head) {
        last.followedBy(fresh);
        afterHead = fresh;
        headTo = from;
      } else {
        last.link(fresh);
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
    int to = (int) (from + length - start);
    if (found == tail || to <= cursorTo) {
      return found;
    }
    DataChunk made = view;
    if (made != null && to <= viewTo) {
      return made;
    }
    made = found.chainThrough(from + length, after(found, from));
    view = made;
    viewTo = to;
    return made;
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
      found = after(before, from);
      int foundTo = found == tail ? 0 : (int) (before.followingEnd(found) - start);
      while (found != tail && at >= foundTo) {
        DataChunk passed = found;
        found = after(passed, from);
        foundFrom = foundTo;
        foundTo = found == tail ? 0 : (int) (passed.followingEnd(found) - start);
      }
      cursorFrom = foundFrom;
      cursorTo = foundTo;
    }
    cursor = found;
    view = null;
    return found;
  }

  /**
   * The index of the byte at stream offset {@code from} in the chunk that {@link
   * #chunkHolding}{@code (from, length)} returned, which must be the last lookup.
   */
  int indexInChunk(long from) {
    return (int) (from - start) - cursorFrom;
  }

  /** The chunk after {@code chunk}, which must not be the newest: its link, or the oldest's. */
  private DataChunk after(DataChunk chunk, long from) {
    DataChunk next = chunk == head ? afterHead : chunk.next();
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
      // the oldest has no link; cut those of the others
      for (DataChunk dropped = afterHead; dropped != null && dropped != tail; ) {
        DataChunk next = dropped.next();
        dropped.unlink(); // a dropped chunk keeps no newer one alive
        dropped = next;
      }
      head = null; // nothing waits: give the memory back
      afterHead = null;
      tail = null;
      cursor = null;
      view = null;
      return;
    }
    headFrom -= released;
    headTo -= released;
    cursorFrom -= released;
    cursorTo -= released;
    viewTo -= released;
    // Only chunks before the newest can be wholly acknowledged (the newest holds end()).
    DataChunk first = head;
    while (first != null && first != tail && headTo <= 0) {
      // The oldest is dropped untouched (it has no link); the next becomes the oldest: its link
      // moves here, so that a dropped chunk keeps no newer one alive.
      DataChunk next = after(first, upTo);
      int nextTo = 0;
      DataChunk nextAfter = null;
      if (next != tail) {
        nextTo = (int) (next.end() - start);
        nextAfter = next.next();
        next.unlink();
      }
      head = next;
      afterHead = nextAfter;
      if (cursor == first) {
        cursor = next;
        cursorFrom = headTo;
        cursorTo = nextTo;
        view = null;
      }
      headFrom = headTo;
      headTo = nextTo;
      first = next;
    }
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
    for (DataChunk chunk = head; chunk != null; chunk = chunk == head ? afterHead : chunk.next()) {
      allocated += chunk.size();
    }
    return allocated;
  }
}
