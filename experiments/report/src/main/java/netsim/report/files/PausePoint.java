package netsim.report.files;

/**
 * A test hook: started with {@code -Dnetsim.pauseAt=POINT}, netsim stops at that point of its
 * output commit (prints {@code netsim: paused at POINT} on stderr and waits), so that a test can
 * kill the process exactly there. The points: {@code run-simulated} (a run's captures written, the
 * rest not), {@code run-commit} (every output staged, the directory not yet replaced), {@code
 * run-swap} (the earlier directory moved aside, the new one not yet renamed into place), and {@code
 * rename:FILE} (a file written atomically, e.g. a sweep's {@code 000003.json} or {@code
 * results.csv}, is complete under its temporary name and not yet renamed). Without the property it
 * does nothing.
 */
public final class PausePoint {
  private static final String AT = System.getProperty("netsim.pauseAt", "");

  /** Long enough for any test to kill the process; then it ends, never going on. */
  private static final long WAIT_MS = 120_000;

  private PausePoint() {}

  /** Stops here if the process was told to pause at {@code prefix + name}. */
  public static void reach(String prefix, String name) {
    if (AT.isEmpty() || !AT.startsWith(prefix) || !AT.equals(prefix + name)) {
      return;
    }
    System.err.println("netsim: paused at " + AT);
    System.err.flush();
    long until = System.nanoTime() + WAIT_MS * 1_000_000;
    while (System.nanoTime() < until) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        // keep waiting for the kill
      }
    }
    Runtime.getRuntime().halt(99);
  }

  /** Stops here if the process was told to pause at {@code point}. */
  public static void reach(String point) {
    reach(point, "");
  }
}
