package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.EffectiveConfig;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json's effective config, made on a thread of its own while the run goes on. */
class ConfigTreeTest {
  @TempDir Path parent;

  private static ExperimentConfig scenario(String name, String... overrides) {
    return ConfigLoader.load(
        name + ".yaml", Scenarios.CATALOGUE.get(name).text(), List.of(overrides));
  }

  @Test
  void theTreeMadeOnItsOwnThread_isTheTreeOfTheConfig_forEveryBuiltInScenario() {
    for (String name : Scenarios.CATALOGUE.names()) {
      ExperimentConfig config = scenario(name);

      assertThat(ConfigTree.start(config).get()).as(name).isEqualTo(EffectiveConfig.tree(config));
    }
  }

  @Test
  void summaryJson_carriesTheTreeOfTheRunsConfig() throws IOException {
    ExperimentConfig config = scenario("lost-final-ack", "seed=7", "links[0].loss=0.02");
    Path out = parent.resolve("out");

    RunWriter.run(config, out);

    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
    JsonNode expected = json.readTree(json.writeValueAsString(EffectiveConfig.tree(config)));
    assertThat(summary.get("config"))
        .isEqualTo(expected); // both read back: the same numbers' nodes
  }

  @Test
  void whatMakingTheTreeThrew_isThrownByGet() {
    ConfigTree failing =
        ConfigTree.start(
            () -> {
              throw new IllegalArgumentException("no tree");
            });

    assertThatThrownBy(failing::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no tree");
  }

  @Test
  void anInterruptedCaller_stillGetsTheTree_andKeepsItsInterrupt() {
    ExperimentConfig config = scenario("lost-final-ack");
    ConfigTree tree = ConfigTree.start(config);
    Thread.currentThread().interrupt();

    try {
      assertThat(tree.get()).isEqualTo(EffectiveConfig.tree(config));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
