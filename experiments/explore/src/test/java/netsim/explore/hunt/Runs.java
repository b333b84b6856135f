package netsim.explore.hunt;

import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.Experiment;

/** Runs built-in scenarios in memory, for the detector and hunt tests. */
final class Runs {
  private Runs() {}

  static ExperimentConfig scenario(String name, String... overrides) {
    return ConfigLoader.load(
        name + ".yaml", Scenarios.CATALOGUE.get(name).text(), List.of(overrides));
  }

  /** What {@code detector} finds in a run of the built-in {@code scenario}, watched in memory. */
  static List<Detection> detect(Detector detector, String scenario, String... overrides) {
    Watch watch = detector.watch();
    new Experiment(scenario(scenario, overrides), watch).run();
    return watch.detections();
  }
}
