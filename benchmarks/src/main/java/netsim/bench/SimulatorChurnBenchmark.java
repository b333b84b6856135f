package netsim.bench;

import java.util.concurrent.TimeUnit;
import netsim.core.Simulator;
import netsim.core.Timer;
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
 * Timer churn through the whole {@link Simulator}: {@code n / 2} packet events that each reschedule
 * themselves, and {@code n / 2} connection timers. Every packet event restarts one connection's
 * timer 4 ms plus a delay ahead; a timer that fires re-arms itself. One operation is one executed
 * event. The {@code timer} parameter picks the timer: {@code lazy} is {@link Timer}, whose restarts
 * to a later deadline leave the queued expiry in place (it is moved when it comes up, about once
 * per four restarts here); {@code cancel} is {@link ReschedulingTimer}, which cancels and schedules
 * on every restart, so half of all scheduled events are cancelled before they fire. The {@code
 * pq-baseline} case uses {@link PriorityQueueBaseline} with its handle map and lazy cancellation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimulatorChurnBenchmark {
  static final int STEPS = 10_000;
  static final long TIMER_BASE = 4 * Delays.MEAN;

  @Param({EventSets.BASELINE, "heap4", "ladder"})
  public String queue;

  @Param({"1000", "100000", "1000000"})
  public int n;

  /** {@code lazy} ({@link Timer}) or {@code cancel} ({@link ReschedulingTimer}). */
  @Param({"lazy", "cancel"})
  public String timer;

  private Simulator simulator;
  private long[] ring;
  private int next;
  private Restartable[] timers;
  private int nextConnection;

  private long delay() {
    return ring[next++ & Delays.MASK];
  }

  /** One shared packet action: schedules the next packet and restarts one connection's timer. */
  private final class Packet implements Runnable {
    @Override
    public void run() {
      simulator.schedule(delay(), this);
      int c = nextConnection;
      nextConnection = c + 1 == timers.length ? 0 : c + 1;
      timers[c].schedule(TIMER_BASE + delay());
    }
  }

  /** A timer as the benchmark restarts it. */
  interface Restartable {
    void schedule(long delay);
  }

  @Setup
  public void setUp() {
    ring = Delays.of("exponential");
    simulator = new Simulator(EventSets.create(queue, true));
    int connections = n / 2;
    timers = new Restartable[connections];
    Packet packet = new Packet();
    for (int c = 0; c < connections; c++) {
      Restartable[] self = new Restartable[1];
      Runnable rearm = () -> self[0].schedule(TIMER_BASE + delay());
      self[0] =
          switch (timer) {
            case "lazy" -> new Timer(simulator, "bench/rto", rearm)::schedule;
            case "cancel" -> new ReschedulingTimer(simulator, "bench/rto", rearm);
            default ->
                throw new IllegalArgumentException(
                    "unknown timer '" + timer + "' (expected lazy, cancel)");
          };
      timers[c] = self[0];
      simulator.schedule(delay(), packet);
      timers[c].schedule(TIMER_BASE + delay());
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public void executeEvents(Blackhole blackhole) {
    simulator.setEventLimit(simulator.executedEvents() + STEPS);
    blackhole.consume(simulator.run());
  }
}
