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
 * The hold model with timer churn on the bare event set, as TCP retransmission timers behave:
 * {@code n} events pending, half of them "packets" and half "timers" (one per connection). Each
 * operation removes the earliest event; a packet schedules the next packet and restarts one
 * connection's timer (cancel, then add 4 ms plus a delay later), so half of all scheduled events
 * are cancelled before they fire. A timer that does fire is re-armed. The {@code pq-baseline} case
 * cancels by marking the event object and dropping it when it surfaces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TimerChurnBenchmark {
  static final int STEPS = 1000;
  static final long TIMER_BASE = 4 * Delays.MEAN;
  private static final Runnable PACKET = () -> {};

  /** A timer's action; it knows its connection so a fired timer can be re-armed. */
  private static final class TimerAction implements Runnable {
    final int connection;

    TimerAction(int connection) {
      this.connection = connection;
    }

    @Override
    public void run() {}
  }

  @Param({EventSets.BASELINE, "heap4", "ladder"})
  public String queue;

  @Param({"1000", "100000", "1000000"})
  public int n;

  private long[] ring;
  private int next;
  private long sequence;
  private int nextConnection;
  private TimerAction[] timers;
  private EventQueue events;
  private long[] handles;
  private PriorityQueue<BaselineEvent> baseline;
  private BaselineEvent[] pendingTimers;

  @Setup
  public void setUp() {
    ring = Delays.of("exponential");
    int connections = n / 2;
    timers = new TimerAction[connections];
    for (int c = 0; c < connections; c++) {
      timers[c] = new TimerAction(c);
    }
    if (queue.equals(EventSets.BASELINE)) {
      baseline = new PriorityQueue<>();
      pendingTimers = new BaselineEvent[connections];
      for (int c = 0; c < connections; c++) {
        baseline.add(new BaselineEvent(delay(), sequence++, PACKET));
        pendingTimers[c] = new BaselineEvent(TIMER_BASE + delay(), sequence++, timers[c]);
        baseline.add(pendingTimers[c]);
      }
    } else {
      events = EventSets.create(queue, true);
      handles = new long[connections];
      for (int c = 0; c < connections; c++) {
        events.add(delay(), sequence++, PACKET);
        handles[c] = events.add(TIMER_BASE + delay(), sequence++, timers[c]);
      }
    }
  }

  private long delay() {
    return ring[next++ & Delays.MASK];
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public void churn(Blackhole blackhole) {
    if (events != null) {
      churnEventSet(blackhole);
    } else {
      churnBaseline(blackhole);
    }
  }

  private void churnEventSet(Blackhole blackhole) {
    EventQueue q = events;
    for (int step = 0; step < STEPS; step++) {
      long now = q.peekTime();
      Runnable fired = q.poll();
      blackhole.consume(fired);
      if (fired instanceof TimerAction timer) {
        handles[timer.connection] = q.add(now + TIMER_BASE + delay(), sequence++, timer);
      } else {
        q.add(now + delay(), sequence++, PACKET);
        int c = nextConnection;
        nextConnection = c + 1 == timers.length ? 0 : c + 1;
        q.remove(handles[c]);
        handles[c] = q.add(now + TIMER_BASE + delay(), sequence++, timers[c]);
      }
    }
  }

  private void churnBaseline(Blackhole blackhole) {
    PriorityQueue<BaselineEvent> q = baseline;
    for (int step = 0; step < STEPS; step++) {
      BaselineEvent earliest = q.poll();
      while (earliest.cancelled) {
        earliest = q.poll();
      }
      long now = earliest.time;
      blackhole.consume(earliest.action);
      if (earliest.action instanceof TimerAction timer) {
        pendingTimers[timer.connection] =
            new BaselineEvent(now + TIMER_BASE + delay(), sequence++, timer);
        q.add(pendingTimers[timer.connection]);
      } else {
        q.add(new BaselineEvent(now + delay(), sequence++, PACKET));
        int c = nextConnection;
        nextConnection = c + 1 == timers.length ? 0 : c + 1;
        pendingTimers[c].cancelled = true;
        pendingTimers[c] = new BaselineEvent(now + TIMER_BASE + delay(), sequence++, timers[c]);
        q.add(pendingTimers[c]);
      }
    }
  }
}
