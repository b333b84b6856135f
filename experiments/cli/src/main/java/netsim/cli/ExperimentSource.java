package netsim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ConfigWarning;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Overrides;
import netsim.scenario.config.Scenarios;
import netsim.scenario.config.YamlDocument;

/**
 * What {@code netsim run} and {@code validate} are given: a YAML file, or the name of a built-in
 * scenario (tried when no such file exists).
 */
final class ExperimentSource {
  private ExperimentSource() {}

  static ExperimentConfig load(String fileOrName, List<String> overrides) {
    return load(fileOrName, overrides, warning -> {});
  }

  /** {@link #load}, printing each warning on {@code err} ("netsim: warning: FILE:LINE:..."). */
  static ExperimentConfig load(String fileOrName, List<String> overrides, PrintWriter err) {
    return load(fileOrName, overrides, warning -> print(warning, err));
  }

  /** Prints {@code warning} as the commands do. */
  static void print(ConfigWarning warning, PrintWriter err) {
    err.println("netsim: warning: " + warning.message());
    err.flush();
  }

  private static ExperimentConfig load(
      String fileOrName, List<String> overrides, Consumer<ConfigWarning> warnings) {
    Path file = Path.of(fileOrName);
    if (Files.exists(file)
        || fileOrName.endsWith(".yaml")
        || fileOrName.endsWith(".yml")
        || fileOrName.contains("/")) {
      return ConfigLoader.load(file, overrides, warnings);
    }
    if (!Scenarios.CATALOGUE.contains(fileOrName)) {
      throw new ConfigException(
          fileOrName,
          0,
          0,
          "",
          "no such file, and no built-in scenario"
              + " of that name (known: "
              + String.join(", ", Scenarios.CATALOGUE.names())
              + ")");
    }
    Scenarios.Scenario scenario = Scenarios.CATALOGUE.get(fileOrName);
    return ConfigLoader.load(fileOrName + ".yaml", scenario.text(), overrides, warnings);
  }

  /** Whether {@code fileOrName} is a file with a {@code sweep:} section (after a valid load). */
  static boolean declaresSweep(String fileOrName) {
    Path file = Path.of(fileOrName);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    return YamlDocument.load(file).root().has("sweep");
  }

  /**
   * The experiment as a document with {@code overrides} applied, for commands that rewrite it;
   * {@link #load} checks it the same way.
   */
  static YamlDocument document(String fileOrName, List<String> overrides) {
    load(fileOrName, overrides); // every check, with its located message
    Path file = Path.of(fileOrName);
    YamlDocument document =
        Files.exists(file)
            ? YamlDocument.load(file)
            : YamlDocument.parse(fileOrName + ".yaml", Scenarios.CATALOGUE.get(fileOrName).text());
    Overrides.apply(document, overrides);
    return document;
  }
}
