package netsim.bench;

import java.util.concurrent.TimeUnit;
import netsim.core.Simulator;
import netsim.core.StopReason;
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
 * The hold model through the whole {@link Simulator}, which is what users pay for: {@code n}
 * pending events, each of which, when executed, schedules the next one a delay later. One operation
 * is one executed event (schedule, dispatch, run). The {@code pq-baseline} case runs the same
 * simulator on {@link PriorityQueueBaseline} without cancellation support.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimulatorHoldBenchmark {
  static final int STEPS = 10_000;

  @Param({EventSets.BASELINE, "heap4", "ladder"})
  public String queue;

  @Param({"1000", "100000", "1000000"})
  public int n;

  /** See {@link Delays#of}: exponential, bimodal or pareto. */
  @Param({"exponential"})
  public String delays;

  private Simulator simulator;
  private long[] ring;
  private int next;

  /** One shared action: every executed event schedules the next with the next delay. */
  private final class Hold implements Runnable {
    @Override
    public void run() {
      simulator.schedule(ring[next++ & Delays.MASK], this);
    }
  }

  @Setup
  public void setUp() {
    ring = Delays.of(delays);
    simulator = new Simulator(EventSets.create(queue, false));
    Hold hold = new Hold();
    for (int i = 0; i < n; i++) {
      simulator.schedule(ring[next++ & Delays.MASK], hold);
    }
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public void executeEvents(Blackhole blackhole) {
    blackhole.consume(execute(STEPS));
  }

  private StopReason execute(long events) {
    simulator.setEventLimit(simulator.executedEvents() + events);
    return simulator.run();
  }

  /**
   * Runs the same hold model outside JMH, for counting instructions and cache misses with valgrind,
   * where wall-clock times are too noisy to compare (see {@code benchmarks/cachegrind-hold.sh}):
   * {@code QUEUE N DELAYS WARMUP EVENTS} sets up, executes {@code WARMUP} events, then {@code
   * EVENTS} more.
   */
  public static void main(String[] args) {
    if (args.length != 5) {
      System.err.println("usage: SimulatorHoldBenchmark QUEUE N DELAYS WARMUP EVENTS");
      System.exit(2);
    }
    SimulatorHoldBenchmark hold = new SimulatorHoldBenchmark();
    hold.queue = args[0];
    hold.n = Integer.parseInt(args[1]);
    hold.delays = args[2];
    hold.setUp();
    hold.execute(Long.parseLong(args[3]));
    StopReason reason = hold.execute(Long.parseLong(args[4]));
    System.out.println(
        hold.simulator.queueName()
            + " "
            + reason
            + " after "
            + hold.simulator.executedEvents()
            + " events");
  }
}
