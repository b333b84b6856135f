package netsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Router;
import netsim.net.link.DropTailQueue;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.SharedBytes;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpHandler;
import netsim.tcp.TcpInfo;
import netsim.tcp.TcpStack;
import netsim.tcp.TcpState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code flows} concurrent long-lived TCP flows over one bottleneck: a dumbbell of {@link #HOSTS}
 * senders - router - router - {@link #HOSTS} receivers, the flows spread over the host pairs in
 * turn. Access links are 1 Gbit/s with 1 ms of delay, the bottleneck 100 Mbit/s with 10 ms and a
 * drop-tail queue of 1000 packets. The flows open one after another over the first second, idle,
 * and once all are open they all start sending without end, each from a send buffer of 32 KB
 * (enough for 10 flows to fill the bottleneck; the 256 KB default would hold 2.5 GB at 10 000
 * flows).
 *
 * <p>Only steady state is measured: the set-up runs until every flow's two connections are
 * ESTABLISHED (flows that sent at once would fill the bottleneck queue, and at 10 000 flows SYNs
 * lost there kept hundreds of connections opening for minutes), starts them all, then runs {@link
 * #SETTLE} more, so that every send ring has had its first fill before the window. One operation is
 * the next {@link #MEASURED} of simulated time from there, so the score is wall time per {@link
 * #MEASURED} of simulated time whatever the number of flows; {@link #main} prints the events of
 * that window (the run is deterministic), from which events per wall second follow, and the heap
 * each ESTABLISHED connection takes.
 *
 * <p>{@link #bottleneck} {@code fixed} is that dumbbell (the issue's). At 10 000 flows its 100
 * Mbit/s leave each flow about a tenth of a segment per round trip, so those flows live on
 * retransmission timeouts while 10 flows never lose a segment: the work per event differs, not only
 * the state it touches. {@code scaled} (an extra variant, to isolate the cost of the state)
 * multiplies every bandwidth and queue by {@code flows / 10} and divides the simulated times after
 * the start ({@link #SETTLE}, at least {@link #SCALED_SETTLE_FLOOR}, and {@link #MEASURED}) by the
 * same factor: every flow runs as one of 10 flows does in the fixed dumbbell, and a window holds
 * about as many events whatever the number of flows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ManyFlowsBenchmark {
  /** Sending hosts, and as many receiving hosts. */
  static final int HOSTS = 10;

  /** Every flow opens in the first second of simulated time, one after another. */
  static final long OPENING = Time.seconds(1);

  /** Simulated time from the last connection's establishment to the measured window. */
  static final long SETTLE = Time.seconds(2);

  /** How often the set-up checks whether every connection is established. */
  private static final long CHECK_EVERY = Time.millis(100);

  /** A set-up that has not established every connection by then fails. */
  private static final long ESTABLISH_LIMIT = Time.seconds(120);

  /** The measured window of simulated time. */
  static final long MEASURED = Time.seconds(5);

  /** The shortest settling time of a scaled dumbbell: four round trips. */
  static final long SCALED_SETTLE_FLOOR = Time.millis(100);

  private static final int PORT = 5001;

  @Param({"10", "100", "1000", "10000"})
  public int flows;

  /** "fixed" (the dumbbell) or "scaled" (bandwidths and queues grow with the flows). */
  @Param({"fixed"})
  public String bottleneck;

  private Simulator sim;
  private long windowStart;
  private long window;

  /** A dumbbell with its flows, run to steady state. */
  @Setup(Level.Invocation)
  public void setUp() {
    Dumbbell bed = dumbbell(flows, Bottleneck.of(bottleneck));
    sim = bed.simulator;
    windowStart = bed.runToSteadyState(flows);
    window = bed.measured();
  }

  /** Runs the measured window; returns the events it executed. */
  @Benchmark
  public long window() {
    long before = sim.executedEvents();
    sim.runUntil(windowStart + window);
    return sim.executedEvents() - before;
  }

  /** How the dumbbell's bandwidths and queues follow the number of flows. */
  enum Bottleneck {
    /** The same links whatever the number of flows: 100 Mbit/s at the bottleneck. */
    FIXED,
    /** Bandwidths and queues {@code flows / 10} times the fixed ones, times as much shorter. */
    SCALED;

    static Bottleneck of(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The factor of bandwidths and queues, and the divisor of simulated times, for {@code flows}.
     */
    long factor(int flows) {
      return this == FIXED ? 1 : Math.max(1, flows / 10);
    }
  }

  /**
   * A dumbbell, its TCP stacks and the handler of its flows' sending ends; {@code factor} divides
   * the simulated times after the start.
   */
  record Dumbbell(
      Simulator simulator, Network network, List<TcpStack> stacks, Sender sender, long factor) {
    /** The measured window of simulated time. */
    long measured() {
      return MEASURED / factor;
    }

    /** The connections of every stack. */
    List<TcpConnection> connections() {
      List<TcpConnection> all = new ArrayList<>();
      for (TcpStack stack : stacks) {
        all.addAll(stack.connections());
      }
      return all;
    }

    /** The connections in state ESTABLISHED. */
    long established() {
      long established = 0;
      for (TcpConnection connection : connections()) {
        if (connection.state() == TcpState.ESTABLISHED) {
          established++;
        }
      }
      return established;
    }

    /**
     * Runs until each of the {@code flows} idle flows has both its connections ESTABLISHED (checked
     * every {@link #CHECK_EVERY} of simulated time from the end of the opening), starts every flow
     * sending at once, and runs {@link #SETTLE} more; returns the time reached, where the measured
     * window starts.
     */
    long runToSteadyState(int flows) {
      long time = OPENING;
      simulator.runUntil(time);
      while (established() < 2L * flows) {
        if (time >= ESTABLISH_LIMIT) {
          throw new IllegalStateException(
              established() + " of " + 2L * flows + " connections established at " + time + " ns");
        }
        time += CHECK_EVERY;
        simulator.runUntil(time);
      }
      sender.start();
      time += factor == 1 ? SETTLE : Math.max(SETTLE / factor, SCALED_SETTLE_FLOOR);
      simulator.runUntil(time);
      return time;
    }
  }

  /** The fixed dumbbell of {@code flows} flows. */
  static Dumbbell dumbbell(int flows) {
    return dumbbell(flows, Bottleneck.FIXED);
  }

  /** Builds the dumbbell and schedules its flows' opening; they stay idle until started. */
  static Dumbbell dumbbell(int flows, Bottleneck scaling) {
    long factor = scaling.factor(flows);
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(1));
    Router left = net.addRouter("left");
    Router right = net.addRouter("right");
    LinkConfig access = link(1_000_000_000L, Time.millis(1), factor);
    LinkConfig bottleneck = link(100_000_000L, Time.millis(10), factor);
    net.connect(left, right, bottleneck, bottleneck);
    TcpConfig tcp = TcpConfig.builder().sendBuffer(32 * 1024).build();
    List<TcpStack> senders = new ArrayList<>();
    List<TcpStack> receivers = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      Host sender = net.addHost("s" + i, new Ipv4Address(0x0A01_0001 + i));
      Host receiver = net.addHost("r" + i, new Ipv4Address(0x0A02_0001 + i));
      net.connect(sender, left, access, access);
      net.connect(right, receiver, access, access);
      senders.add(TcpStack.install(sender, tcp));
      TcpStack receiving = TcpStack.install(receiver, tcp);
      receiving.listen(PORT, flows, child -> new TcpHandler() {});
      receivers.add(receiving);
    }
    net.computeRoutes();
    Sender handler = new Sender();
    for (int flow = 0; flow < flows; flow++) {
      TcpStack from = senders.get(flow % HOSTS);
      Endpoint to = new Endpoint(receivers.get(flow % HOSTS).address(), PORT);
      sim.scheduleAt(OPENING * flow / flows, () -> from.connect(to, handler));
    }
    List<TcpStack> stacks = new ArrayList<>(senders);
    stacks.addAll(receivers);
    return new Dumbbell(sim, net, stacks, handler, factor);
  }

  /**
   * A link direction of {@code factor} times {@code bitsPerSecond} with a drop-tail queue of {@code
   * factor} times the default packets.
   */
  private static LinkConfig link(long bitsPerSecond, long delay, long factor) {
    LinkConfig.Builder link = LinkConfig.builder().bandwidth(bitsPerSecond * factor).delay(delay);
    if (factor > 1) {
      link.queue(new DropTailQueue.Spec((int) (LinkConfig.DEFAULT_QUEUE_PACKETS * factor), 0));
    }
    return link.build();
  }

  /**
   * The sending end of every flow: idle until {@link #start}ed, then it keeps each send buffer
   * full, flows that never end.
   */
  static final class Sender implements TcpHandler {
    /** The bytes every flow writes, again and again: its send buffer refers to them. */
    private static final SharedBytes CHUNK = SharedBytes.zeros(16 * 1024);

    private final List<TcpConnection> established = new ArrayList<>();
    private boolean sending;

    @Override
    public void onEstablished(TcpConnection connection) {
      established.add(connection);
      if (sending) {
        onWritable(connection);
      }
    }

    /** Makes every flow, established or not yet, send from now on. */
    void start() {
      sending = true;
      for (TcpConnection connection : established) {
        onWritable(connection);
      }
    }

    @Override
    public void onWritable(TcpConnection connection) {
      if (!sending) {
        return;
      }
      // Each write goes on where the flow's stream stopped in CHUNK, as an application writing a
      // stream does (the scenarios' ConnectionApp): the send buffer extends its newest chunk.
      TcpInfo info = connection.info();
      int at;
      do {
        at = (int) ((info.bytesSent() + info.bytesUnsent()) % CHUNK.length());
      } while (connection.send(CHUNK, at, CHUNK.length() - at) == CHUNK.length() - at);
    }
  }

  /**
   * Prints, for each number of flows (the arguments, or 10 100 1000 10000): the events of the
   * measured window and the wall time of one run of it (a first look; JMH gives the figures), and
   * the heap per ESTABLISHED connection with empty buffers. A first argument {@code --no-heap}
   * skips the heap measurement (its own run of idle flows), so that the process does only the work
   * ns-3's {@code benchmarks/ns3/many-flows} does, for a whole-process comparison.
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("--count")) {
      count(args);
      return;
    }
    boolean heap = args.length == 0 || !args[0].equals("--no-heap");
    String[] counts = heap ? args : Arrays.copyOfRange(args, 1, args.length);
    if (counts.length == 0) {
      counts = new String[] {"10", "100", "1000", "10000"};
    }
    for (String count : counts) {
      int flows = Integer.parseInt(count);
      long perConnection = heap ? heapPerIdleConnection(flows) : -1;
      Dumbbell bed = dumbbell(flows);
      long windowStart = bed.runToSteadyState(flows);
      long before = bed.simulator.executedEvents();
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      bed.simulator.runUntil(windowStart + MEASURED);
      long wall = System.nanoTime() - start;
      long cpu = processCpuNanos() - cpuStart;
      long events = bed.simulator.executedEvents() - before;
      System.out.printf(
          "flows=%d window=[%.1f s, %.1f s] connections=%d established=%d window-events=%d"
              + " wall-ms=%.1f events-per-wall-s=%.0f cpu-ms=%.1f events-per-cpu-s=%.0f"
              + " heap-per-idle-connection=%s%n",
          flows,
          windowStart / 1e9,
          (windowStart + MEASURED) / 1e9,
          bed.connections().size(),
          bed.established(),
          events,
          wall / 1e6,
          events / (wall / 1e9),
          cpu / 1e6,
          events / (cpu / 1e9),
          heap ? perConnection + " B" : "not measured");
    }
  }

  /**
   * Runs one dumbbell outside JMH, for counting instructions and cache misses with valgrind, where
   * wall-clock times are too noisy to compare (see {@code benchmarks/cachegrind-flows.sh}): {@code
   * --count FLOWS WARMUP_MS WINDOW_MS [fixed|scaled]} runs to steady state, then {@code WARMUP_MS}
   * of simulated time (for the JIT), then {@code WINDOW_MS} more, and prints the events of that
   * last part. Both times are the fixed dumbbell's: the scaled one runs them {@code 10 / flows} as
   * long, about the same number of events.
   */
  private static void count(String[] args) {
    if (args.length != 4 && args.length != 5) {
      System.err.println(
          "usage: ManyFlowsBenchmark --count FLOWS WARMUP_MS WINDOW_MS [fixed|scaled]");
      System.exit(2);
    }
    int flows = Integer.parseInt(args[1]);
    Dumbbell bed = dumbbell(flows, Bottleneck.of(args.length == 5 ? args[4] : "fixed"));
    long time = bed.runToSteadyState(flows) + Time.millis(Long.parseLong(args[2])) / bed.factor;
    bed.simulator.runUntil(time);
    long before = bed.simulator.executedEvents();
    bed.simulator.runUntil(time + Time.millis(Long.parseLong(args[3])) / bed.factor);
    System.out.println("counted-events " + (bed.simulator.executedEvents() - before));
  }

  /**
   * The CPU time of the whole process (every thread: the simulation's, the JIT compilers', the
   * GC's), as ns-3's {@code std::clock()} counts its own: on a shared machine the wall time of a
   * window depends on the load, its CPU time much less.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The heap each ESTABLISHED connection takes with empty buffers: the heap in use after GC with
   * {@code flows} idle flows established (two connections each), less the heap with the same
   * dumbbell before any flow opened, per connection.
   */
  static long heapPerIdleConnection(int flows) {
    Dumbbell bed = dumbbell(flows);
    long empty = heapAfterGc();
    bed.simulator.runUntil(OPENING + Time.millis(100));
    long full = heapAfterGc();
    List<TcpConnection> connections = bed.connections();
    for (TcpConnection connection : connections) {
      if (connection.state() != TcpState.ESTABLISHED) {
        throw new IllegalStateException(connection + " is " + connection.state());
      }
    }
    if (connections.size() != 2 * flows) {
      throw new IllegalStateException(connections.size() + " connections for " + flows + " flows");
    }
    return (full - empty) / connections.size();
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
