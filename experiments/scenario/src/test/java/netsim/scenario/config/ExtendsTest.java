package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extends: base.yaml}: a file on top of another, mappings merged key by key, lists and
 * values replaced, null removing a key; the base's path relative to the file; cycles refused; every
 * mistake located in the file where it is written.
 */
class ExtendsTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      name: base
      seed: 3
      tcp: {congestionControl: newreno, minRto: 200ms}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, delay: 10ms}
      listeners:
        - {host: server, port: 80}
      clients:
        - {host: client, connect: "server:80", send: 100}
      """;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private String shown(ConfigException e) {
    return e.getMessage().replace(dir.toString() + "/", "");
  }

  @Test
  void aFileExtendingAnother_overridesItsKeys_andMergesMappings() throws IOException {
    write("families/base.yaml", BASE);
    Path child =
        write(
            "families/cubic.yaml",
            """
            extends: base.yaml
            name: cubic
            tcp: {congestionControl: cubic}
            links:
              - {a: client, b: server, delay: 40ms}
            """);
    ExperimentConfig config = ConfigLoader.load(child, List.of());
    assertThat(config.name()).isEqualTo("cubic");
    assertThat(config.seed()).isEqualTo(3);
    assertThat(config.tcp().congestionControl()).isEqualTo("cubic");
    assertThat(config.tcp().minRto()).as("kept from the base").isEqualTo(200_000_000L);
    assertThat(config.links()).hasSize(1);
    assertThat(config.links().get(0).aToB().delay()).isEqualTo(40_000_000L);
  }

  @Test
  void extendsChains_andTheNearestFileWins() throws IOException {
    write("base.yaml", BASE);
    write("mid/mid.yaml", "extends: ../base.yaml\nseed: 4\ntcp: {minRto: 300ms}\n");
    Path top = write("top.yaml", "extends: mid/mid.yaml\nseed: 5\n");
    ExperimentConfig config = ConfigLoader.load(top, List.of());
    assertThat(config.seed()).isEqualTo(5);
    assertThat(config.tcp().minRto()).isEqualTo(300_000_000L);
    assertThat(config.tcp().congestionControl()).isEqualTo("newreno");
  }

  @Test
  void nullInTheChild_removesTheBasesKey() throws IOException {
    write("base.yaml", BASE + "stop: {at: 5s}\n");
    Path child = write("child.yaml", "extends: base.yaml\nstop: null\n");
    assertThat(ConfigLoader.load(child, List.of()).stop().at())
        .isEqualTo(ConfigLoader.load(write("plain.yaml", BASE), List.of()).stop().at());
  }

  @Test
  void aMistakeInTheBase_isLocatedInTheBase_andOneInTheChild_inTheChild() throws IOException {
    write("base.yaml", BASE.replace("delay: 10ms", "delay: 10 parsecs"));
    Path child = write("child.yaml", "extends: base.yaml\nseed: 5\n");
    assertThatThrownBy(() -> ConfigLoader.load(child, List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(shown(e))
                    .startsWith("base.yaml:8:28: links[0].delay: invalid duration '10 parsecs'"));
    write("base.yaml", BASE);
    Path wrong = write("wrong.yaml", "extends: base.yaml\ntcp:\n  minRto: -1s\n");
    assertThatThrownBy(() -> ConfigLoader.load(wrong, List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(shown(e)).startsWith("wrong.yaml:3:3: tcp.minRto: "));
  }

  @Test
  void aCycle_isRefused_atTheKeyThatClosesIt() throws IOException {
    write("a.yaml", "extends: b.yaml\nseed: 1\n");
    write("b.yaml", "seed: 2\nextends: a.yaml\n");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("a.yaml"), List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(shown(e))
                    .isEqualTo(
                        "b.yaml:2:1: extends: extends 'a.yaml', which extends this file: a"
                            + " cycle (a.yaml -> b.yaml -> a.yaml)"));
    write("self.yaml", "extends: ./self.yaml\n");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("self.yaml"), List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(shown(e))
                    .isEqualTo(
                        "self.yaml:1:1: extends: extends './self.yaml', which is this file: a"
                            + " cycle (self.yaml -> self.yaml)"));
  }

  @Test
  void aMissingBase_isLocatedAtTheKeyThatNamesIt() throws IOException {
    Path child = write("child.yaml", "seed: 1\nextends: nowhere.yaml\n");
    assertThatThrownBy(() -> ConfigLoader.load(child, List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(shown(e))
                    .isEqualTo(
                        "child.yaml:2:1: extends: cannot extend nowhere.yaml: no such file"));
    Path list = write("list.yaml", "extends: [a.yaml, b.yaml]\n");
    assertThatThrownBy(() -> ConfigLoader.load(list, List.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(shown(e))
                    .isEqualTo(
                        "list.yaml:1:1: extends: expected the path of the file this one"
                            + " extends, such as base.yaml; got a list"));
  }
}
