package netsim.bench;

import java.util.concurrent.TimeUnit;
import netsim.core.AbstractTimer;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.StopReason;
import netsim.core.Time;
import org.apache.commons.rng.UniformRandomProvider;
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
 * Near-future events beside {@code timers} far-future timers, the event set's share of {@link
 * ManyFlowsBenchmark} at many flows, in isolation: {@value #CHAINS} chains of packet-like events
 * (each, when executed, schedules the next of its chain a delay from {@link Delays} later: mean 1
 * ms, so about 100 events per simulated millisecond, as in the dumbbell) run while {@code timers}
 * {@link AbstractTimer}s stay pending, each with its own timeout of 200 ms to 3 s, like the
 * retransmission timers of as many connections. Every executed event restarts the next timer in
 * turn to now plus its timeout (as an ACK restarts a connection's RTO): a restart to a later
 * deadline is lazy, so the queued expiry is moved only when it comes up early. One operation is one
 * executed event; the cost per event at 10 000 timers against 10 in the same run is the figure.
 *
 * <p>{@link #timeouts} {@code rto} draws the timeouts from 200 ms to 3 s: each timer's expiry comes
 * up once per timeout (moved to the deadline, or run once the chains stop restarting it), so 10 000
 * timers add about 6 000 expiries per simulated second to the 100 000 packet events. {@code idle}
 * (to tell pending timers from expiring ones) draws them from 10 000 to 20 000 s: the timers stay
 * pending in the event set, restarted as often, but none comes up in a run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimulatorTimersBenchmark {
  static final int STEPS = 10_000;

  /** Packet-like events pending at any time. */
  static final int CHAINS = 100;

  /** Simulated time run in the set-up: past every first expiry of {@code rto} timeouts. */
  static final long SETTLE = Time.seconds(6);

  @Param({"10", "10000"})
  public int timers;

  /** The timers' timeouts: {@code rto} (200 ms to 3 s) or {@code idle} (10 000 to 20 000 s). */
  @Param({"rto"})
  public String timeouts;

  /** See {@link Delays#of}: exponential, bimodal or pareto. */
  @Param({"exponential"})
  public String delays;

  private Simulator simulator;
  private long[] ring;
  private int next;
  private Restartable[] all;
  private int restartNext;

  /** A timer with a fixed timeout that restarts itself when it expires. */
  private static final class Restartable extends AbstractTimer {
    private final long timeout;

    Restartable(Simulator simulator, long timeout) {
      super(simulator);
      this.timeout = timeout;
    }

    @Override
    public String label() {
      return "bench/timer";
    }

    void restart() {
      schedule(timeout);
    }

    @Override
    protected void expire() {
      restart();
    }
  }

  /** One shared action: schedules its chain's next event and restarts the next timer. */
  private final class Packet implements Runnable {
    @Override
    public void run() {
      simulator.schedule(ring[next++ & Delays.MASK], this);
      Restartable timer = all[restartNext];
      restartNext = restartNext + 1 == all.length ? 0 : restartNext + 1;
      timer.restart();
    }
  }

  @Setup
  public void setUp() {
    ring = Delays.of(delays);
    simulator = new Simulator();
    UniformRandomProvider random = new RandomStreams(Delays.SEED).get("bench/timers/timeouts");
    long shortest = timeouts.equals("idle") ? Time.seconds(10_000) : Time.millis(200);
    long longest = timeouts.equals("idle") ? Time.seconds(20_000) : Time.seconds(3);
    if (!timeouts.equals("rto") && !timeouts.equals("idle")) {
      throw new IllegalArgumentException(
          "unknown timeouts '" + timeouts + "' (expected rto, idle)");
    }
    all = new Restartable[timers];
    for (int i = 0; i < timers; i++) {
      long timeout = shortest + random.nextLong(longest - shortest + 1);
      all[i] = new Restartable(simulator, timeout);
      all[i].restart();
    }
    Packet packet = new Packet();
    for (int i = 0; i < CHAINS; i++) {
      simulator.schedule(ring[next++ & Delays.MASK], packet);
    }
    // Past the first timeouts, so that the timers' expiries are spread as in a long run.
    simulator.runUntil(SETTLE);
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
}
