package netsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import netsim.core.Time;
import netsim.scenario.run.Experiment;
import org.jspecify.annotations.Nullable;

/**
 * Shows how a long run goes, on a terminal: after two seconds, one line on stderr redrawn in place
 * about once a second, with the virtual time reached (of {@code stop.at}) and the events run per
 * second; then, while the outputs are written, what was simulated; erased at the end. A run that
 * would take long says so once, early: when the pace so far (virtual time per wall second) makes
 * {@code stop.at} more than {@link #LONG_RUN_NS} of wall time away, a line that stays gives the
 * projected wall time and events and reminds of {@code stop.at}; a run without one is reminded once
 * it has run that long. Away from a terminal it prints nothing. The wall clock serves only this
 * display; nothing it reads reaches a result.
 */
final class RunProgress implements Experiment.Watcher {
  private static final long FIRST_NS = 2_000_000_000L;
  private static final long EVERY_NS = 1_000_000_000L;

  /** Steps of virtual time between two looks at the wall clock. */
  private static final int STEPS_PER_LOOK = 1024;

  /** A run projected to take longer than this (wall time, from its start) is told so. */
  static final long LONG_RUN_NS = 120_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long stopAt;
  private final long startClock;
  private boolean told;
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
    this.startClock = lastClock;
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
    if (!told) {
      String projection = projection(clock - startClock, now, events);
      if (projection != null) {
        told = true;
        draw(projection);
        err.print('\n');
        drawn = 0;
      }
    }
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

  /**
   * The warning for a run that, at the pace of its first {@code elapsed} wall nanoseconds, takes
   * longer than {@link #LONG_RUN_NS} in all; null if it does not (or has reached no virtual time).
   */
  private @Nullable String projection(long elapsed, long now, long events) {
    if (stopAt == Long.MAX_VALUE) {
      return elapsed < LONG_RUN_NS
          ? null
          : "run: note: no stop.at is set, so the run goes on until its traffic ends;"
              + " stop.at (or --set stop.at=...) bounds it";
    }
    if (now <= 0) {
      return null;
    }
    double total = (double) elapsed * stopAt / now;
    if (total <= LONG_RUN_NS) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "run: note: at this pace the run takes about %s of wall time in all (about %s events to"
            + " reach stop.at %s); a shorter stop.at (--set stop.at=...) shortens it",
        wallTime(total),
        magnitude((double) events * stopAt / now),
        Time.format(stopAt));
  }

  /** 2 min, 1.5 h: a projected wall time, to the minute. */
  static String wallTime(double nanos) {
    double minutes = nanos / 60e9;
    if (minutes >= 90) {
      return String.format(Locale.ROOT, "%.1f h", minutes / 60);
    }
    return String.format(Locale.ROOT, "%.0f min", Math.ceil(minutes));
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

  /** 950, 12.3k, 4.5M, 1.2G. */
  static String magnitude(double value) {
    if (value >= 1e9) {
      return String.format(Locale.ROOT, "%.1fG", value / 1e9);
    }
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", value / 1e6);
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }
}
