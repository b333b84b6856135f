package netsim.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import netsim.experiments.config.ConfigException;
import netsim.experiments.config.ExperimentConfig;
import netsim.experiments.output.RunOutputs;
import netsim.experiments.run.RunException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netsim run}: runs an experiment and writes its trace, captures, summary and ladder. */
@Command(name = "run", mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = {"Runs an experiment from a YAML file or a built-in scenario (see 'netsim"
        + " scenarios') and writes trace.jsonl, HOST.pcap, summary.json, ladder.svg and, when"
        + " segments carry data, timeseq.svg and cwnd.svg.",
        "Exit status: 0 done; 1 an invariant was violated (with --check); 2 a mistake in the"
            + " config or command line; 3 the run failed."})
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.yaml|SCENARIO",
      description = "An experiment file, or the name of a built-in scenario.")
  String experiment;

  @Option(names = "--seed", paramLabel = "N", description = "The master seed (overrides the"
      + " file's seed).")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the outputs"
      + " (default: out/NAME).")
  Path out;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Overrides one value of"
      + " the file, e.g. --set links[0].loss=0.01 --set tcp.msl=1s. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--check", description = "Exit with status 1 when an invariant is violated.")
  boolean check;

  @Option(names = "--plots", description = "Write timeseq.svg and cwnd.svg even when no segment"
      + " carries data (a run with data always gets them, unless outputs.plots is false).")
  boolean plots;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var outStream = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    ExperimentConfig config;
    try {
      List<String> all = new ArrayList<>(overrides);
      if (seed != null) {
        all.add("seed=" + seed);
      }
      config = ExperimentSource.load(experiment, all, err);
    } catch (ConfigException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Path dir = out != null ? out : Path.of("out", config.name());
    RunOutputs.Outcome outcome;
    try {
      outcome = RunOutputs.run(config, dir, plots);
    } catch (RunException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println("netsim: cannot write the outputs in " + dir + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (RuntimeException e) {
      err.println("netsim: the run failed, which is a bug in netsim (please report it with the"
          + " experiment file): " + e);
      e.printStackTrace(err);
      return ExitCodes.FAILURE;
    }
    outStream.print(outcome.text());
    outStream.flush();
    if (check && !outcome.violations().isEmpty()) {
      return ExitCodes.INVARIANT_VIOLATED;
    }
    return ExitCodes.OK;
  }
}
