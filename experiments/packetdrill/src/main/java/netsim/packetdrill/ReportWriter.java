package netsim.packetdrill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link Report} to a directory: {@code packetdrill-report.txt}, one block per script with
 * the first mismatch (expected and actual) and the skipped shell commands, and {@code
 * packetdrill-report.md}, a table of script, result, line and reason.
 */
public final class ReportWriter {
  public static final String TEXT_FILE = "packetdrill-report.txt";
  public static final String MARKDOWN_FILE = "packetdrill-report.md";

  private ReportWriter() {}

  /** Writes both files into {@code directory}, creating it if needed. */
  public static void write(Report report, Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve(TEXT_FILE), text(report), StandardCharsets.UTF_8);
    Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(report), StandardCharsets.UTF_8);
  }

  /** The plain-text report. */
  public static String text(Report report) {
    StringBuilder out = new StringBuilder(256);
    out.append("packetdrill run, profile ")
        .append(report.profile())
        .append(": ")
        .append(report.totals())
        .append("\n\n");
    for (ScriptResult result : report.results()) {
      out.append(result.summary()).append('\n');
      if (!result.expected().isEmpty()) {
        out.append("    expected: ").append(result.expected()).append('\n');
      }
      if (!result.actual().isEmpty()) {
        out.append("    actual:   ").append(result.actual()).append('\n');
      }
      for (String shell : result.skippedShell()) {
        out.append("    skipped shell command, line ").append(shell).append('\n');
      }
    }
    return out.toString();
  }

  /** The markdown report: a totals line and a table. */
  public static String markdown(Report report) {
    StringBuilder out = new StringBuilder(256);
    out.append("# packetdrill report\n\nProfile `")
        .append(report.profile())
        .append("`: ")
        .append(report.totals())
        .append(".\n\n")
        .append("| script | result | line | detail |\n|---|---|---|---|\n");
    for (ScriptResult result : report.results()) {
      StringBuilder detail = new StringBuilder(cell(result.reason()));
      if (!result.expected().isEmpty()) {
        detail.append("<br>expected: `").append(cell(result.expected())).append('`');
      }
      if (!result.actual().isEmpty()) {
        detail.append("<br>actual: `").append(cell(result.actual())).append('`');
      }
      if (!result.skippedShell().isEmpty()) {
        detail.append("<br>skipped shell commands: ").append(result.skippedShell().size());
      }
      out.append("| `")
          .append(cell(result.script()))
          .append("` | ")
          .append(result.status().name().toLowerCase(Locale.ROOT))
          .append(" | ")
          .append(result.line() > 0 ? Integer.toString(result.line()) : "")
          .append(" | ")
          .append(detail)
          .append(" |\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
