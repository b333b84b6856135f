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
 * connection's timer 4 ms plus a delay later. A timer that does fire is re-armed. The {@code
 * restart} parameter says how a restart is done: {@code cancel} removes the queued timer event and
 * adds a new one, so half of all added events are removed before they fire; {@code lazy} does what
 * {@link netsim.core.Timer} does: a restart to a later deadline only records it (with the sequence
 * number it takes), and the queued event, when it comes up early, is added again at the deadline
 * instead of firing. Only packets and timers that really fire count as operations. The {@code
 * pq-baseline} case cancels by marking the event object and dropping it when it surfaces.
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

  @SuppressWarnings("UnnecessaryLambda") // one no-op action shared by every packet event
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

  /** {@code cancel} (remove and add on every restart) or {@code lazy} (re-arm when it comes up). */
  @Param({"cancel", "lazy"})
  public String restart;

  private long[] ring;
  private int next;
  private long sequence;
  private int nextConnection;
  private TimerAction[] timers;
  private EventQueue events;
  private long[] handles;
  private PriorityQueue<BaselineEvent> baseline;
  private BaselineEvent[] pendingTimers;
  private boolean lazy;

  /** Per connection: the keys the timer must fire under, and the time its event is queued at. */
  private long[] deadlines;

  private long[] deadlineSequences;
  private long[] queuedAt;

  @Setup
  public void setUp() {
    ring = Delays.of("exponential");
    lazy =
        switch (restart) {
          case "cancel" -> false;
          case "lazy" -> true;
          default ->
              throw new IllegalArgumentException(
                  "unknown restart '" + restart + "' (expected cancel, lazy)");
        };
    int connections = n / 2;
    deadlines = new long[connections];
    deadlineSequences = new long[connections];
    queuedAt = new long[connections];
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
        deadlines[c] = pendingTimers[c].time;
        deadlineSequences[c] = pendingTimers[c].sequence;
      }
    } else {
      events = EventSets.create(queue, true);
      handles = new long[connections];
      for (int c = 0; c < connections; c++) {
        events.add(delay(), sequence++, PACKET);
        deadlines[c] = TIMER_BASE + delay();
        deadlineSequences[c] = sequence++;
        queuedAt[c] = deadlines[c];
        handles[c] = events.add(deadlines[c], deadlineSequences[c], timers[c]);
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
    for (int step = 0; step < STEPS; ) {
      long now = q.peekTime();
      long sequenceOfFired = q.peekSequence();
      Runnable fired = q.poll();
      if (fired instanceof TimerAction timer) {
        int c = timer.connection;
        if (deadlines[c] != now || deadlineSequences[c] != sequenceOfFired) {
          // Came up early: re-arm at the deadline, which is no operation.
          handles[c] = q.add(deadlines[c], deadlineSequences[c], timer);
          queuedAt[c] = deadlines[c];
          continue;
        }
        blackhole.consume(fired);
        handles[c] = EventQueue.NO_HANDLE;
        restartEventSet(c, now);
      } else {
        blackhole.consume(fired);
        q.add(now + delay(), sequence++, PACKET);
        int c = nextConnection;
        nextConnection = c + 1 == timers.length ? 0 : c + 1;
        restartEventSet(c, now);
      }
      step++;
    }
  }

  /** Restarts connection c's timer 4 ms plus a delay after {@code now}. */
  private void restartEventSet(int c, long now) {
    long deadline = now + TIMER_BASE + delay();
    long seq = sequence++;
    deadlines[c] = deadline;
    deadlineSequences[c] = seq;
    if (handles[c] != EventQueue.NO_HANDLE) {
      if (lazy && deadline >= queuedAt[c]) {
        return;
      }
      events.remove(handles[c]);
    }
    handles[c] = events.add(deadline, seq, timers[c]);
    queuedAt[c] = deadline;
  }

  private void churnBaseline(Blackhole blackhole) {
    PriorityQueue<BaselineEvent> q = baseline;
    for (int step = 0; step < STEPS; ) {
      BaselineEvent earliest = q.poll();
      while (earliest.cancelled) {
        earliest = q.poll();
      }
      long now = earliest.time;
      if (earliest.action instanceof TimerAction timer) {
        int c = timer.connection;
        if (deadlines[c] != now || deadlineSequences[c] != earliest.sequence) {
          pendingTimers[c] = new BaselineEvent(deadlines[c], deadlineSequences[c], timer);
          q.add(pendingTimers[c]);
          continue;
        }
        blackhole.consume(earliest.action);
        pendingTimers[c] = null;
        restartBaseline(c, now);
      } else {
        blackhole.consume(earliest.action);
        q.add(new BaselineEvent(now + delay(), sequence++, PACKET));
        int c = nextConnection;
        nextConnection = c + 1 == timers.length ? 0 : c + 1;
        restartBaseline(c, now);
      }
      step++;
    }
  }

  private void restartBaseline(int c, long now) {
    long deadline = now + TIMER_BASE + delay();
    long seq = sequence++;
    deadlines[c] = deadline;
    deadlineSequences[c] = seq;
    BaselineEvent pending = pendingTimers[c];
    if (pending != null) {
      if (lazy && deadline >= pending.time) {
        return;
      }
      pending.cancelled = true;
    }
    pendingTimers[c] = new BaselineEvent(deadline, seq, timers[c]);
    baseline.add(pendingTimers[c]);
  }
}
