package netsim.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.experiments.config.ConfigException;
import netsim.experiments.config.ConfigLoader;
import netsim.experiments.config.ExperimentConfig;
import netsim.experiments.config.Overrides;
import netsim.experiments.config.YamlDocument;
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

  /** Whether {@code fileOrName} is a file with a {@code sweep:} section (after a valid load). */
  static boolean declaresSweep(String fileOrName) {
    Path file = Path.of(fileOrName);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return YamlDocument.parse(fileOrName, text).root().has("sweep");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The experiment as a document with {@code overrides} applied, for commands that rewrite it;
   * {@link #load} checks it the same way.
   */
  static YamlDocument document(String fileOrName, List<String> overrides) {
    load(fileOrName, overrides); // every check, with its located message
    String name;
    String text;
    Path file = Path.of(fileOrName);
    if (Files.exists(file)) {
      name = file.toString();
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(name, 0, 0, "", "cannot read: " + e.getMessage());
      }
    } else {
      name = fileOrName + ".yaml";
      text = Scenarios.CATALOGUE.get(fileOrName).text();
    }
    YamlDocument document = YamlDocument.parse(name, text);
    Overrides.apply(document, overrides);
    return document;
  }
}
