package netsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import netsim.explore.hunt.Detector;
import netsim.explore.hunt.Detectors;
import netsim.explore.hunt.Hunt;
import netsim.explore.hunt.SeedRange;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netsim hunt}: runs an experiment under many seeds and prints the seeds in which a detector
 * fired, in seed order, whatever the number of threads.
 */
@Command(
    name = "hunt",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = {
      "Runs an experiment under many seeds and prints those in which a detector" + " fired.",
      "Every seed of the range is run as 'netsim run FILE --seed S' would run it; each seed in"
          + " which the detector fired is printed with what it saw, in seed order (the same for"
          + " any --parallel). Replay a find with 'netsim run FILE --seed S'; shrink it with"
          + " 'netsim shrink'.",
      "Progress goes to stderr every 1000 seeds."
    })
final class HuntCommand implements Callable<Integer> {
  @Mixin ExperimentArgument experiment;

  @Option(
      names = "--until",
      required = true,
      paramLabel = "DETECTOR",
      completionCandidates = DetectorNames.class,
      description = "The edge case to hunt for: ${COMPLETION-CANDIDATES}.")
  String until;

  @Option(
      names = "--seeds",
      paramLabel = "FIRST..LAST",
      defaultValue = "1..100000",
      description = "The seeds to try, in order (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Mixin ParallelOption parallel;

  @Option(
      names = "--limit",
      paramLabel = "K",
      description = "Stop after K finds: the K" + " smallest seeds that fire (default: no limit).")
  Long limit;

  @Mixin OverridesOption overrides;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The detector names, for the help text. */
  static final class DetectorNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    DetectorNames() {
      super(Detectors.REGISTRY.names());
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ExperimentConfig config;
    Detector detector;
    SeedRange range;
    Hunt hunt;
    try {
      detector = Detectors.get(until);
      range = SeedRange.parse(seeds);
      config = ExperimentSource.load(experiment.fileOrName, overrides.values, err);
      hunt =
          new Hunt(
              config, detector, range, parallel.workers(), limit == null ? Long.MAX_VALUE : limit);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("netsim: " + e.getMessage());
      return e instanceof ConfigException c ? ExitCodes.of(c) : ExitCodes.USAGE;
    }
    out.println(
        "hunting "
            + detector.name()
            + " ("
            + detector.meaning()
            + ") in "
            + experiment.fileOrName
            + ", seeds "
            + range);
    out.flush();
    Hunt.Outcome outcome;
    try {
      outcome =
          hunt.run(
              find -> {
                out.println(find.line());
                out.flush();
              },
              progress -> {
                err.println(
                    "hunt: "
                        + progress.runs()
                        + "/"
                        + progress.total()
                        + " seeds run, "
                        + progress.found()
                        + " found");
                err.flush();
              });
    } catch (Hunt.HuntException e) {
      err.println(
          "netsim: "
              + e.getMessage()
              + " (reproduce it with 'netsim run "
              + experiment.fileOrName
              + " --seed N')");
      return ExitCodes.FAILURE;
    }
    String searched =
        outcome.runs()
            + " run"
            + (outcome.runs() == 1 ? "" : "s")
            + " (seeds "
            + new SeedRange(range.first(), Math.max(range.first(), outcome.lastSeed()))
            + ")";
    out.println(expectedOutcomes(outcome));
    if (outcome.finds().isEmpty()) {
      out.println("no seed fired " + detector.name() + " in " + searched);
      return ExitCodes.CHECK_FAILED;
    }
    out.println(
        outcome.finds().size()
            + " seed"
            + (outcome.finds().size() == 1 ? "" : "s")
            + " fired "
            + detector.name()
            + " in "
            + searched
            + (outcome.limitReached() ? "; stopped at --limit " + limit : ""));
    String sets = overrides.asArguments();
    long first = outcome.finds().get(0).seed();
    out.println("replay: netsim run " + experiment.fileOrName + sets + " --seed " + first);
    out.println(
        "shrink: netsim shrink "
            + experiment.fileOrName
            + sets
            + " --seed "
            + first
            + " --until "
            + detector.name());
    return ExitCodes.OK;
  }

  /** "expected outcomes (not violations): 12 reset, 3 user-timeout" or "...: none". */
  private static String expectedOutcomes(Hunt.Outcome outcome) {
    StringBuilder line =
        new StringBuilder(
            "expected outcomes (TCP doing its job, not" + " violations) in these runs:");
    if (outcome.expected().isEmpty()) {
      return line.append(" none").toString();
    }
    String separator = " ";
    for (var entry : outcome.expected().entrySet()) {
      line.append(separator).append(entry.getValue()).append(' ').append(entry.getKey().label());
      separator = ", ";
    }
    return line.toString();
  }
}
