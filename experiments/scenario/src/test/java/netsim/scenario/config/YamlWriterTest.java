package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What YamlWriter writes reads back as the same tree, in the style of the examples. */
class YamlWriterTest {
  static Stream<Path> files() throws IOException {
    List<Path> examples;
    Path folder = Path.of(System.getProperty("netsim.root"), "experiments", "examples");
    try (Stream<Path> list = Files.list(folder)) {
      examples = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return Stream.concat(
        examples.stream(), Stream.of(Path.of("src/main/resources/netsim/reference.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void writtenYaml_parsesBackToTheSameTree_andTheSameConfig(Path file) throws IOException {
    JsonNode tree = YamlDocument.parse(file.toString(), Files.readString(file)).root();
    String written = YamlWriter.write(tree);
    assertThat(YamlDocument.parse("written", written).root()).as(written).isEqualTo(tree);
    if (!file.endsWith("reference.yaml")) {
      assertThat(ConfigLoader.load("written", written, List.of()))
          .isEqualTo(ConfigLoader.load(file, List.of()));
    }
  }

  @Test
  void smallMappingsGoOnOneLine_textThatYamlWouldMisreadIsQuoted() {
    JsonNode tree =
        YamlDocument.parse(
                "t",
                """
        name: lab
        description: |
          Two lines,
          of text.
        links:
          - {a: client, b: server, delay: 50ms, loss: 0.03}
        clients:
          - {host: client, connect: "server:80", close: "+3s", send: "100"}
        rules:
          - name: r
            on: client->server
            match: {flags: "SYN|ACK", senderState: SYN_SENT, sender: client, dst: 10.0.0.2}
            select: nth 2
            action: drop
        """)
            .root();
    assertThat(YamlWriter.write(tree))
        .isEqualTo(
            """
        name: lab
        description: |
          Two lines,
          of text.

        links:
          - {a: client, b: server, delay: 50ms, loss: 0.03}

        clients:
          - {host: client, connect: "server:80", close: "+3s", send: "100"}

        rules:
          - name: r
            on: "client->server"
            match: {flags: "SYN|ACK", senderState: SYN_SENT, sender: client, dst: 10.0.0.2}
            select: "nth 2"
            action: drop
        """);
  }

  @Test
  void wordsYamlReadsAsBooleansOrNumbers_areQuoted() {
    assertThat(YamlWriter.scalar("on")).isEqualTo("\"on\"");
    assertThat(YamlWriter.scalar("1.5")).isEqualTo("\"1.5\"");
    assertThat(YamlWriter.scalar("0x1F")).isEqualTo("\"0x1F\"");
    assertThat(YamlWriter.scalar("1.5s")).isEqualTo("1.5s");
    assertThat(YamlWriter.scalar("")).isEqualTo("\"\"");
    assertThat(YamlWriter.scalar("a \"b\"")).isEqualTo("\"a \\\"b\\\"\"");
  }
}
