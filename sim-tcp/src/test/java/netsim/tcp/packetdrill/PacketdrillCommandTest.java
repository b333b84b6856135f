package netsim.tcp.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsim packetdrill FILE.pkt... [-D NAME] [--ignore-shell] [--report DIR] [--profile
 * linux|freebsd|rfc]}, as the CLI calls it.
 */
class PacketdrillCommandTest {
  private static final String CONNECT = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
      + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
      + "+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n"
      + "+0 > S 0:0(0) <...>\n";

  @TempDir
  Path dir;
  private Path passing;
  private Path shell;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void scripts() throws IOException {
    passing = write("pass.pkt", CONNECT + "#ifdef SLOW\n+3 > S 0:0(0) <...>\n#endif\n");
    shell = write("shell.pkt", "0 `sysctl -w x=1`\n+" + CONNECT);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private int run(String... args) {
    List<String> list = new ArrayList<>(List.of(args));
    return PacketdrillCommand.run(list, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anEmptyScript_isAnError_andTheCommandFails() throws IOException {
    Path empty = write("empty.pkt", "");
    assertThat(run(passing.toString(), empty.toString())).isEqualTo(1);
    assertThat(out()).isEqualTo("PASS " + passing + "\nERROR " + empty + ": the script has no"
        + " events: nothing to test\n2 scripts: 1 pass, 0 fail, 0 unsupported, 1 error\n");
  }

  @Test
  void passingScripts_exitZero_andPrintOneLineEach() {
    assertThat(run(passing.toString(), shell.toString())).isZero();
    assertThat(out()).isEqualTo("PASS " + passing + "\nUNSUPPORTED " + shell + ":1: shell"
        + " command `sysctl -w x=1` (run with ignoreShell to skip shell commands)\n2 scripts:"
        + " 1 pass, 0 fail, 1 unsupported, 0 error\n");
  }

  @Test
  void defines_reachTheScripts_andAFailureExitsOne() {
    assertThat(run(passing.toString(), "-D", "SLOW")).isEqualTo(1);
    assertThat(out()).startsWith("FAIL " + passing + ":6: segment sent at 1.000000, expected"
        + " at 3.000000");
    out.reset();
    assertThat(run(passing.toString(), "-DSLOW")).isEqualTo(1);
  }

  @Test
  void ignoreShell_skipsShellCommands() {
    assertThat(run("--ignore-shell", shell.toString())).isZero();
    assertThat(out()).startsWith("PASS " + shell);
  }

  @Test
  void report_writesTheReportFiles() {
    Path reports = dir.resolve("report");
    assertThat(run(passing.toString(), "--report", reports.toString(), "--profile", "linux"))
        .isZero();
    assertThat(reports.resolve(ReportWriter.TEXT_FILE)).exists();
    assertThat(reports.resolve(ReportWriter.MARKDOWN_FILE)).content()
        .contains("Profile `linux`");
  }

  @Test
  void usageErrors_exitTwo_withTheUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("--profile", "solaris", passing.toString())).isEqualTo(2);
    assertThat(run("--bogus", passing.toString())).isEqualTo(2);
    assertThat(run(passing.toString(), "--report")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no script given",
        "unknown profile 'solaris' (known: rfc, linux, freebsd)", "unknown option --bogus",
        "--report needs a value", PacketdrillCommand.USAGE);
  }

  @Test
  void missingScript_isAnError() {
    assertThat(run(dir.resolve("nope.pkt").toString())).isEqualTo(1);
    assertThat(out()).startsWith("ERROR " + dir.resolve("nope.pkt") + ": cannot read the"
        + " script");
  }
}
