package netsim.scenario.run;

import java.util.concurrent.atomic.AtomicInteger;
import netsim.tcp.SharedBytes;
import org.jspecify.annotations.Nullable;

/**
 * The next bytes of one {@link PayloadStream}, drawn once, by whichever thread claims them first: a
 * thread drawing them ahead of the run ({@link #run}, handed to the executor of {@link
 * PayloadChunks#drawAheadOn}), or the run's own thread when it needs them and finds them not
 * started ({@link #take}), so a drawer that lags (a loaded machine) costs the run no more than
 * drawing the bytes itself. The bytes are the stream's whichever thread draws them, so nothing of a
 * run depends on the timing. A stream's blocks are drawn in order (one drawn ahead waits for the
 * block before it), and its generator is touched by one claimer at a time; its owner touches it
 * again once every block is taken.
 */
final class PayloadBlock implements Runnable {
  private static final int WAITING = 0;
  private static final int DRAWING = 1;
  private static final int DONE = 2;

  private final PayloadStream source;
  private final int length;
  private final AtomicInteger state = new AtomicInteger(WAITING);

  /** The same stream's block before this one, until this one is drawn; null for none. */
  private @Nullable PayloadBlock after;

  /** The bytes, once {@link #state} is {@link #DONE} (its volatile write publishes them). */
  private @Nullable SharedBytes bytes;

  /** What failed while drawing (out of memory), thrown again to the thread that takes the block. */
  private @Nullable Throwable failure;

  /**
   * The {@code length} bytes of {@code source} that follow block {@code after} (null: that follow
   * what was drawn from it so far), not drawn yet.
   */
  PayloadBlock(PayloadStream source, int length, @Nullable PayloadBlock after) {
    this.source = source;
    this.length = length;
    this.after = after;
  }

  /** Draws the bytes ahead, unless the run or a cancel came first. */
  @Override
  public void run() {
    drawIfUnclaimed();
  }

  /** The bytes: drawn here if nobody has started them, else once their drawer is done. */
  SharedBytes take() {
    if (!drawIfUnclaimed()) {
      awaitDone();
    }
    Throwable failed = failure;
    if (failed instanceof Error error) {
      throw error;
    }
    if (failed != null) {
      throw new IllegalStateException("drawing payload bytes failed", failed);
    }
    SharedBytes made = bytes;
    if (made == null) {
      throw new IllegalStateException("a payload block taken after it was cancelled");
    }
    return made;
  }

  /** Nobody will take it (its stream is forgotten): it need not be drawn. */
  void cancel() {
    if (state.compareAndSet(WAITING, DONE)) {
      after = null;
      synchronized (this) {
        notifyAll(); // a drawer of the block after it may wait for it
      }
    }
  }

  /** Draws the bytes if nobody has claimed them; whether this call drew them. */
  private boolean drawIfUnclaimed() {
    if (!state.compareAndSet(WAITING, DRAWING)) {
      return false;
    }
    PayloadBlock before = after;
    if (before != null) {
      before.awaitDone(); // the generator is at this block's start once that one is drawn
      after = null;
    }
    try {
      bytes = SharedBytes.filled(length, b -> source.next(b, length));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    state.set(DONE);
    synchronized (this) {
      notifyAll();
    }
    return true;
  }

  private void awaitDone() {
    if (state.get() == DONE) {
      return;
    }
    boolean interrupted = false;
    synchronized (this) {
      while (state.get() != DONE) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the bytes are a moment away: take them, then say so
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
