package netsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import netsim.explore.sweep.RunRecord;
import netsim.explore.sweep.SweepOutputs;

/**
 * The last lines of {@code netsim sweep} and {@code netsim merge}: invariants, then files, and on
 * stderr a warning for each plot that could not be drawn.
 */
final class SweepReport {
  private SweepReport() {}

  /** Prints them; returns the exit status (1 for a violation with {@code check}). */
  static int print(
      PrintWriter stdout,
      PrintWriter err,
      List<RunRecord> records,
      SweepOutputs.Written written,
      boolean check) {
    List<Path> files = written.files();
    long violated = records.stream().filter(r -> !r.violations().isEmpty()).count();
    stdout.println(
        violated == 0
            ? "invariants: all hold in every run"
            : "invariants: violated in "
                + violated
                + " of "
                + records.size()
                + " runs (see"
                + " results.csv, column invariants_ok, and runs/NNNNNN.json)");
    stdout.println("files:");
    long plots = 0;
    for (Path f : files) {
      if (f.getParent() != null && f.getParent().getFileName().toString().equals("plots")) {
        plots++;
      } else {
        stdout.println("  " + f);
      }
    }
    if (plots > 0) {
      Path dir =
          files.stream()
              .filter(f -> f.getParent().getFileName().toString().equals("plots"))
              .findFirst()
              .get()
              .getParent();
      stdout.println("  " + dir + "/ (" + plots + " plot" + (plots == 1 ? "" : "s") + ")");
    }
    stdout.flush();
    for (String warning : written.warnings()) {
      err.println("netsim: warning: " + warning);
    }
    err.flush();
    return check && violated > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
  }
}
