package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A plain {@code netsim run} line, read without picocli, means what picocli reads in it. */
class PlainRunTest {
  /** The run command picocli parses from {@code args}. */
  private static RunCommand picocli(String... args) {
    CommandLine.ParseResult parsed = NetsimCommand.commandLine(args).parseArgs(args);
    return (RunCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void plainRunLines_areReadAsPicocliReadsThem() {
    String[][] cases = {
      {"run", "lost-final-ack"},
      {"run", "exp.yaml", "--out", "out/x"},
      {"run", "--out", "d", "exp.yaml"},
      {"run", "exp.yaml", "--set", "seed=3", "--set", "links[0].loss=0.01", "--check"},
      {"run", "--plots", "--check", "a b.yaml", "--set", "tcp.msl=1s", "--out", "d d"},
      {"run", "exp.yaml", "--set", "name=--x"},
    };
    for (String[] args : cases) {
      RunCommand plain = PlainRun.parse(args);
      RunCommand expected = picocli(args);
      assertThat(plain).as(String.join(" ", args)).isNotNull();
      assertThat(plain.experiment.fileOrName).isEqualTo(expected.experiment.fileOrName);
      assertThat(plain.seed.seed).isEqualTo(expected.seed.seed).isNull();
      assertThat(plain.out).isEqualTo(expected.out);
      assertThat(plain.overrides).isEqualTo(expected.overrides);
      assertThat(plain.check).isEqualTo(expected.check);
      assertThat(plain.plots).isEqualTo(expected.plots);
    }
  }

  @Test
  void anyOtherCommandLine_isLeftToPicocli() {
    String[][] cases = {
      {},
      {"run"},
      {"run", "--help"},
      {"run", "--version"},
      {"run", "x.yaml", "--help"},
      {"run", "x.yaml", "--out=d"},
      {"run", "x.yaml", "--seed", "3"},
      {"run", "--debug", "x.yaml"},
      {"run", "x.yaml", "y.yaml"},
      {"run", "x.yaml", "--out", "a", "--out", "b"},
      {"run", "x.yaml", "--check", "--check"},
      {"run", "x.yaml", "--plots", "--plots"},
      {"run", "x.yaml", "--set"},
      {"run", "x.yaml", "--out"},
      {"run", "x.yaml", "--out", "-d"},
      {"run", "x.yaml", "--set", "--check"},
      {"run", "x.yaml", "--set", ""},
      {"run", ""},
      {"run", "-x"},
      {"run", "x.yaml", "--", "y"},
      {"run", "x.yaml", "--bogus"},
      {"rnu", "x.yaml"},
      {"validate", "x.yaml"},
      {"help", "run"},
    };
    for (String[] args : cases) {
      assertThat(PlainRun.parse(args)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void aPlainRun_printsAndExitsAsPicocliRunsIt(@TempDir Path dir) {
    String out = dir.resolve("out").toString();
    String[][] cases = {
      {"run", "lost-final-ack", "--out", out, "--check"},
      {"run", "lost-final-ack", "--out", out, "--set", "seed=9", "--plots"},
      {"run", "no-such-scenario", "--out", out},
      {"run", dir.resolve("missing.yaml").toString(), "--out", out},
      {"run", "lost-final-ack", "--out", out, "--set", "tcp.bogus=1"},
    };
    for (String[] args : cases) {
      Cli.Result picocli = Cli.run(args);
      StringWriter printed = new StringWriter();
      StringWriter errors = new StringWriter();
      int exit =
          PlainRun.parse(args).run(new PrintWriter(printed, true), new PrintWriter(errors, true));
      assertThat(new Cli.Result(exit, printed.toString(), errors.toString()))
          .as(String.join(" ", args))
          .isEqualTo(picocli);
    }
  }
}
