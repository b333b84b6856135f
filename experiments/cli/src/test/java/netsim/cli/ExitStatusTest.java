package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Exit statuses have one meaning each, listed in every command's help; whatever escapes a command
 * is one line naming it, with a hint, and a stack trace only with --debug; help prints no warning.
 */
class ExitStatusTest {
  private static final List<String> COMMANDS =
      List.of("run", "validate", "scenarios", "packetdrill", "sweep", "merge", "hunt", "shrink");

  @Test
  void everyCommandsHelp_listsTheExitStatuses_andPrintsNoWarning() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (String command : COMMANDS) {
        Cli.Result help = Cli.run(command, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out())
            .as(command)
            .contains("--debug")
            .contains(
                """
            Exit status:
              0     done
            """)
            .endsWith(
                """
              2     a mistake in the command line or the config; the message says which
              3     could not finish: a file could not be written, or an internal error
              4     out of memory, or would be: give Java more (JDK_JAVA_OPTIONS=-Xmx8g)
              130   interrupted by Ctrl-C (143: by SIGTERM); nothing half-written is left
            """);
      }
      assertThat(Cli.run("run", "--help").out())
          .containsPattern("(?m)^ +1 +an invariant was violated, and --check was given$");
      assertThat(Cli.run("hunt", "--help").out())
          .containsPattern("(?m)^ +1 +no seed fired the detector$");
      assertThat(Cli.run("packetdrill", "--help").out())
          .containsPattern("(?m)^ +1 +a script failed$");
      assertThat(Cli.run("validate", "--help").out()).doesNotContainPattern("(?m)^ +1 ");
      assertThat(Cli.run("--help").exit()).isZero();
      assertThat(Cli.run("help", "sweep").out()).contains("95% confidence");
    } finally {
      System.setErr(stderr);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anUncaughtException_isOneLineNamingTheCommandWithAHint_exit3() {
    Cli.Result result =
        run(new Throwing(new IllegalStateException("Series name x has already" + " been used")));
    assertThat(result)
        .isEqualTo(
            new Cli.Result(
                3,
                "",
                "netsim boom: internal error:"
                    + " java.lang.IllegalStateException: Series name x has already been used. This is a bug"
                    + " in netsim: please report it with this command line and its input files (--debug"
                    + " shows the stack trace)\n"));
  }

  @Test
  void withDebug_theStackTraceFollowsTheLine() {
    Cli.Result result = run(new Throwing(new IllegalStateException("x")), "--debug");
    assertThat(result.exit()).isEqualTo(3);
    assertThat(result.err())
        .startsWith(
            "netsim boom: internal error:"
                + " java.lang.IllegalStateException: x. This is a bug in netsim: please report it with"
                + " this command line and its input files\njava.lang.IllegalStateException: x\n\tat ");
  }

  @Test
  void outOfMemory_exits4_notTheStatusOfAViolatedInvariant() {
    Cli.Result result = run(new Throwing(new OutOfMemoryError("Java heap space")));
    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.err())
        .matches(
            "netsim boom: out of memory \\(Java may use [0-9]+ MiB\\):"
                + " give it more, e.g. JDK_JAVA_OPTIONS=-Xmx8g, or make the run smaller \\(fewer bytes"
                + " or connections, an earlier stop.at\\); nothing half-written was left\n");
  }

  @Test
  void aHugeExceptionMessage_isCut() {
    Cli.Result result = run(new Throwing(new IllegalArgumentException("9".repeat(1_000_000))));
    assertThat(result.err()).hasLineCount(1).hasSizeLessThan(1000).contains("... (");
  }

  @Test
  void packetdrill_anUnknownProfile_isAUsageErrorLikeAnyOther() {
    Cli.Result result = Cli.run("packetdrill", "--profile", "nosuch", "x.pkt");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "netsim: Invalid value for option '--profile':"
                + " unknown profile 'nosuch' (known: rfc, linux, freebsd)\n"
                + "Try 'netsim packetdrill --help'.");
  }

  /** Runs the test command {@code boom} under netsim's command line. */
  private static Cli.Result run(Callable<Integer> boom, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = NetsimCommand.commandLine();
    cl.addSubcommand("boom", boom);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] args = new String[options.length + 1];
    args[0] = "boom";
    System.arraycopy(options, 0, args, 1, options.length);
    int exit = cl.execute(args);
    return new Cli.Result(exit, out.toString(), err.toString());
  }

  /** A command that fails with {@code failure}, as a bug or a full heap would. */
  @Command(name = "boom")
  static final class Throwing implements Callable<Integer> {
    private final Throwable failure;

    Throwing(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error e) {
        throw e;
      }
      throw (Exception) failure;
    }
  }
}
