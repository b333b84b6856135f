package netsim.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import netsim.experiments.config.ConfigException;
import netsim.experiments.config.YamlDocument;
import netsim.experiments.hunt.Detector;
import netsim.experiments.hunt.Detectors;
import netsim.experiments.run.RunException;
import netsim.experiments.shrink.Decision;
import netsim.experiments.shrink.ShrinkException;
import netsim.experiments.shrink.Shrinker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsim shrink}: turns a seed in which a detector fires into a small config with targeted
 * rules instead of random impairments, which still makes it fire.
 */
@Command(name = "shrink", mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = {"Shrinks a seed in which a detector fires to a config of a few targeted"
        + " rules.",
        "Takes the run of a seed in which a detector fires (see 'netsim hunt'), records"
        + " every random impairment decision of the run (packet k on link direction L dropped,"
        + " delayed by d, duplicated, corrupted), replays them as targeted rules without random"
        + " streams, cuts the traffic and the decisions (ddmin) as far as the detector keeps"
        + " firing, and writes the same config with the random impairments removed and the"
        + " rules that matter, for 'netsim run'.",
        "Exit status: 0 shrunk; 2 a mistake in the config or command line, or the seed does not"
            + " make the detector fire; 3 the shrink failed."})
final class ShrinkCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.yaml|SCENARIO",
      description = "An experiment file, or the name of a built-in scenario.")
  String experiment;

  @Option(names = "--seed", required = true, paramLabel = "S",
      description = "The seed whose run to shrink.")
  long seed;

  @Option(names = "--until", required = true, paramLabel = "DETECTOR",
      completionCandidates = HuntCommand.DetectorNames.class,
      description = "The edge case that must still happen: ${COMPLETION-CANDIDATES}.")
  String until;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the shrunk config"
      + " (default: out/NAME-seedS-DETECTOR.yaml).")
  Path out;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Overrides one value of"
      + " the file, as for 'netsim run'. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Detector detector;
    YamlDocument document;
    try {
      detector = Detectors.get(until);
      List<String> all = new ArrayList<>(overrides);
      all.add("seed=" + seed);
      document = ExperimentSource.document(experiment, all);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    StringBuilder command = new StringBuilder("netsim shrink " + experiment);
    overrides.forEach(o -> command.append(" --set ").append(o));
    command.append(" --seed ").append(seed).append(" --until ").append(detector.name());
    Shrinker.Result result;
    try {
      result = new Shrinker(command.toString(), document, detector, line -> {
        stdout.println(line);
        stdout.flush();
      }).shrink();
    } catch (ShrinkException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (RunException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (RuntimeException e) {
      err.println("netsim: the shrink failed, which is a bug in netsim (please report it with the"
          + " experiment file and this command line): " + e);
      e.printStackTrace(err);
      return ExitCodes.FAILURE;
    }
    String name = document.root().path("name").asText("experiment");
    Path file = out != null ? out
        : Path.of("out", name + "-seed" + seed + "-" + detector.name() + ".yaml");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, result.yaml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("netsim: cannot write " + file + ": " + e.getMessage());
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
}
