package netsim.report.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import netsim.report.files.WriteBehind;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;

/**
 * Writes {@code trace.jsonl} as {@link TraceWriter} does, but makes the text on the writer thread
 * of a {@link WriteBehind}: the run's thread only collects its events into {@link TraceBatch}es of
 * {@value #BATCH} and hands each full batch over, a TCP segment's event, a congestion change and an
 * application event copied into a row of the batch's primitive words (no object per such event),
 * any other kept as its immutable value. The names the events refer to by id are given before the
 * event is made and never change ({@link RunIndex.Names}, safe to read from the writer thread), so
 * the text is what the run's thread would have written, whatever the timing. The writer thread
 * gives each batch back once written, to be filled again; memory is bounded by the jobs the writer
 * may have waiting ({@code WriteBehind.JOBS} batches).
 */
final class TraceBehind implements EventSink {
  static final int BATCH = 4096;

  private final WriteBehind behind;
  private final OutputStream target;
  private final TraceWriter writer;

  /** Batches written and given back by the writer thread. */
  private final Queue<TraceBatch> free = new ConcurrentLinkedQueue<>();

  private TraceBatch batch = new TraceBatch(BATCH);

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
    batch.add(event);
    if (batch.isFull()) {
      handOver();
    }
  }

  @Override
  public void packet(PacketFields event) {
    batch.addPacket(event);
    if (batch.isFull()) {
      handOver();
    }
  }

  @Override
  public void congestion(CongestionFields event) {
    batch.addCongestion(event);
    if (batch.isFull()) {
      handOver();
    }
  }

  @Override
  public void application(ApplicationFields event) {
    batch.addApplication(event);
    if (batch.isFull()) {
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
    if (batch.size() == 0) {
      return;
    }
    TraceBatch full = batch;
    TraceBatch next = free.poll();
    batch = next != null ? next : new TraceBatch(BATCH);
    try {
      behind.run(
          () -> {
            write(full);
            full.clear();
            free.add(full);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the lines of {@code batch}'s events, on the writer thread. */
  private void write(TraceBatch batch) throws IOException {
    for (int i = 0; i < batch.size(); i++) {
      switch (batch.kind(i)) {
        case SEND, RECV, DROP, MARK -> writer.writePacket(batch.packetAt(i));
        case CC -> writer.writeCongestion(batch.congestionAt(i));
        case APP -> writer.writeApplication(batch.applicationAt(i));
        default -> writer.write(batch.other(i));
      }
    }
  }
}
