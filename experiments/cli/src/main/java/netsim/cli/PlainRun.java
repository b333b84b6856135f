package netsim.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code netsim run} in its plain form, the one scripts and benchmarks type, read without picocli:
 * {@code run FILE.yaml|SCENARIO} and any of {@code --out DIR}, {@code --set PATH=VALUE} (repeated),
 * {@code --check} and {@code --plots}, each option once (but {@code --set}), every value a word
 * that does not start with {@code -}. Any other command line, help, a typo or an error among them,
 * is picocli's ({@link NetsimCommand}), which stays the definition of the command line: this reads
 * only what picocli reads the same way (PlainRunTest pins it on many argument lists).
 *
 * <p>Why: picocli builds its model of {@code netsim} and {@code run} from their annotations by
 * reflection before it parses, and that first use of reflection, annotation proxies and picocli's
 * own classes, all run once in the interpreter, was a quarter of a tiny run's main-thread CPU
 * (about 0.1 s, benchmarks/RESULTS.md "Session 16"): the fixed cost of every run.
 */
final class PlainRun {
  private PlainRun() {}

  /** The run that {@code args} ask for, or null when they are not a plain {@code run} line. */
  static @Nullable RunCommand parse(String... args) {
    if (args.length < 2 || !args[0].equals("run")) {
      return null;
    }
    RunCommand run = new RunCommand();
    run.experiment = new ExperimentArgument();
    run.seed = new MasterSeedOption();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        if (arg.isEmpty() || run.experiment.fileOrName != null) {
          return null;
        }
        run.experiment.fileOrName = arg;
        continue;
      }
      switch (arg) {
        case "--check" -> {
          if (run.check) {
            return null;
          }
          run.check = true;
        }
        case "--plots" -> {
          if (run.plots) {
            return null;
          }
          run.plots = true;
        }
        case "--out", "--set" -> {
          if (i + 1 == args.length || args[i + 1].isEmpty() || args[i + 1].startsWith("-")) {
            return null;
          }
          String value = args[++i];
          if (arg.equals("--set")) {
            run.overrides.add(value);
          } else if (run.out != null) {
            return null;
          } else {
            try {
              run.out = Path.of(value);
            } catch (InvalidPathException e) { // picocli's usage error
              return null;
            }
          }
        }
        default -> {
          return null;
        }
      }
    }
    return run.experiment.fileOrName != null ? run : null;
  }

  /**
   * Runs {@code run} as picocli's execution of {@link NetsimCommand} would, on stdout and stderr:
   * its exit status, or one line and the status of an internal error for whatever escapes it.
   */
  static int execute(RunCommand run) {
    PrintWriter out = writer(System.out, "sun.stdout.encoding");
    PrintWriter err = writer(System.err, "sun.stderr.encoding");
    try {
      return run.run(out, err);
    } catch (RuntimeException | Error e) { // out of memory, or any other
      return Failures.uncaught(err, "netsim run", e, false);
    }
  }

  /**
   * A writer on {@code stream} as picocli makes its own: in the encoding the JVM reports for the
   * stream (the property {@code encodingProperty}) when it has one, else the default charset,
   * flushed at every line.
   */
  private static PrintWriter writer(OutputStream stream, String encodingProperty) {
    String encoding = System.getProperty(encodingProperty);
    Charset charset = Charset.defaultCharset();
    if (encoding != null) {
      try {
        charset = Charset.forName(encoding.equalsIgnoreCase("cp65001") ? "UTF-8" : encoding);
      } catch (IllegalArgumentException unknown) {
        // picocli falls back to the default charset too
      }
    }
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
  }
}
