package netsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import netsim.explore.sweep.SweepPlan;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code netsim validate}: checks an experiment file without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = {
      "Checks an experiment file (or built-in scenario) without running it: YAML"
          + " syntax, unknown keys, types, ranges and names that point nowhere; and every value"
          + " of its sweep section, if it has one.",
      "A mistake is reported with file, line, column and field path, and exit status 2."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.yaml|SCENARIO")
  String experiment;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try {
      ExperimentConfig config =
          ExperimentSource.load(experiment, List.of(), spec.commandLine().getErr());
      String sweep = "";
      if (ExperimentSource.declaresSweep(experiment)) {
        SweepPlan plan = SweepPlan.load(Path.of(experiment), List.of());
        plan.validate();
        sweep =
            "; sweep: "
                + plan.runs()
                + " runs = "
                + plan.spec().points()
                + " points x "
                + plan.spec().runsPerPoint();
      }
      spec.commandLine()
          .getOut()
          .println(
              experiment
                  + ": valid ("
                  + config.name()
                  + ": "
                  + config.nodes().size()
                  + " nodes, "
                  + config.links().size()
                  + " links, "
                  + config.clients().size()
                  + " clients, "
                  + config.listeners().size()
                  + " listeners, "
                  + config.rules().size()
                  + " rules"
                  + sweep
                  + ")");
      return ExitCodes.OK;
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("netsim: " + e.getMessage());
      return ExitCodes.of(e);
    }
  }
}
