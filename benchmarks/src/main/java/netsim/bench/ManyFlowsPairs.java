package netsim.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netsim.core.Time;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.jspecify.annotations.Nullable;

/**
 * Issue 15's many-flows ratio measured in pairs: {@link ManyFlowsBenchmark}'s measured window at a
 * small and a large number of flows, one right after the other in one JVM, again and again, and the
 * per-event cost ratio of each pair.
 *
 * <p>Why beside JMH: on a shared 2-core machine the speed of the processor drifts with its
 * neighbours over tens of seconds, and JMH measures all shots of one parameter before the next
 * (minutes apart), so a drift lands in the ratio whole. A pair's two windows are a second apart and
 * the order alternates from pair to pair, so the median of the pair ratios keeps the drift out. The
 * windows are the same as JMH's single shots (a fresh dumbbell run to steady state, then {@link
 * ManyFlowsBenchmark#MEASURED} of simulated time, garbage collection included), and as in JMH each
 * number of flows runs in a JVM of its own (two child JVMs that take turns): in one JVM the
 * compiled code would follow both workloads' profiles, which measured the 10-flow window up to 1.7
 * times slower than its own JVM does.
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     netsim.bench.ManyFlowsPairs [PAIRS [SMALL LARGE [WARMUP]]]
 * java -cp benchmarks/target/benchmarks.jar \
 *     netsim.bench.ManyFlowsPairs --ab CLASSPATH_A CLASSPATH_B [PAIRS [FLOWS [WARMUP]]]
 * </pre>
 *
 * Defaults: 25 pairs of 10 and 10 000 flows after 5 warm-up pairs. Prints one line per pair (wall
 * and thread CPU milliseconds, events, per-event ratios), the medians, and the fastest window of
 * each side with their per-event ratio: a neighbour on the shared machine can only add time to a
 * window, so the fastest windows are the nearest this run came to a machine of its own (the medians
 * stay the figure of record). The children run with the benchmark's own JVM flags ({@link
 * #CHILD_FLAGS}, as its {@code @Fork}).
 *
 * <p>With {@code --ab}, the same pairs compare two builds instead of two numbers of flows: both
 * children run {@code FLOWS} flows (default 10 000), one from each class path (each must hold this
 * class), and the ratio is B's cost per event over A's. A change's effect at 10 000 flows is then
 * measured a second apart from its baseline, as the ratio itself is. Run it in both orders and take
 * the geometric mean of B/A and of the reverse run's A/B inverted: on the shared machine the B side
 * has read a few per cent cheaper in both orders (RESULTS.md, session 20).
 */
public final class ManyFlowsPairs {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The child JVMs' flags: {@link ManyFlowsBenchmark}'s {@code @Fork} flags. */
  static final List<String> CHILD_FLAGS = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");

  private ManyFlowsPairs() {}

  /** One measured window: its wall and run-thread CPU nanoseconds and its events. */
  record Window(long wallNanos, long cpuNanos, long events) {
    double wallPerEvent() {
      return (double) wallNanos / events;
    }

    double cpuPerEvent() {
      return (double) cpuNanos / events;
    }
  }

  /**
   * A child JVM, running the classes of {@code classPath}, that times a window of its number of
   * flows each time it is asked.
   */
  static final class Child implements AutoCloseable {
    private final int flows;
    private final Process process;
    private final BufferedWriter ask;
    private final BufferedReader answers;

