package netsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Router;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpHandler;
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
 * drop-tail queue of 1000 packets. The flows open one after another over the first second and send
 * without end, each from a send buffer of 32 KB (enough for 10 flows to fill the bottleneck; the
 * 256 KB default would hold 2.5 GB at 10 000 flows); the set-up ({@link #WARM_UP} of simulated
 * time) is not measured. One operation is the next {@link #MEASURED} of simulated time, so the
 * score is wall time per {@link #MEASURED} of simulated time; {@link #main} prints the events of
 * that window (the run is deterministic), from which events per wall second follow, and the heap
 * each ESTABLISHED connection takes.
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

  /** Simulated time before the measured window: every flow opens in the first second. */
  static final long WARM_UP = Time.seconds(2);

  /** The measured window of simulated time. */
  static final long MEASURED = Time.seconds(5);

  private static final int PORT = 5001;

  @Param({"10", "100", "1000", "10000"})
  public int flows;

  private Simulator sim;

  /** A dumbbell with its flows, run to the end of the warm-up. */
  @Setup(Level.Invocation)
  public void setUp() {
    sim = dumbbell(flows, true).simulator;
    sim.runUntil(WARM_UP);
  }

  /** Runs the measured window; returns the events it executed. */
  @Benchmark
  public long window() {
    long before = sim.executedEvents();
    sim.runUntil(WARM_UP + MEASURED);
    return sim.executedEvents() - before;
  }

  /** A dumbbell and its TCP stacks. */
  record Dumbbell(Simulator simulator, List<TcpStack> stacks) {
    /** The connections of every stack. */
    List<TcpConnection> connections() {
      List<TcpConnection> all = new ArrayList<>();
      for (TcpStack stack : stacks) {
        all.addAll(stack.connections());
      }
      return all;
    }
  }

  /**
   * Builds the dumbbell and schedules its flows' opening.
   *
   * @param send whether the flows send (without end) once established, or stay idle
   */
  static Dumbbell dumbbell(int flows, boolean send) {
    Simulator sim = new Simulator();
    Network net = new Network(sim, new RandomStreams(1));
    Router left = net.addRouter("left");
    Router right = net.addRouter("right");
    LinkConfig access =
        LinkConfig.builder().bandwidth(1_000_000_000L).delay(Time.millis(1)).build();
    LinkConfig bottleneck =
        LinkConfig.builder().bandwidth(100_000_000L).delay(Time.millis(10)).build();
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
    TcpHandler handler = send ? new Sender() : new TcpHandler() {};
    for (int flow = 0; flow < flows; flow++) {
      TcpStack from = senders.get(flow % HOSTS);
      Endpoint to = new Endpoint(receivers.get(flow % HOSTS).address(), PORT);
      sim.scheduleAt(Time.seconds(1) * flow / flows, () -> from.connect(to, handler));
    }
    List<TcpStack> stacks = new ArrayList<>(senders);
    stacks.addAll(receivers);
    return new Dumbbell(sim, stacks);
  }

  /** Keeps the send buffer full: a flow that never ends. */
  private static final class Sender implements TcpHandler {
    private static final byte[] CHUNK = new byte[16 * 1024];

    @Override
    public void onEstablished(TcpConnection connection) {
      onWritable(connection);
    }

    @Override
    public void onWritable(TcpConnection connection) {
      while (connection.send(CHUNK) == CHUNK.length) {
        // fill the buffer; onWritable follows when space frees
      }
    }
  }

  /**
   * Prints, for each number of flows (the arguments, or 10 100 1000 10000): the events of the
   * measured window and the wall time of one run of it (a first look; JMH gives the figures), and
   * the heap per ESTABLISHED connection with empty buffers.
   */
  public static void main(String[] args) {
    String[] counts = args.length > 0 ? args : new String[] {"10", "100", "1000", "10000"};
    for (String count : counts) {
      int flows = Integer.parseInt(count);
      long perConnection = heapPerIdleConnection(flows);
      Dumbbell bed = dumbbell(flows, true);
      bed.simulator.runUntil(WARM_UP);
      long before = bed.simulator.executedEvents();
      long start = System.nanoTime();
      bed.simulator.runUntil(WARM_UP + MEASURED);
      long wall = System.nanoTime() - start;
      long events = bed.simulator.executedEvents() - before;
      long established = 0;
      for (TcpConnection connection : bed.connections()) {
        if (connection.state() == TcpState.ESTABLISHED) {
          established++;
        }
      }
      System.out.printf(
          "flows=%d connections=%d established=%d window-events=%d wall-ms=%.1f"
              + " events-per-wall-s=%.0f heap-per-idle-connection=%d B%n",
          flows,
          bed.connections().size(),
          established,
          events,
          wall / 1e6,
          events / (wall / 1e9),
          perConnection);
    }
  }

  /**
   * The heap each ESTABLISHED connection takes with empty buffers: the heap in use after GC with
   * {@code flows} idle flows established (two connections each), less the heap with the same
   * dumbbell before any flow opened, per connection.
   */
  static long heapPerIdleConnection(int flows) {
    Dumbbell bed = dumbbell(flows, false);
    long empty = heapAfterGc();
    bed.simulator.runUntil(Time.seconds(1) + Time.millis(100));
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
