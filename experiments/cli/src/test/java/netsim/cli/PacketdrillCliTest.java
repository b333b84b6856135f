package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsim packetdrill}'s command line: its errors (each one line starting with {@code
 * netsim:} once) and its exit statuses (1 only for a script that did not pass).
 */
class PacketdrillCliTest {
  private static final String SCRIPTS =
      Repository.path("experiments/packetdrill/src/test/resources/packetdrill/mission/") + "/";
  private static final String PASSING = SCRIPTS + "lost-final-ack.pkt";
  private static final String FAILING = SCRIPTS + "syn-received-retransmitted-syn.pkt";

  @TempDir Path dir;

  @Test
  void aReportThatCannotBeWritten_exits3_withOneLineSayingWhy_afterTheResults() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "mine");
    Path report = file.resolve("report");
    Cli.Result result = Cli.run("packetdrill", "--report", report.toString(), PASSING);
    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.out())
        .isEqualTo("PASS " + PASSING + "\n1 script: 1 pass, 0 fail," + " 0 unsupported, 0 error\n");
    assertThat(result.err())
        .isEqualTo(
            "netsim: cannot write the report into "
                + report
                + ": "
                + report
                + ": Not a directory\n");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void aReportThatCannotBeWritten_exits3_evenWhenAScriptFailed() throws IOException {
    Path report = Files.writeString(dir.resolve("file"), "mine").resolve("report");
    Cli.Result result = Cli.run("packetdrill", "--report", report.toString(), FAILING);
    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.out()).startsWith("FAIL " + FAILING);
  }

  @Test
  void aFailingScript_exits1_andAWrittenReport_withNothingOnStderr() {
    Cli.Result result = Cli.run("packetdrill", "--report", dir.resolve("r").toString(), FAILING);
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).isEmpty();
    assertThat(dir.resolve("r/packetdrill-report.txt")).content().contains("FAIL " + FAILING);
  }

  /** A command line that cannot run, and the one error line (and status) it gets. */
  private record Mistake(List<String> args, int exit, String line) {}

  @Test
  void everyError_isOneLineStartingWithNetsimOnce() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "mine");
    Path report = file.resolve("report");
    List<Mistake> mistakes =
        List.of(
            new Mistake(
                List.of("--profile", "solaris", PASSING),
                2,
                "netsim: Invalid value for"
                    + " option '--profile': unknown profile 'solaris' (known: rfc, linux, freebsd)"),
            new Mistake(List.of("--bogus", PASSING), 2, "netsim: Unknown option: '--bogus'"),
            new Mistake(
                List.of(PASSING, "--report"),
                2,
                "netsim: Missing required parameter for" + " option '--report' (DIR)"),
            new Mistake(
                List.of("-D"), 2, "netsim: Missing required parameter for option '-D'" + " (NAME)"),
            new Mistake(List.of(), 2, "netsim: Missing required parameter: 'FILE.pkt'"),
            new Mistake(
                List.of("--report", "", PASSING),
                2,
                "netsim: --report  is empty: give the" + " directory to write the report into"),
            new Mistake(
                List.of("--report", file.toString(), PASSING),
                2,
                "netsim: --report "
                    + file
                    + " is not a directory: give the directory to write the report into"),
            new Mistake(
                List.of("--report", report.toString(), PASSING),
                3,
                "netsim: cannot write"
                    + " the report into "
                    + report
                    + ": "
                    + report
                    + ": Not a directory"));
    for (Mistake mistake : mistakes) {
      Cli.Result result = packetdrill(mistake.args());
      assertThat(result.exit()).as(mistake.args().toString()).isEqualTo(mistake.exit());
      List<String> lines = result.err().lines().toList();
      assertThat(lines.get(0)).isEqualTo(mistake.line());
      // What may follow is picocli's hint for a command line it cannot read, as for every command.
      assertThat(lines.subList(1, lines.size()))
          .as(mistake.args().toString())
          .allMatch(line -> line.equals("Try 'netsim packetdrill --help'."));
    }
  }

  @Test
  void aReportOnAFile_isAUsageError_beforeAnyScriptRuns() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "mine");
    Cli.Result result = Cli.run("packetdrill", "--report", file.toString(), PASSING);
    assertThat(result)
        .isEqualTo(
            new Cli.Result(
                2,
                "",
                "netsim: --report "
                    + file
                    + " is not"
                    + " a directory: give the directory to write the report into\n"));
  }

  @Test
  void definesAndIgnoreShell_reachTheScripts() throws IOException {
    Path script =
        Files.writeString(
            dir.resolve("slow.pkt"),
            "0 `true`\n"
                + "+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n"
                + "+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n"
                + "+0 > S 0:0(0) <...>\n#ifdef SLOW\n+3 > S 0:0(0) <...>\n#endif\n");
    assertThat(Cli.run("packetdrill", script.toString()).out()).startsWith("UNSUPPORTED " + script);
    assertThat(Cli.run("packetdrill", "--ignore-shell", script.toString()).exit()).isZero();
    for (List<String> define : List.of(List.of("-D", "SLOW"), List.of("-DSLOW"))) {
      List<String> args = new ArrayList<>(define);
      args.addAll(List.of("--ignore-shell", script.toString()));
      Cli.Result result = packetdrill(args);
      assertThat(result.exit()).isEqualTo(1);
      assertThat(result.out())
          .startsWith("FAIL " + script + ":7: segment sent at 1.000000," + " expected at 3.000000");
    }
  }

  private static Cli.Result packetdrill(List<String> args) {
    List<String> command = new ArrayList<>(List.of("packetdrill"));
    command.addAll(args);
    return Cli.run(command.toArray(String[]::new));
  }

  @Test
  void aScriptWhoseNameStartsWithADash_isAScript_afterDoubleDash() {
    Cli.Result result = Cli.run("packetdrill", "--", "-nope.pkt");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).startsWith("ERROR -nope.pkt: cannot read the script");
    assertThat(result.err()).isEmpty();
  }
}