    Child(int flows, String classPath) throws IOException {
      this.flows = flows;
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(CHILD_FLAGS);
      command.addAll(
          List.of(
              "-cp",
              classPath,
              ManyFlowsPairs.class.getName(),
              "--serve",
              Integer.toString(flows)));
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      ask = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), UTF_8));
      answers = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    /** Asks for one window and waits for its figures. */
    Window window() throws IOException {
      ask.write("window\n");
      ask.flush();
      String line = answers.readLine();
      if (line == null) {
        throw new IOException("the child JVM of " + flows + " flows ended");
      }
      String[] fields = line.trim().split(" ");
      return new Window(
          Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    @Override
    public void close() throws IOException {
      ask.close();
      process.destroy();
    }
  }

  /** A child's loop: one window of {@code flows} flows per line read, its figures printed. */
  private static void serve(int flows) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    while (in.readLine() != null) {
      Window window = window(flows);
      System.out.println(window.wallNanos() + " " + window.cpuNanos() + " " + window.events());
      System.out.flush();
    }
  }

  /** Builds a fresh dumbbell of {@code flows} flows, runs it to steady state and times a window. */
  static Window window(int flows) {
    ManyFlowsBenchmark.Dumbbell bed = ManyFlowsBenchmark.dumbbell(flows);
    long start = bed.runToSteadyState(flows);
    long events = bed.simulator().executedEvents();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    bed.simulator().runUntil(start + bed.measured());
    wall = System.nanoTime() - wall;
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    return new Window(wall, cpu, bed.simulator().executedEvents() - events);
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--serve")) {
      serve(Integer.parseInt(args[1]));
      return;
    }
    boolean ab = args.length >= 3 && args[0].equals("--ab");
    if (ab ? args.length > 6 : args.length > 4) {
      System.err.println(
          "usage: ManyFlowsPairs [PAIRS [SMALL LARGE [WARMUP]]]\n"
              + "       ManyFlowsPairs --ab CLASSPATH_A CLASSPATH_B [PAIRS [FLOWS [WARMUP]]]");
      System.exit(2);
    }
    String own = System.getProperty("java.class.path");
    String pathA = ab ? args[1] : own;
    String pathB = ab ? args[2] : own;
    String[] counts = ab ? Arrays.copyOfRange(args, 3, args.length) : args;
    int pairs = counts.length > 0 ? Integer.parseInt(counts[0]) : 25;
    int small;
    int large;
    int warmup;
    if (ab) {
      small = counts.length > 1 ? Integer.parseInt(counts[1]) : 10_000;
      large = small;
      warmup = counts.length > 2 ? Integer.parseInt(counts[2]) : 5;
    } else {
      small = counts.length > 2 ? Integer.parseInt(counts[1]) : 10;
      large = counts.length > 2 ? Integer.parseInt(counts[2]) : 10_000;
      warmup = counts.length > 3 ? Integer.parseInt(counts[3]) : 5;
    }
    String nameA = ab ? "A" : small + " flows";
    String nameB = ab ? "B" : large + " flows";
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      System.err.println("ManyFlowsPairs: this JVM cannot measure thread CPU time");
      System.exit(1);
    }
    double[] wallRatios = new double[pairs];
    double[] cpuRatios = new double[pairs];
    double[] wallA = new double[pairs];
    double[] wallB = new double[pairs];
    @Nullable Window fastestA = null;
    @Nullable Window fastestB = null;
    try (Child childA = new Child(small, pathA);
        Child childB = new Child(large, pathB)) {
      for (int pair = -warmup; pair < pairs; pair++) {
        // Alternate which runs first, so that a drift within a pair favours neither.
        boolean aFirst = Math.floorMod(pair, 2) == 0;
        Window first = (aFirst ? childA : childB).window();
        Window second = (aFirst ? childB : childA).window();
        Window a = aFirst ? first : second;
        Window b = aFirst ? second : first;
        if (pair < 0) {
          continue;
        }
        wallRatios[pair] = b.wallPerEvent() / a.wallPerEvent();
        cpuRatios[pair] = b.cpuPerEvent() / a.cpuPerEvent();
        wallA[pair] = a.wallNanos() / 1e6;
        wallB[pair] = b.wallNanos() / 1e6;
        fastestA = fastestA == null || a.wallNanos() < fastestA.wallNanos() ? a : fastestA;
        fastestB = fastestB == null || b.wallNanos() < fastestB.wallNanos() ? b : fastestB;
        System.out.printf(
            "pair %2d: %s %.1f ms (cpu %.1f, %d events), %s %.1f ms (cpu %.1f, %d"
                + " events), per-event ratio wall %.2f cpu %.2f%n",
            pair + 1,
            nameA,
            wallA[pair],
            a.cpuNanos() / 1e6,
            a.events(),
            nameB,
            wallB[pair],
            b.cpuNanos() / 1e6,
            b.events(),
            wallRatios[pair],
            cpuRatios[pair]);
      }
    }
    System.out.printf(
        "medians of %d pairs (window %.1f s of simulated time): %s %.1f ms, %s %.1f ms,"
            + " per-event ratio wall %.2f (quartiles %.2f-%.2f), cpu %.2f%n",
        pairs,
        ManyFlowsBenchmark.MEASURED / (double) Time.seconds(1),
        nameA,
        median(wallA),
        nameB,
        median(wallB),
        median(wallRatios),
        quantile(wallRatios, 0.25),
        quantile(wallRatios, 0.75),
        median(cpuRatios));
    if (fastestA != null && fastestB != null) {
      System.out.printf(
          "fastest windows: %s %.1f ms, %s %.1f ms, per-event ratio wall %.2f%n",
          nameA,
          fastestA.wallNanos() / 1e6,
          nameB,
          fastestB.wallNanos() / 1e6,
          fastestB.wallPerEvent() / fastestA.wallPerEvent());
    }
  }

  private static double median(double[] values) {
    return quantile(values, 0.5);
  }

  /** The {@code q} quantile, interpolated between the two nearest ranks (R's type 7). */
  private static double quantile(double[] values, double q) {
    return new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, 100 * q);
  }
}
