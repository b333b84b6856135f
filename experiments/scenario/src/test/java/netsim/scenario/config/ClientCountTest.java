package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import netsim.core.Time;
import org.junit.jupiter.api.Test;

/**
 * {@code count: N} makes N clients of one entry, with predictable names and ports; {@code
 * startJitter} draws each start from a stream named after the client, so it depends on the seed
 * alone.
 */
class ClientCountTest {
  private static final String TWO_HOSTS =
      """
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      links:
        - {a: a, b: b}
      listeners:
        - {host: b, port: 80}
      """;

  private static ExperimentConfig load(String clients) {
    return load(clients, List.of());
  }

  private static ExperimentConfig load(String clients, List<String> overrides) {
    return ConfigLoader.load("t.yaml", TWO_HOSTS + clients, overrides);
  }

  @Test
  void count_makesNamedClients_withConsecutiveLocalPorts_andTheSameStart() {
    ExperimentConfig config =
        load(
            """
            clients:
              - {name: bulk, host: a, connect: "b:80", count: 3, at: 2s, localPort: 5000}
            """);
    assertThat(config.clients())
        .extracting(c -> c.name() + "@" + c.localPort() + "/" + c.at())
        .containsExactly(
            "bulk.1@5000/2000000000", "bulk.2@5001/2000000000", "bulk.3@5002/2000000000");
    assertThat(config.clients()).extracting(ClientSettings::entry).containsOnly("clients[0]");
  }

  @Test
  void withoutAName_aClientIsNamedAfterItsPlace_andACountOfOneAddsNoSuffix() {
    ExperimentConfig config =
        load(
            """
            clients:
              - {host: a, connect: "b:80"}
              - {host: a, connect: "b:80", count: 2}
            """);
    assertThat(config.clients())
        .extracting(ClientSettings::name)
        .containsExactly("client1", "client2.1", "client2.2");
    assertThat(config.clients()).extracting(ClientSettings::localPort).containsOnly(0);
  }

  private static final String JITTERED =
      """
      clients:
        - {name: web, host: a, connect: "b:80", count: 20, at: 1s, startJitter: 500ms}
      """;

  @Test
  void startJitter_drawsEachStartWithinTheWindow_theSameForTheSameSeed() {
    List<Long> starts = load(JITTERED).clients().stream().map(ClientSettings::at).toList();
    assertThat(starts)
        .hasSize(20)
        .allSatisfy(t -> assertThat(t).isBetween(Time.seconds(1), Time.millis(1500) - 1));
    assertThat(starts.stream().distinct().count()).isGreaterThan(15);
    assertThat(load(JITTERED).clients().stream().map(ClientSettings::at).toList())
        .isEqualTo(starts);
    assertThat(
            load(JITTERED, List.of("seed=2")).clients().stream().map(ClientSettings::at).toList())
        .isNotEqualTo(starts);
  }

  @Test
  void startJitter_ofANamedClient_doesNotDependOnTheEntriesBeforeIt() {
    List<Long> alone = load(JITTERED).clients().stream().map(ClientSettings::at).toList();
    ExperimentConfig withAnother =
        load(
            """
            clients:
              - {name: other, host: a, connect: "b:80", count: 5, startJitter: 1s}
            """
                + JITTERED.substring(JITTERED.indexOf('\n') + 1));
    assertThat(withAnother.clients().subList(5, 25).stream().map(ClientSettings::at).toList())
        .isEqualTo(alone);
  }

  @Test
  void effectiveConfig_showsEachClientWithItsStart_butNotItsName() {
    JsonNode clients = EffectiveConfig.tree(load(JITTERED)).get("clients");
    assertThat(clients).hasSize(20);
    assertThat(clients.get(3).has("name")).isFalse();
    assertThat(clients.get(3).has("entry")).isFalse();
    assertThat(clients.get(3).get("at").asLong()).isEqualTo(load(JITTERED).clients().get(3).at());
  }

  private static void refused(String clients, String message) {
    assertThatThrownBy(() -> load(clients)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void countOfZero_isOutOfRange() {
    refused(
        "clients:\n  - {host: a, connect: \"b:80\", count: 0}\n",
        "t.yaml:9:32: clients[0].count: out of range: 0 (expected 1 to 10000)");
  }

  @Test
  void portsPast65535_areRefusedAtLocalPort() {
    refused(
        "clients:\n  - {host: a, connect: \"b:80\", count: 3, localPort: 65534}\n",
        "t.yaml:9:42: clients[0].localPort: with count 3 the ports run from 65534 past 65535;"
            + " start lower");
  }

  @Test
  void duplicateClientName_isRefused() {
    refused(
        """
        clients:
          - {name: x.2, host: a, connect: "b:80"}
          - {name: x, host: a, connect: "b:80", count: 2}
        """,
        "t.yaml:10:6: clients[1].name: duplicate client name 'x.2' (of clients[0]): give the"
            + " client a name of its own");
  }

  @Test
  void negativeOrTextualStartJitter_isNotADuration() {
    refused(
        "clients:\n  - {host: a, connect: \"b:80\", startJitter: 5}\n",
        "t.yaml:9:32: clients[0].startJitter: expected a duration with a unit such as \"10ms\" or"
            + " \"1.5s\"; got the number 5");
  }
}
