package netsim.cli;

import static netsim.scenario.config.ConfigException.quote;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import netsim.explore.hunt.Detector;
import netsim.explore.hunt.Detectors;
import netsim.explore.shrink.Decision;
import netsim.explore.shrink.ShrinkException;
import netsim.explore.shrink.Shrinker;
import netsim.report.files.AtomicFile;
import netsim.report.files.OutputException;
import netsim.report.files.OutputPaths;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.YamlDocument;
import netsim.scenario.run.RunException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netsim shrink}: turns a seed in which a detector fires into a small config with targeted
 * rules instead of random impairments, which still makes it fire.
 */
@Command(
    name = "shrink",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = {
      "Shrinks a seed in which a detector fires to a config of a few targeted" + " rules.",
      "Takes the run of a seed in which a detector fires (see 'netsim hunt'), records"
          + " every random impairment decision of the run (packet k on link direction L dropped,"
          + " delayed by d, duplicated, corrupted), replays them as targeted rules without random"
          + " streams, cuts the traffic and the decisions (ddmin) as far as the detector keeps"
          + " firing, and writes the same config with the random impairments removed and the"
          + " rules that matter, for 'netsim run'. Status 2 also when the seed does not make the"
          + " detector fire."
    })
final class ShrinkCommand implements Callable<Integer> {
  @Mixin ExperimentArgument experiment;

  @Option(
      names = "--seed",
      required = true,
      paramLabel = "S",
      description = "The seed whose run to shrink.")
  long seed;

  @Option(
      names = "--until",
      required = true,
      paramLabel = "DETECTOR",
      completionCandidates = HuntCommand.DetectorNames.class,
      description = "The edge case that must still happen: ${COMPLETION-CANDIDATES}.")
  String until;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Where to write the shrunk config" + " (default: out/NAME-seedS-DETECTOR.yaml).")
  Path out;

  @Mixin OverridesOption overrides;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Detector detector;
    YamlDocument document;
    Path file;
    try {
      detector = Detectors.get(until);
      document =
          ExperimentSource.document(
              experiment.fileOrName, MasterSeedOption.withSeed(overrides.values, seed));
      file = outputFile(document.root().path("name").asText("experiment"), detector);
    } catch (ConfigException | OutputException | IllegalArgumentException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    String command =
        "netsim shrink "
            + experiment.fileOrName
            + overrides.asArguments()
            + " --seed "
            + seed
            + " --until "
            + detector.name();
    Shrinker.Result result;
    try {
      result =
          new Shrinker(
                  command,
                  document,
                  detector,
                  line -> {
                    stdout.println(line);
                    stdout.flush();
                  })
              .shrink();
    } catch (ShrinkException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (RunException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    try {
      AtomicFile.write(file, result.yaml());
    } catch (IOException e) {
      err.println("netsim: cannot write " + file + ": " + Failures.reason(e));
      return ExitCodes.FAILURE;
    }
    if (result.decisions().isEmpty()) {
      stdout.println("kept: no random decision (the config's own rules and traffic suffice)");
    } else {
      stdout.println("kept:");
      for (Decision d : result.decisions()) {
        stdout.println("  " + d.describe());
      }
    }
    stdout.println("wrote " + file + ": " + result.detection().description());
    stdout.println("run it: netsim run " + file);
    return ExitCodes.OK;
  }

  /**
   * The file to write: {@code --out}, or {@code out/NAME-seedS-DETECTOR.yaml}.
   *
   * @throws OutputException when {@code --out} is empty or a directory, or the experiment's name
   *     would put the default file outside {@code out/}
   */
  private Path outputFile(String name, Detector detector) {
    if (out == null) {
      String file =
          OutputPaths.checkedName(
              name + "-seed" + seed + "-" + detector.name() + ".yaml",
              "the experiment's name " + quote(name),
              OutputPaths.DEFAULT_PARENT + "/");
      return OutputPaths.DEFAULT_PARENT.resolve(file);
    }
    if (out.toString().isEmpty()) {
      throw new OutputException(
          "--out is empty: give the file to write, e.g. --out" + " out/shrunk.yaml");
    }
    if (Files.isDirectory(out)) {
      throw new OutputException(
          "--out "
              + out
              + " is a directory: give the file to write, e.g."
              + " --out "
              + out.resolve("shrunk.yaml"));
    }
    return out;
  }
}
