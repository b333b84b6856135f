package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of an experiment file beyond the catalogue: aborts, connections in sequence, link
 * changes and partitions, routers, and every fault action.
 */
class ExperimentFeaturesTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, delay: 10ms}
      listeners:
        - {host: server, port: 80, close: eof}
      """;

  private ScenarioRun run(String yaml) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, yaml);
    return ScenarioRun.of(dir.resolve("out"), file.toString());
  }

  @Test
  void abort_sendsRst_andBothEndsClose() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        clients:
          - {host: client, connect: "server:80", close: never, abort: "+100ms"}
        """);
    assertThat(run.trace().segments()).endsWith("client RST seq=1");
    assertThat(run.trace().states("server", 0)).endsWith("ESTABLISHED->CLOSED");
    assertThat(run.trace().states("client", 0)).endsWith("ESTABLISHED->CLOSED");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void connectionsInSequence_eachStartsAfterThePreviousClosed() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        tcp: {msl: 100ms}
        clients:
          - {host: client, connect: "server:80", send: 10, connections: 3, pause: 1s}
        """);
    assertThat(run.summary().get("connections")).hasSize(6);
    assertThat(run.trace().segments().stream().filter(s -> s.equals("client SYN seq=0")))
        .hasSize(3);
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void partition_takesTheLinkDownAndUp_andTcpRecovers() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        partitions:
          - {at: 5ms, until: 1500ms, sides: [[client], [server]]}
        clients:
          - {host: client, connect: "server:80", send: 100}
        """);
    Trace trace = run.trace();
    assertThat(trace.lines)
        .filteredOn(e -> e.get("ev").asText().equals("link"))
        .extracting(e -> e.get("dir").asText() + " " + e.get("what").asText())
        .containsExactly(
            "client->server down", "server->client down", "client->server up", "server->client up");
    assertThat(trace.segments()).contains("drop client SYN seq=0 (down)");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void linkChange_setsNewParametersAtItsTime() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        changes:
          - {at: 1ms, link: client-server, direction: a_to_b, set: {delay: 100ms}}
        clients:
          - {host: client, connect: "server:80", at: 2ms}
        """);
    Trace trace = run.trace();
    assertThat(trace.lines)
        .filteredOn(
            e -> e.get("ev").asText().equals("recv") && e.get("flags").asText().equals("SYN"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("t").asLong()).isEqualTo(102_000_000L));
  }

  @Test
  void router_forwardsBetweenTwoLinks() throws IOException {
    ScenarioRun run =
        run(
            """
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: r, kind: router}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: r, delay: 10ms}
          - {a: r, b: server, delay: 20ms}
        listeners:
          - {host: server, port: 80}
        clients:
          - {host: client, connect: "server:80", send: 100}
        """);
    assertThat(run.trace().states("client", 0)).endsWith("TIME_WAIT->CLOSED");
    assertThat(run.summary().get("connections").get(0).get("timeToEstablish").asLong())
        .isEqualTo(60_000_000L);
    assertThat(run.summary().get("links").has("r->server")).isTrue();
  }

  @Test
  void holdRule_releasesItsPacketsAtReleaseAt_andNodeRulesSeeWhatTheNodeSends() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        clients:
          - {host: client, connect: "server:80"}
        rules:
          - {name: hold-syn, on: client, match: {flags: SYN}, select: nth 1, action: hold,
             releaseAt: 300ms}
        """);
    Trace trace = run.trace();
    assertThat(trace.lines)
        .anySatisfy(
            e -> {
              assertThat(e.get("ev").asText()).isEqualTo("rule");
              assertThat(e.get("at").asText()).isEqualTo("node/client");
              assertThat(e.get("action").asText()).isEqualTo("hold");
            });
    assertThat(trace.lines)
        .filteredOn(
            e -> e.get("ev").asText().equals("recv") && e.get("flags").asText().equals("SYN"))
        .first()
        .satisfies(e -> assertThat(e.get("t").asLong()).isEqualTo(310_000_000L));
  }

  @Test
  void corruptRule_makesTheReceiverDiscard_andTcpRetransmits() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        clients:
          - {host: client, connect: "server:80", send: 100}
        rules:
          - {on: client->server, match: {dataLength: {min: 1}}, select: nth 1, action: corrupt}
        """);
    assertThat(run.trace().segments())
        .contains("drop client PSH|ACK seq=1 ack=1 len=100" + " (corrupt)");
    assertThat(run.summary().get("connections").get(1).get("bytesDelivered").asLong())
        .isEqualTo(100);
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void duplicateRule_deliversTwice_andTheReceiverTakesTheDataOnce() throws IOException {
    ScenarioRun run =
        run(
            BASE
                + """
        clients:
          - {host: client, connect: "server:80", send: 100}
        rules:
          - {on: client->server, match: {dataLength: {min: 1}}, action: duplicate}
        """);
    assertThat(
            run.trace().lines.stream()
                .filter(e -> e.get("ev").asText().equals("recv") && e.get("len").asInt() == 100))
        .hasSize(2);
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void burstyLossRedAndParetoJitter_runFromConfig_andTcpStillDeliversEveryByte()
      throws IOException {
    ScenarioRun run =
        run(
            """
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - a: client
            b: server
            delay: 10ms
            bandwidth: 10Mbps
            jitter: 2ms
            jitterDistribution: pareto
            queue: {kind: red, packets: 60, min: 5, max: 15}
            loss: {model: gilbert-elliott, p: 0.01, r: 0.3}
        listeners:
          - {host: server, port: 80, close: eof}
        clients:
          - {host: client, connect: "server:80", send: 200000}
        """);
    assertThat(run.violations()).isEmpty();
    assertThat(run.summary().toString()).contains("burst");
  }

  @Test
  void codel_runsFromConfig() throws IOException {
    ScenarioRun run =
        run(
            BASE.replace(
                    "delay: 10ms}",
                    "delay: 10ms, bandwidth: 1Mbps, queue: {kind: codel, target: 5ms, interval: 100ms}}")
                + """
        clients:
          - {host: client, connect: "server:80", send: 100000}
        """);
    assertThat(run.violations()).isEmpty();
  }
}
