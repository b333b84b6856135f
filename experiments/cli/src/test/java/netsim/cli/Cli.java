package netsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code netsim} command in this JVM, as picocli executes it, capturing its output. */
final class Cli {
  /** What a command did: its exit status and what it printed. */
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    return run(NetsimCommand.commandLine(), args);
  }

  /**
   * Runs {@code args} on {@code cl}: one command line may serve many runs in a row, as picocli
   * resets every option before it parses (the config fuzzer saves building one per case).
   */
  static Result run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
