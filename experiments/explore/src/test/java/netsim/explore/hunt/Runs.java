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

  static RunTrace trace(String scenario, String... overrides) {
    return RunTrace.of(new Experiment(scenario(scenario, overrides)).run());
  }
}
