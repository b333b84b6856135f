package netsim.packetdrill;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code netsim packetdrill} does once its command line is read: runs the scripts, prints one
 * line per script and the totals, and writes the report when asked. It prints no error of its own:
 * reading the command line and saying what went wrong belong to the {@code netsim} command, which
 * does so for every command in one way.
 */
public final class PacketdrillCommand {
  private PacketdrillCommand() {}

  /**
   * Runs {@code scripts} with {@code options}, printing on {@code out}, and writes the report into
   * {@code reportDir} unless it is null.
   *
   * @return the report; {@link Report#ok()} says whether no script failed or was unreadable
   * @throws IOException when the report cannot be written (the results were printed)
   */
  public static Report run(List<Path> scripts, Options options, Path reportDir, PrintWriter out)
      throws IOException {
    Report report = PacketdrillRunner.run(scripts, options);
    for (ScriptResult result : report.results()) {
      out.println(result.summary());
    }
    out.println(report.totals());
    out.flush();
    if (reportDir != null) {
      ReportWriter.write(report, reportDir);
    }
    return report;
  }
}
