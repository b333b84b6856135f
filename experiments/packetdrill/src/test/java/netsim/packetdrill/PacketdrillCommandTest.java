package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code netsim packetdrill} does once its command line is read (the command line itself is
 * tested in the experiments module, PacketdrillCliTest).
 */
class PacketdrillCommandTest {
  private static final String CONNECT =
      "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
          + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
          + "+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n"
          + "+0 > S 0:0(0) <...>\n";

  @TempDir Path dir;
  private Path passing;
  private Path shell;
  private final StringWriter out = new StringWriter();

  @BeforeEach
  void scripts() throws IOException {
    passing = write("pass.pkt", CONNECT + "#ifdef SLOW\n+3 > S 0:0(0) <...>\n#endif\n");
    shell = write("shell.pkt", "0 `sysctl -w x=1`\n+" + CONNECT);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Report run(Options options, Path reportDir, Path... scripts) throws IOException {
    return PacketdrillCommand.run(List.of(scripts), options, reportDir, new PrintWriter(out));
  }

  private Report run(Path... scripts) throws IOException {
    return run(Options.defaults(), null, scripts);
  }

  @Test
  void anEmptyScript_isAnError_andTheCommandFails() throws IOException {
    Path empty = write("empty.pkt", "");
    assertThat(run(passing, empty).ok()).isFalse();
    assertThat(out)
        .hasToString(
            "PASS "
                + passing
                + "\nERROR "
                + empty
                + ": the script has no"
                + " events: nothing to test\n2 scripts: 1 pass, 0 fail, 0 unsupported, 1 error\n");
  }

  @Test
  void passingScripts_areOk_andPrintOneLineEach() throws IOException {
    assertThat(run(passing, shell).ok()).isTrue();
    assertThat(out)
        .hasToString(
            "PASS "
                + passing
                + "\nUNSUPPORTED "
                + shell
                + ":1: shell"
                + " command `sysctl -w x=1` (run with ignoreShell to skip shell commands)\n2 scripts:"
                + " 1 pass, 0 fail, 1 unsupported, 0 error\n");
  }

  @Test
  void defines_reachTheScripts_andAFailureIsNotOk() throws IOException {
    assertThat(run(Options.defaults().withDefines(Set.of("SLOW")), null, passing).ok()).isFalse();
    assertThat(out.toString())
        .startsWith("FAIL " + passing + ":6: segment sent at 1.000000," + " expected at 3.000000");
  }

  @Test
  void ignoreShell_skipsShellCommands() throws IOException {
    assertThat(run(Options.defaults().withIgnoreShell(true), null, shell).ok()).isTrue();
    assertThat(out.toString()).startsWith("PASS " + shell);
  }

  @Test
  void report_writesTheReportFiles() throws IOException {
    Path reports = dir.resolve("report");
    assertThat(run(Options.defaults().withProfile(Profile.linux()), reports, passing).ok())
        .isTrue();
    assertThat(reports.resolve(ReportWriter.TEXT_FILE)).exists();
    assertThat(reports.resolve(ReportWriter.MARKDOWN_FILE)).content().contains("Profile `linux`");
  }

  @Test
  void aReportThatCannotBeWritten_throws_afterTheResultsArePrinted() throws IOException {
    Path reports = write("file", "mine").resolve("report");
    assertThatThrownBy(() -> run(Options.defaults(), reports, passing))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("Not a directory");
    assertThat(out)
        .hasToString(
            "PASS " + passing + "\n1 script: 1 pass, 0 fail, 0 unsupported," + " 0 error\n");
  }

  @Test
  void missingScript_isAnError() throws IOException {
    assertThat(run(dir.resolve("nope.pkt")).ok()).isFalse();
    assertThat(out.toString())
        .startsWith("ERROR " + dir.resolve("nope.pkt") + ": cannot read" + " the script");
  }
}
