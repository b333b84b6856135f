package netsim.bench;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import netsim.core.EventQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hold model on the bare event set, the classic event-set benchmark (as ns-3's
 * bench-scheduler): {@code n} events stay pending; each operation removes the earliest and adds one
 * at its time plus a delay. The {@code pq-baseline} case runs the same loop on a plain {@code
 * java.util.PriorityQueue} of event objects, in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HoldBenchmark {
  static final int STEPS = 1000;

  @SuppressWarnings("UnnecessaryLambda") // one no-op action shared by every event, made once
  private static final Runnable ACTION = () -> {};

  @Param({EventSets.BASELINE, "heap4", "ladder"})
  public String queue;

  @Param({"1000", "100000", "1000000"})
  public int n;

  /** See {@link Delays#of}: exponential, bimodal or pareto. */
  @Param({"exponential"})
  public String delays;

  private long[] ring;
  private int next;
  private long sequence;
  private EventQueue events;
  private PriorityQueue<BaselineEvent> baseline;

  @Setup
  public void setUp() {
    ring = Delays.of(delays);
    if (queue.equals(EventSets.BASELINE)) {
      baseline = new PriorityQueue<>();
      for (int i = 0; i < n; i++) {
        baseline.add(new BaselineEvent(ring[next++ & Delays.MASK], sequence++, ACTION));
      }
    } else {
      events = EventSets.create(queue, false);
      for (int i = 0; i < n; i++) {
        events.add(ring[next++ & Delays.MASK], sequence++, ACTION);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public void hold(Blackhole blackhole) {
    if (events != null) {
      holdEventSet(blackhole);
    } else {
      holdBaseline(blackhole);
    }
  }

  private void holdEventSet(Blackhole blackhole) {
    EventQueue q = events;
    long[] r = ring;
    int i = next;
    long seq = sequence;
    for (int step = 0; step < STEPS; step++) {
      long now = q.peekTime();
      blackhole.consume(q.poll());
      q.add(now + r[i++ & Delays.MASK], seq++, ACTION);
    }
    next = i;
    sequence = seq;
  }

  private void holdBaseline(Blackhole blackhole) {
    PriorityQueue<BaselineEvent> q = baseline;
    long[] r = ring;
    int i = next;
    long seq = sequence;
    for (int step = 0; step < STEPS; step++) {
      BaselineEvent earliest = q.poll();
      blackhole.consume(earliest.action);
      q.add(new BaselineEvent(earliest.time + r[i++ & Delays.MASK], seq++, ACTION));
    }
    next = i;
    sequence = seq;
  }
}
