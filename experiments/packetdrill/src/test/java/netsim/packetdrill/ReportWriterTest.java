package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.packetdrill.ScriptResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as text and as a markdown table, written to a directory. */
class ReportWriterTest {
  private static final Report REPORT =
      new Report(
          "rfc",
          List.of(
              ScriptResult.pass("a.pkt", List.of("1: sysctl -q")),
              new ScriptResult(
                  "b.pkt",
                  Status.FAIL,
                  12,
                  "acknowledgment number: expected 2 but sent 1",
                  "+0 > . 1:1(0) ack 2",
                  "0.200000 > . 1:1(0) ack 1 win 65535",
                  List.of()),
              new ScriptResult(
                  "c.pkt",
                  Status.UNSUPPORTED,
                  3,
                  "TCP_INFO (netsim does not model struct" + " tcp_info)",
                  "",
                  "",
                  List.of()),
              new ScriptResult("d|e.pkt", Status.ERROR, 1, "unknown flag", "", "", List.of())));

  @Test
  void text_givesEachScriptItsResult_andTheFirstMismatch() {
    assertThat(ReportWriter.text(REPORT))
        .isEqualTo(
            String.join(
                "\n",
                "packetdrill run, profile rfc: 4 scripts: 1 pass, 1 fail, 1 unsupported, 1 error",
                "",
                "PASS a.pkt",
                "    skipped shell command, line 1: sysctl -q",
                "FAIL b.pkt:12: acknowledgment number: expected 2 but sent 1",
                "    expected: +0 > . 1:1(0) ack 2",
                "    actual:   0.200000 > . 1:1(0) ack 1 win 65535",
                "UNSUPPORTED c.pkt:3: TCP_INFO (netsim does not model struct tcp_info)",
                "ERROR d|e.pkt:1: unknown flag",
                ""));
  }

  @Test
  void markdown_isATableWithEscapedCells() {
    String markdown = ReportWriter.markdown(REPORT);
    assertThat(markdown)
        .startsWith(
            "# packetdrill report\n\nProfile `rfc`: 4 scripts: 1 pass,"
                + " 1 fail, 1 unsupported, 1 error.\n\n| script | result | line | detail |\n"
                + "|---|---|---|---|\n");
    assertThat(markdown).contains("| `a.pkt` | pass |  | <br>skipped shell commands: 1 |\n");
    assertThat(markdown)
        .contains(
            "| `b.pkt` | fail | 12 | acknowledgment number: expected 2"
                + " but sent 1<br>expected: `+0 > . 1:1(0) ack 2`<br>actual: `0.200000 > . 1:1(0) ack 1"
                + " win 65535` |\n");
    assertThat(markdown).contains("| `d\\|e.pkt` | error | 1 | unknown flag |\n");
  }

  @Test
  void write_createsTheDirectory_andBothFiles(@TempDir Path temp) throws IOException {
    Path dir = temp.resolve("reports/packetdrill");
    ReportWriter.write(REPORT, dir);
    assertThat(Files.readString(dir.resolve(ReportWriter.TEXT_FILE), StandardCharsets.UTF_8))
        .isEqualTo(ReportWriter.text(REPORT));
    assertThat(Files.readString(dir.resolve(ReportWriter.MARKDOWN_FILE), StandardCharsets.UTF_8))
        .isEqualTo(ReportWriter.markdown(REPORT));
  }

  @Test
  void report_isOk_unlessAScriptFailedOrCouldNotBeRead() {
    assertThat(REPORT.ok()).isFalse();
    assertThat(new Report("rfc", List.of(REPORT.results().get(0), REPORT.results().get(2))).ok())
        .as("unsupported scripts do not make a run fail")
        .isTrue();
  }
}
