package netsim.report.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run's output files on a thread of their own, so that the simulation's thread only fills
 * buffers: each stream from {@link #stream} collects what it is given into a chunk, and hands the
 * chunk, once full (or on {@code flush} and {@code close}), to one writer thread that writes the
 * chunks of every stream in the order they were handed over. Each file therefore receives exactly
 * the bytes, in the order, that its stream was given, whatever the timing of the two threads; only
 * when the bytes reach the disk changes. Memory is bounded: {@value #CHUNKS} chunks of {@value
 * #CHUNK} bytes, a stream waiting for a free one when the writer lags (when the other streams hold
 * every chunk, half-filled, they hand theirs over first, so that one comes back).
 *
 * <p>Work other than copying bytes can move to the writer thread too: a {@link Job} handed over
 * with {@link #run} runs there in the same order as the chunks (a trace's text is made there from
 * events the run handed over in batches: {@code netsim.report.output.TraceBehind}). At most {@value
 * #JOBS} jobs wait at a time.
 *
 * <p>A write that fails on the writer thread is reported by the next call of any of its streams,
 * and by {@link #finish}; from then on nothing more is written. Use: streams from one thread (the
 * run's), {@link #finish()} once they are closed, {@link #close()} (which abandons what is queued)
 * on failure.
 */
public final class WriteBehind implements Closeable {
  static final int CHUNK = 256 * 1024;
  static final int CHUNKS = 8;
  static final int JOBS = 4;

  /**
   * Work for the writer thread, such as encoding what the run handed over and writing it to a
   * target of {@link #own}. It must not share mutable state with the run's thread: what it reads
   * was handed over with it, or was fixed before it was.
   */
  @FunctionalInterface
  public interface Job {
    /** Does the work; an exception fails the outputs as a failed write does. */
    void run() throws IOException;
  }

  /** What the writer thread does with one task. */
  private enum Op {
    WRITE,
    RUN,
    FLUSH,
    CLOSE,
    STOP
  }

  private record Task(
      Op op,
      @Nullable OutputStream target,
      byte @Nullable [] chunk,
      int length,
      @Nullable Job job) {
    Task(Op op, @Nullable OutputStream target, byte @Nullable [] chunk, int length) {
      this(op, target, chunk, length, null);
    }
  }

  private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(CHUNKS + 64);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final Semaphore jobRoom = new Semaphore(JOBS);
  private final List<OutputStream> targets = new ArrayList<>();

  /** The streams not closed yet, each holding at most one chunk it is filling. */
  private final List<Stream> open = new ArrayList<>();

  private int chunksMade;
  private @Nullable Thread thread;
  private volatile @Nullable IOException failure;
  private boolean finished;

  /**
   * A stream that writes into {@code target} on the writer thread; closing it closes the target.
   */
  public OutputStream stream(OutputStream target) {
    targets.add(Objects.requireNonNull(target, "target"));
    Stream stream = new Stream(target);
    open.add(stream);
    return stream;
  }

  /**
   * Takes {@code target} in, for jobs to write to: it is closed with the others if the outputs are
   * abandoned ({@link #close()}); a job closes it otherwise.
   */
  public <T extends OutputStream> T own(T target) {
    targets.add(Objects.requireNonNull(target, "target"));
    return target;
  }

  /**
   * Hands {@code job} to the writer thread: it runs after everything handed over before it, and
   * before everything handed over after it. Waits while {@value #JOBS} jobs are waiting.
   *
   * @throws IOException a write or job that failed on the writer thread
   */
  public void run(Job job) throws IOException {
    Objects.requireNonNull(job, "job");
    checkFailure();
    try {
      jobRoom.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the writer");
    }
    try {
      put(new Task(Op.RUN, null, null, 0, job));
    } catch (IOException e) {
      jobRoom.release();
      throw e;
    }
  }

  /**
   * Waits until every chunk handed over is written and every closed stream's target closed, and
   * stops the writer thread.
   *
   * @throws IOException the first write that failed
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    Thread writer = thread;
    if (writer != null) {
      try {
        tasks.put(new Task(Op.STOP, null, null, 0));
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the outputs were written");
      }
    }
    IOException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Abandons what is still queued (the outputs are being thrown away): stops the writer thread
   * without waiting for it, and closes every target, ignoring errors.
   */
  @Override
  public void close() {
    finished = true;
    Thread writer = thread;
    if (writer != null) {
      writer.interrupt();
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (OutputStream target : targets) {
      try {
        target.close();
      } catch (IOException | RuntimeException ignored) {
        // the files are deleted next
      }
    }
  }

  private byte[] chunk() throws IOException {
    byte[] chunk = free.poll();
    if (chunk != null) {
      return chunk;
    }
    if (chunksMade < CHUNKS) {
      chunksMade++;
      return new byte[CHUNK];
    }
    // Every chunk may sit half-filled in a stream (more streams than chunks: a pcap per host), and
    // then none would come back: the others hand theirs over, so the writer frees one.
    for (Stream stream : open) {
      stream.release();
    }
    chunk = free.poll();
    if (chunk != null) {
      return chunk;
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the writer");
    }
  }

  private void put(Task task) throws IOException {
    checkFailure();
    if (thread == null) {
      Thread writer = new Thread(this::writeAll, "netsim-writer");
      writer.setDaemon(true);
      writer.start();
      thread = writer;
    }
    try {
      tasks.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing output to the writer");
    }
  }

  private void checkFailure() throws IOException {
    IOException failed = failure;
    if (failed != null) {
      throw new IOException(failed.getMessage(), failed); // the message the user sees, as it was
    }
  }

  /** The writer thread: the tasks in order, until STOP (or an interrupt, when abandoned). */
  private void writeAll() {
    try {
      while (true) {
        Task task = tasks.take();
        if (task.op() == Op.STOP) {
          return;
        }
        try {
          if (failure == null && task.op() == Op.RUN) {
            Objects.requireNonNull(task.job()).run();
          } else if (failure == null) {
            OutputStream target = Objects.requireNonNull(task.target());
            switch (task.op()) {
              case WRITE -> target.write(Objects.requireNonNull(task.chunk()), 0, task.length());
              case FLUSH -> target.flush();
              case CLOSE -> target.close();
              default -> throw new IllegalStateException(task.op().name());
            }
          }
        } catch (IOException e) {
          failure = e;
        } catch (RuntimeException | Error e) { // a job's: the run must hear of it, not wait on
          failure = new IOException(String.valueOf(e.getMessage()), e);
        } finally {
          if (task.chunk() != null) {
            free.offer(task.chunk());
          }
          if (task.op() == Op.RUN) {
            jobRoom.release();
          }
        }
      }
    } catch (InterruptedException e) {
      // abandoned: close() closes the targets
    }
  }

  /** The run thread's side of one file: fills a chunk, hands it over full. */
  private final class Stream extends OutputStream {
    private final OutputStream target;
    private byte @Nullable [] chunk;
    private int length;
    private boolean closed;

    Stream(OutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      byte[] into = room();
      into[length++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
      Objects.checkFromIndexSize(offset, count, bytes.length);
      while (count > 0) {
        byte[] into = room();
        int n = Math.min(count, into.length - length);
        System.arraycopy(bytes, offset, into, length, n);
        length += n;
        offset += n;
        count -= n;
      }
    }

    /** The current chunk, with room for at least one byte. */
    private byte[] room() throws IOException {
      if (closed) {
        throw new IOException("the stream is closed");
      }
      byte[] into = chunk;
      if (into != null && length < into.length) {
        return into;
      }
      handOver();
      into = chunk();
      chunk = into;
      return into;
    }

    /**
     * Gives up the current chunk, for a stream that needs one: hands its filled part to the writer,
     * or frees it when empty. Only when the bytes reach the file changes.
     */
    void release() throws IOException {
      byte[] held = chunk;
      if (held == null) {
        return;
      }
      if (length > 0) {
        handOver();
      } else {
        chunk = null;
        free.offer(held);
      }
    }

    /** Hands the filled part of the current chunk to the writer. */
    private void handOver() throws IOException {
      byte[] full = chunk;
      if (full != null && length > 0) {
        chunk = null;
        put(new Task(Op.WRITE, target, full, length));
        length = 0;
      }
    }

    @Override
    public void flush() throws IOException {
      if (closed) {
        return;
      }
      handOver();
      put(new Task(Op.FLUSH, target, null, 0));
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      handOver();
      byte[] left = chunk;
      if (left != null) {
        free.offer(left);
        chunk = null;
      }
      closed = true;
      open.remove(this);
      put(new Task(Op.CLOSE, target, null, 0));
    }
  }
}
