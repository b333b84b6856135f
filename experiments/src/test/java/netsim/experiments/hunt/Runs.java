package netsim.experiments.hunt;

import java.util.List;
import netsim.experiments.config.ConfigLoader;
import netsim.experiments.config.ExperimentConfig;
import netsim.experiments.run.Experiment;
import netsim.experiments.scenario.Scenarios;

/** Runs built-in scenarios in memory, for the detector and hunt tests. */
final class Runs {
  private Runs() {}

  static ExperimentConfig scenario(String name, String... overrides) {
    return ConfigLoader.load(name + ".yaml", Scenarios.CATALOGUE.get(name).text(),
        List.of(overrides));
  }

  static RunTrace trace(String scenario, String... overrides) {
    return RunTrace.of(new Experiment(scenario(scenario, overrides)).run());
  }
}
