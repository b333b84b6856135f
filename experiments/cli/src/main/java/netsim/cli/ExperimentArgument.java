package netsim.cli;

import picocli.CommandLine.Parameters;

/**
 * The experiment a command works on: a YAML file, or the name of a built-in scenario (see {@link
 * ExperimentSource}). One definition, so that {@code run}, {@code hunt} and {@code shrink} take it
 * and describe it alike.
 */
final class ExperimentArgument {
  @Parameters(
      index = "0",
      paramLabel = "FILE.yaml|SCENARIO",
      description = "An experiment file, or the name of a built-in scenario.")
  String fileOrName;
}
