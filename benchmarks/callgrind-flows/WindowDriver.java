package netsim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import netsim.core.Time;

/**
 * ManyFlowsBenchmark's fixed dumbbell for benchmarks/callgrind-flows.sh: runs to steady state and
 * the warm-up, prints {@code window-start}, waits (spinning, so that valgrind keeps serving its
 * control commands) until the file GO exists, which the script creates once it has turned
 * callgrind's instrumentation on, then runs the window and prints its events. Only the window is
 * simulated instrumented, ten times faster than counting the set-up too. Kept outside the Maven
 * sources: a measuring tool, compiled against a given jar.
 *
 * <p>Arguments: FLOWS WARMUP_MS WINDOW_MS GO_FILE.
 */
public final class WindowDriver {
  private WindowDriver() {}

  public static void main(String[] args) {
    int flows = Integer.parseInt(args[0]);
    ManyFlowsBenchmark.Dumbbell bed =
        ManyFlowsBenchmark.dumbbell(flows, ManyFlowsBenchmark.Bottleneck.FIXED);
    long time = bed.runToSteadyState(flows) + Time.millis(Long.parseLong(args[1]));
    bed.simulator().runUntil(time);
    System.out.println("window-start");
    System.out.flush();
    Path go = Path.of(args[3]);
    while (!Files.exists(go)) {
      Thread.onSpinWait();
    }
    long before = bed.simulator().executedEvents();
    bed.simulator().runUntil(time + Time.millis(Long.parseLong(args[2])));
    System.out.println("counted-events " + (bed.simulator().executedEvents() - before));
    System.out.flush();
  }
}
