package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reference file holds every default and binds on its own; docs/config.md documents every key
 * and its complete example is valid.
 */
class ReferenceTest {
  private static final Path DOC = Path.of(System.getProperty("netsim.root"), "docs", "config.md");

  @Test
  void referenceFile_bindsAlone_withTheDefaultsSimTcpUses() {
    ExperimentConfig reference = ConfigBinder.bindReference(ConfigLoader.reference());
    assertThat(reference.tcp().toTcpConfig()).isEqualTo(netsim.tcp.TcpConfig.defaults());
    assertThat(reference.stop().whenAllClosed()).isTrue();
    assertThat(reference.nodes()).isEmpty();
    // Shared by every load, it must never collect a warning.
    assertThat(ConfigLoader.reference().warnings()).isEmpty();
  }

  @Test
  void everyKey_isDocumentedInConfigMd() throws IOException {
    String doc = Files.readString(DOC);
    for (String[] keys :
        List.of(
            ConfigBinder.TOP,
            ConfigBinder.TCP,
            ConfigBinder.COUNTERFACTUAL,
            ConfigBinder.LINK,
            ConfigBinder.QUEUE,
            ConfigBinder.NODE,
            ConfigBinder.LISTENER,
            ConfigBinder.CLIENT,
            ConfigBinder.CHANGE,
            ConfigBinder.PARTITION,
            ConfigBinder.RULE,
            ConfigBinder.MATCH,
            ConfigBinder.STOP,
            ConfigBinder.INVARIANTS,
            ConfigBinder.OUTPUTS)) {
      for (String key : keys) {
        assertThat(doc.contains("`" + key) || doc.contains("." + key + "`"))
            .as("docs/config.md mentions `%s`", key)
            .isTrue();
      }
    }
  }

  @Test
  void completeExampleOfConfigMd_isValid() throws IOException {
    Matcher m =
        Pattern.compile("## A complete example\\n\\n```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOC));
    assertThat(m.find()).isTrue();
    ExperimentConfig config = ConfigLoader.load("config.md", m.group(1), List.of());
    assertThat(config.nodes()).hasSize(3);
    assertThat(config.links().get(1).bToA().delay()).isEqualTo(20_000_000L);
    assertThat(config.links().get(0).aToB().delay()).isEqualTo(5_000_000L);
  }
}
