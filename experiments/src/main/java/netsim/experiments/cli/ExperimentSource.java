package netsim.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.experiments.config.ConfigException;
import netsim.experiments.config.ConfigLoader;
import netsim.experiments.config.ExperimentConfig;
import netsim.experiments.scenario.Scenarios;

/**
 * What {@code netsim run} and {@code validate} are given: a YAML file, or the name of a built-in
 * scenario (tried when no such file exists).
 */
final class ExperimentSource {
  private ExperimentSource() {}

  static ExperimentConfig load(String fileOrName, List<String> overrides) {
    Path file = Path.of(fileOrName);
    if (Files.exists(file) || fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml")
        || fileOrName.contains("/")) {
      return ConfigLoader.load(file, overrides);
    }
    if (!Scenarios.CATALOGUE.contains(fileOrName)) {
      throw new ConfigException(fileOrName, 0, 0, "", "no such file, and no built-in scenario"
          + " of that name (known: " + String.join(", ", Scenarios.CATALOGUE.names()) + ")");
    }
    Scenarios.Scenario scenario = Scenarios.CATALOGUE.get(fileOrName);
    return ConfigLoader.load(fileOrName + ".yaml", scenario.text(), overrides);
  }
}
