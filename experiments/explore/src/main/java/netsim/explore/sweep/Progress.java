package netsim.explore.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Tells a person how a sweep goes: on a terminal, one bar redrawn in place (runs done / total, runs
 * per second, time left); elsewhere (a log, a CI job, a Slurm output file) one line per finished
 * run. The wall clock serves only this display; nothing it reads reaches a result.
 */
public final class Progress {
  private static final int BAR = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long total;
  private final long skipped;
  private final long started;
  private long done;

  /**
   * @param terminal whether {@code out} is a terminal (a bar) or not (a line per run)
   * @param nanoClock the wall clock, in nanoseconds ({@code System::nanoTime})
   * @param total the runs of this sweep (or share)
   * @param skipped those already finished before this invocation
   */
  public Progress(
      PrintWriter out, boolean terminal, LongSupplier nanoClock, long total, long skipped) {
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.total = total;
    this.skipped = skipped;
    this.done = skipped;
    this.started = nanoClock.getAsLong();
    if (terminal && skipped < total) {
      draw();
    }
  }

  /** A run finished; {@code what} says which (seed, values, invariants). */
  public void runDone(long run, String what) {
    done++;
    if (terminal) {
      draw();
    } else {
      out.println(
          String.format(
              Locale.ROOT, "run %06d done (%d/%d): %s; %s", run, done, total, what, pace()));
      out.flush();
    }
  }

  /** Ends the bar's line. */
  public void finish() {
    if (terminal && skipped < total) {
      out.println();
      out.flush();
    }
  }

  private void draw() {
    int filled = total == 0 ? BAR : (int) (BAR * done / total);
    String bar = "#".repeat(filled) + "-".repeat(BAR - filled);
    out.print(String.format(Locale.ROOT, "\r[%s] %d/%d runs  %s   ", bar, done, total, pace()));
    out.flush();
  }

  /** "2.5 runs/s, about 12s left". */
  String pace() {
    long ran = done - skipped;
    double seconds = (nanoClock.getAsLong() - started) / 1e9;
    if (ran == 0 || seconds <= 0) {
      return "starting";
    }
    double rate = ran / seconds;
    long left = (long) Math.ceil((total - done) / rate);
    return String.format(
        Locale.ROOT,
        "%.1f runs/s, %s",
        rate,
        done == total
            ? "done in " + duration((long) Math.ceil(seconds))
            : "about " + duration(left) + " left");
  }

  /** 42s, 3m05s, 2h07m. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
