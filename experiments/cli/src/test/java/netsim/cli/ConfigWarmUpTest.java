package netsim.cli;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import netsim.scenario.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/** The config reader's warm-up: started for the commands that read an experiment only. */
class ConfigWarmUpTest {
  @Test
  void warmUpScenario_readsWithoutError_andReachesTheBindersOfATypicalRun() {
    ExperimentConfig config = ConfigWarmUp.read();

    assertThat(config.name()).isEqualTo("bulk-transfer");
    assertThat(config.nodes()).hasSize(2);
    assertThat(config.links()).hasSize(1);
    assertThat(config.clients()).hasSize(1);
  }

  @Test
  void commandsThatReadAnExperiment_startADaemonThreadThatEnds() throws InterruptedException {
    for (String command : new String[] {"run", "validate", "sweep", "hunt", "shrink"}) {
      Thread thread = requireNonNull(ConfigWarmUp.startFor(command, "lost-final-ack"), command);

      assertThat(thread.isDaemon()).as(command).isTrue();
      thread.join(60_000);
      assertThat(thread.isAlive()).as(command).isFalse();
    }
  }

  @Test
  void otherCommands_orACommandNameAlone_startNothing() {
    assertThat(ConfigWarmUp.startFor()).isNull();
    assertThat(ConfigWarmUp.startFor("run")).isNull();
    assertThat(ConfigWarmUp.startFor("scenarios", "--help")).isNull();
    assertThat(ConfigWarmUp.startFor("packetdrill", "x.pkt")).isNull();
    assertThat(ConfigWarmUp.startFor("--version", "x")).isNull();
    assertThat(ConfigWarmUp.startFor("merge", "a", "b")).isNull();
  }
}
