package netsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import netsim.core.Simulator;

/**
 * SimulatorHoldBenchmark's hold model, timed by the running thread's CPU time in blocks of events
 * (see benchmarks/cpu-hold.sh): time the thread spends waiting for a core on a loaded machine is
 * not counted, so figures of two builds run in the same minutes compare where JMH's wall-clock
 * scores do not. Kept outside the Maven sources: a measuring tool, compiled against a given jar.
 */
public final class CpuHold {
  private static Simulator simulator;
  private static long[] ring;
  private static int next;

  public static void main(String[] args) {
    String queue = args[0];
    int n = Integer.parseInt(args[1]);
    String delays = args[2];
    long warmup = Long.parseLong(args[3]);
    int blocks = Integer.parseInt(args[4]);
    long perBlock = Long.parseLong(args[5]);
    ring = Delays.of(delays);
    simulator = new Simulator(EventSets.create(queue, false));
    Runnable hold =
        new Runnable() {
          @Override
          public void run() {
            simulator.schedule(ring[next++ & Delays.MASK], this);
          }
        };
    for (int i = 0; i < n; i++) {
      simulator.schedule(ring[next++ & Delays.MASK], hold);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    simulator.setEventLimit(simulator.executedEvents() + warmup);
    simulator.run();
    double[] nanos = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      long start = threads.getCurrentThreadCpuTime();
      simulator.setEventLimit(simulator.executedEvents() + perBlock);
      simulator.run();
      nanos[b] = (threads.getCurrentThreadCpuTime() - start) / (double) perBlock;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%s n=%d %s: thread CPU ns per event: min %.1f, median %.1f (M events/s %.2f, %.2f)%n",
        queue,
        n,
        delays,
        nanos[0],
        nanos[blocks / 2],
        1e3 / nanos[0],
        1e3 / nanos[blocks / 2]);
  }
}
