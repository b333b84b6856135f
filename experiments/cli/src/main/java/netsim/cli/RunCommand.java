package netsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import netsim.report.files.OutputException;
import netsim.report.files.OutputPaths;
import netsim.report.output.RunWriter;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.run.RunException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netsim run}: runs an experiment and writes its trace, captures, summary and ladder. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description =
        "Runs an experiment from a YAML file or a built-in scenario (see 'netsim"
            + " scenarios') and writes trace.jsonl, HOST.pcap, summary.json, ladder.svg and, when"
            + " segments carry data, timeseq.svg and cwnd.svg. They are written beside DIR and"
            + " replace it whole once the run has finished: DIR holds one whole run or none."
            + " netsim replaces only a directory that it wrote itself (or an empty one). On a"
            + " terminal, a long run shows its progress on stderr.")
final class RunCommand implements Callable<Integer> {
  @Mixin ExperimentArgument experiment;

  @Mixin MasterSeedOption seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The directory to write the" + " outputs into (default: out/NAME).")
  Path out;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Overrides one value of"
              + " the file, e.g. --set links[0].loss=0.01 --set tcp.msl=1s. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--check", description = "Exit with status 1 when an invariant is violated.")
  boolean check;

  @Option(
      names = "--plots",
      description =
          "Write timeseq.svg and cwnd.svg even when no segment"
              + " carries data (a run with data always gets them, unless outputs.plots is false).")
  boolean plots;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Runs the experiment, printing on {@code outStream} and {@code err}: the exit status. */
  int run(PrintWriter outStream, PrintWriter err) {
    ExperimentConfig config;
    try {
      config = ExperimentSource.load(experiment.fileOrName, seed.after(overrides), err);
    } catch (ConfigException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.of(e);
    }
    RunWriter.Outcome outcome;
    Path dir = null;
    // Java 17 to 21: console() is null unless stdin and stdout are a terminal (Java 22's
    // Console.isTerminal() is not in Java 17).
    @SuppressWarnings("SystemConsoleNull")
    RunProgress progress =
        new RunProgress(err, System.console() != null, System::nanoTime, config.stop().at());
    try {
      dir = out != null ? OutputPaths.directory(out) : OutputPaths.defaultDirectory(config.name());
      outcome = RunWriter.run(config, dir, plots, progress);
    } catch (OutputException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (RunException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println(
          "netsim: cannot write the outputs in "
              + OutputPaths.forDisplay(dir)
              + ": "
              + Failures.reason(e));
      return ExitCodes.FAILURE;
    } finally {
      progress.finish();
    }
    outStream.print(outcome.text());
    outStream.flush();
    outcome.warnings().forEach(w -> err.println("netsim: warning: " + w));
    err.flush();
    if (check && !outcome.violations().isEmpty()) {
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }
}
