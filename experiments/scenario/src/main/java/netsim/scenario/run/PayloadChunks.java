package netsim.scenario.run;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import netsim.tcp.SharedBytes;
import org.jspecify.annotations.Nullable;

/**
 * The payload streams ({@link PayloadStream}) of a run's connections, each made once, in chunks of
 * {@link SharedBytes}, for both of its ends: the sender writes the chunks (its send buffer refers
 * to them, copying nothing) and the receiver checks what it reads against them (where the data it
 * reads is a view of those very chunks, it is equal without being read). A stream is found by its
 * name (seed, sender, receiver, the sender's ISN: what both ends know), its bytes made in order on
 * demand by whichever end needs them first, so they are the bytes each end's own {@link
 * PayloadStream} would give. A chunk is dropped once both ends are past it; until the receiver has
 * come (it comes when its connection is established), the chunks wait for it, which the sender's
 * send buffer bounds. An end that comes to a stream whose start is gone, or whose place is taken
 * (another incarnation of the same name), gets a stream of its own: the same bytes.
 */
final class PayloadChunks {
  /** The largest chunk made at once. */
  static final int CHUNK = 64 * 1024;

  /** The streams by name; only looked up (linked: the build forbids hash order anywhere). */
  private final Map<String, Stream> streams = new LinkedHashMap<>();

  /** One run of a stream's bytes: {@code bytes} from stream offset {@code start}. */
  record Chunk(long start, SharedBytes bytes) {
    long end() {
      return start + bytes.length();
    }
  }

  /** The number of streams known by name: for tests. */
  int named() {
    return streams.size();
  }

  /** The sending end of the stream from {@code sender} to {@code receiver}. */
  End writer(long seed, String sender, String receiver, long senderIsn) {
    return join(seed, sender, receiver, senderIsn, true);
  }

  /** The receiving end of the stream from {@code sender} to {@code receiver}, which checks it. */
  End checker(long seed, String sender, String receiver, long senderIsn) {
    return join(seed, sender, receiver, senderIsn, false);
  }

  private End join(long seed, String sender, String receiver, long senderIsn, boolean writes) {
    String name = seed + "/" + sender + ">" + receiver + "/" + senderIsn;
    Stream stream = streams.get(name);
    if (stream == null
        || stream.firstStart() > 0
        || (writes ? stream.writer != null : stream.checker != null)) {
      boolean shared = !streams.containsKey(name);
      stream = new Stream(name, new PayloadStream(seed, sender, receiver, senderIsn), shared);
      if (shared) {
        streams.put(name, stream);
      }
    }
    End end = new End(stream);
    if (writes) {
      stream.writer = end;
    } else {
      stream.checker = end;
    }
    return end;
  }

  /** One stream's chunks, from the oldest either end may still need. */
  private final class Stream {
    private final String name;
    private final PayloadStream source;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();

    /** Whether the other end may come to it (it is in the map); else an end's own. */
    private final boolean shared;

    /** The stream offset just past the last byte made. */
    private long made;

    private @Nullable End writer;
    private @Nullable End checker;

    Stream(String name, PayloadStream source, boolean shared) {
      this.name = name;
      this.source = source;
      this.shared = shared;
    }

    long firstStart() {
      Chunk first = chunks.peekFirst();
      return first == null ? made : first.start();
    }

    /** The chunk holding {@code offset}, made with up to {@code want} bytes from there if new. */
    Chunk at(long offset, long want) {
      Chunk last = chunks.peekLast();
      if (last != null && offset >= last.start() && offset < last.end()) {
        return last;
      }
      // a checker behind its writer reads the oldest chunk: found without an iterator
      Chunk first = chunks.peekFirst();
      if (first != null && offset >= first.start() && offset < first.end()) {
        return first;
      }
      if (offset < made) {
        for (Chunk chunk : chunks) {
          if (offset < chunk.end()) {
            if (offset < chunk.start()) {
              break;
            }
            return chunk;
          }
        }
        throw new IllegalStateException("stream " + name + ": offset " + offset + " is gone");
      }
      Chunk chunk = null;
      while (made <= offset) {
        // what is wanted, up to CHUNK: a writer's piece is one chunk, a short request no more
        int n = (int) Math.max(1, Math.min(CHUNK, offset + want - made));
        chunk = new Chunk(made, SharedBytes.filled(n, bytes -> source.next(bytes, n)));
        chunks.addLast(chunk);
        made += n;
      }
      return chunk;
    }

    /** Drops the chunks both ends are past; forgets the stream once neither needs it. */
    void release() {
      boolean writerGone = writer != null && writer.left;
      // a checker not yet come needs every byte written for it, unless it can no longer come (the
      // stream is an end's own) or nothing more will be written (the writer has left)
      long checkerNeeds = shared && !writerGone ? 0 : Long.MAX_VALUE;
      long needed = Math.min(position(writer, Long.MAX_VALUE), position(checker, checkerNeeds));
      for (Chunk first = chunks.peekFirst();
          first != null && first.end() <= needed;
          first = chunks.peekFirst()) {
        chunks.pollFirst();
      }
      if (needed == Long.MAX_VALUE && streams.get(name) == this) {
        streams.remove(name);
      }
    }

    /** Where an end still needs bytes from ({@code absent}: one not yet come). */
    private long position(@Nullable End end, long absent) {
      if (end == null) {
        return absent;
      }
      return end.left ? Long.MAX_VALUE : end.position;
    }
  }

  /** One end of a stream: reads its chunks in order and says how far it has gone. */
  static final class End {
    private final Stream stream;
    private long position;
    private boolean left;

    private End(Stream stream) {
      this.stream = stream;
    }

    /**
     * The chunk holding stream offset {@code offset} (not before this end's position), made with up
     * to {@code want} bytes from there if it is new.
     */
    Chunk at(long offset, long want) {
      return stream.at(offset, want);
    }

    /** This end needs no byte before {@code offset} any more. */
    void passed(long offset) {
      position = offset;
      stream.release();
    }

    /** The chunks its stream holds now: for tests. */
    int held() {
      return stream.chunks.size();
    }

    /** This end needs no more bytes (its connection is closed). */
    void leave() {
      left = true;
      stream.release();
    }
  }
}
