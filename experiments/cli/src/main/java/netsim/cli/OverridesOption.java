package netsim.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --set PATH=VALUE} for the commands that replay runs of an experiment ({@code hunt}, {@code
 * shrink}) and print the command line that reproduces what they found. {@code run} and {@code
 * sweep} declare their own {@code --set}, whose help says more.
 */
final class OverridesOption {
  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Overrides one value of the file, as for 'netsim run'. Repeatable.")
  List<String> values = new ArrayList<>();

  /** The options again as a command line takes them: {@code " --set A=1 --set B=2"}, or "". */
  String asArguments() {
    StringBuilder arguments = new StringBuilder();
    for (String override : values) {
      arguments.append(" --set ").append(override);
    }
    return arguments.toString();
  }
}
