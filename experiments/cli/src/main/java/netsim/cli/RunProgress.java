package netsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import netsim.core.Time;
import netsim.scenario.run.Experiment;

/**
 * Shows how a long run goes, on a terminal: after two seconds, one line on stderr redrawn in place
 * about once a second, with the virtual time reached (of {@code stop.at}) and the events run per
 * second; then, while the outputs are written, what was simulated; erased at the end. Away from a
 * terminal it prints nothing. The wall clock serves only this display; nothing it reads reaches a
 * result.
 */
final class RunProgress implements Experiment.Watcher {
  private static final long FIRST_NS = 2_000_000_000L;
  private static final long EVERY_NS = 1_000_000_000L;

  /** Steps of virtual time between two looks at the wall clock. */
  private static final int STEPS_PER_LOOK = 1024;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long stopAt;
  private long nextDraw;
  private long lastClock;
  private long lastEvents;
  private int steps;
  private int drawn;

  /**
   * @param terminal whether {@code err} is a terminal; if not, nothing is shown
   * @param nanoClock the wall clock, in nanoseconds ({@code System::nanoTime})
   * @param stopAt the run's {@code stop.at}, in virtual nanoseconds
   */
  RunProgress(PrintWriter err, boolean terminal, LongSupplier nanoClock, long stopAt) {
    this.err = err;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.stopAt = stopAt;
    this.lastClock = nanoClock.getAsLong();
    this.nextDraw = lastClock + FIRST_NS;
  }

  @Override
  public void advanced(long now, long events) {
    if (!terminal || ++steps < STEPS_PER_LOOK) {
      return;
    }
    steps = 0;
    long clock = nanoClock.getAsLong();
    if (clock < nextDraw || stopAt <= 0) {
      return;
    }
    nextDraw = clock + EVERY_NS;
    double rate = (events - lastEvents) / ((clock - lastClock) / 1e9);
    lastClock = clock;
    lastEvents = events;
    draw(
        String.format(
            Locale.ROOT,
            "run: virtual time %s%s, %s events/s",
            reached(now),
            stopAt == Long.MAX_VALUE
                ? ""
                : String.format(
                    Locale.ROOT,
                    " of %s (%d%%)",
                    Time.format(stopAt),
                    (int) (100.0 * now / stopAt)),
            magnitude(rate)));
  }

  /** Once a line is shown, says that the simulation is over and the outputs are being written. */
  @Override
  public void ended(long now, long events) {
    if (drawn > 0) {
      draw(
          "run: simulated to "
              + reached(now)
              + " ("
              + magnitude((double) events)
              + " events); writing the outputs");
    }
  }

  private void draw(String line) {
    err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
    err.flush();
    drawn = line.length();
  }

  /** {@code now} to the millisecond: 15.123s. */
  private static String reached(long now) {
    return Time.format(now / 1_000_000 * 1_000_000);
  }

  /** Erases the line, if one was shown. */
  void finish() {
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
  }

  /** 950, 12.3k, 4.5M. */
  static String magnitude(double value) {
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
