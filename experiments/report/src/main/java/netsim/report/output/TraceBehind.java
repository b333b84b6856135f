package netsim.report.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import netsim.report.files.WriteBehind;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;

/**
 * Writes {@code trace.jsonl} as {@link TraceWriter} does, but makes the text on the writer thread
 * of a {@link WriteBehind}: the run's thread only collects its events into batches of {@value
 * #BATCH} and hands each full batch over. The events are immutable values, and the names they refer
 * to by id are given before the event is made and never change ({@link RunIndex.Names}, safe to
 * read from the writer thread), so the text is what the run's thread would have written, whatever
 * the timing. Memory is bounded by the jobs the writer may have waiting ({@code WriteBehind.JOBS}
 * batches).
 */
final class TraceBehind implements EventSink {
  static final int BATCH = 4096;

  private final WriteBehind behind;
  private final OutputStream target;
  private final TraceWriter writer;
  private TraceEvent[] batch = new TraceEvent[BATCH];
  private int size;

  /** A trace written into {@code target}, a file's stream that {@code behind} takes in. */
  TraceBehind(WriteBehind behind, OutputStream target) {
    this.behind = behind;
    this.target = behind.own(target);
    this.writer = new TraceWriter(this.target, new RunIndex(), TraceWriter.CHUNK);
  }

  /**
   * Names the run's ids with {@code index}, on the run's thread before any batch is handed over
   * (the hand-over publishes it).
   */
  @Override
  public void start(RunIndex index) {
    writer.start(index);
  }

  @Override
  public void accept(TraceEvent event) {
    batch[size++] = event;
    if (size == BATCH) {
      handOver();
    }
  }

  /** Hands over the last batch, then has the writer thread write out and close the file. */
  @Override
  public void end(RunResult result) {
    handOver();
    try {
      behind.run(
          () -> {
            writer.flush();
            target.close();
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handOver() {
    if (size == 0) {
      return;
    }
    TraceEvent[] full = size == BATCH ? batch : Arrays.copyOf(batch, size);
    batch = new TraceEvent[BATCH];
    size = 0;
    try {
      behind.run(
          () -> {
            for (TraceEvent event : full) {
              writer.write(event);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
