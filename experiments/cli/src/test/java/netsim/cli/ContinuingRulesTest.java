package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules with {@code continue: true}: several rules act on one packet, and a run waits for the copy
 * a duplicate rule made before it ends.
 */
class ContinuingRulesTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      tcp: {msl: 1s}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, delay: 10ms}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 100}
      """;

  private ScenarioRun run(String yaml) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, yaml);
    return ScenarioRun.of(dir.resolve("out"), file.toString());
  }

  @Test
  void aDuplicatedFinWhoseCopyIsDelayed_arrivesLate_andTheRunWaitsForIt() throws IOException {
    // The server's FIN is duplicated; the copy (the FIN's second match behind the first rule) is
    // delayed 5 s, past the client's 2 s of TIME-WAIT: it meets no connection and draws a RST.
    ScenarioRun run =
        run(
            BASE
                + """
        rules:
          - {on: server->client, match: {flagsContain: FIN}, select: nth 1, action: duplicate,
             continue: true}
          - {on: server->client, match: {flagsContain: FIN}, select: nth 2, action: delay,
             delay: 5s}
        """);
    List<JsonNode> finArrivals =
        run.trace().lines.stream()
            .filter(
                e ->
                    e.get("ev").asText().equals("recv")
                        && e.get("node").asText().equals("client")
                        && e.get("flags").asText().contains("FIN"))
            .toList();
    assertThat(finArrivals).hasSize(2);
    assertThat(finArrivals.get(1).get("t").asLong()).isGreaterThan(5_000_000_000L);
    assertThat(run.trace().segments()).last().isEqualTo("client RST seq=102");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void continueWithDrop_isAConfigError() throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(
        file,
        BASE
            + """
        rules:
          - {on: client->server, action: drop, continue: true}
        """);
    Cli.Result result = Cli.run("validate", file.toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("rules[0].continue: a dropped packet cannot continue");
  }
}
