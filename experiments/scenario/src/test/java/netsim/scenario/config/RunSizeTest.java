package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.RunResult;
import org.junit.jupiter.api.Test;

/**
 * A run's size is estimated before it starts from its clients' connections and stop.at (the rule is
 * {@link RunSize}'s Javadoc): a run streams its events, so only the connections it keeps to its end
 * count, not its bytes; a run whose connections could not fit in the heap is refused at the client
 * that makes the most, saying how to go on.
 */
class RunSizeTest {
  private static final String TWO_HOSTS =
      """
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      listeners:
        - {host: server, port: 80, send: SERVER_SENDS}
      clients:
        - {host: client, connect: "server:80", send: CLIENT_SENDS, connections: 2}
      """;

  private static YamlDocument document(String text) {
    return YamlDocument.parse("exp.yaml", text);
  }

  private static ExperimentConfig config(YamlDocument document) {
    return ConfigBinder.bind(document, ConfigLoader.reference());
  }

  private static String experiment(String client, String server, String links) {
    return TWO_HOSTS.replace("CLIENT_SENDS", client).replace("SERVER_SENDS", server) + links;
  }

  @Test
  void theEstimate_countsEveryConnection_atBytesPerConnection_whateverItCarries() {
    String links =
        """
        links:
          - {a: client, b: server}
        """;
    RunSize.Estimate small = RunSize.estimate(config(document(experiment("100", "0", links))));
    RunSize.Estimate huge =
        RunSize.estimate(config(document(experiment("1024GiB", "1024GiB", links))));
    assertThat(small.connections()).isEqualTo(2.0);
    assertThat(small.heapBytes()).isEqualTo(2.0 * 200);
    assertThat(small.largest()).isEqualTo("clients[0].connections");
    assertThat(huge).isEqualTo(small);
  }

  @Test
  void aTerabyteTransfer_isNotRefused_onASmallHeap() {
    YamlDocument document =
        document(
            experiment(
                "1024GiB",
                "1024GiB",
                """
        links:
          - {a: client, b: server}
        """));
    RunSize.check(config(document), document, 64L << 20);
  }

  @Test
  void connections_countAsManyAsFitBeforeStopAt() {
    String text =
        experiment(
                "0",
                "0",
                """
        links:
          - {a: client, b: server, delay: 10ms}
        """)
            .replace("connections: 2", "connections: 100000");
    // One after the other, each at least a 20 ms round trip: 30,001 fit in the default 10 min.
    assertThat(RunSize.estimate(config(document(text))).connections()).isEqualTo(30_001.0);
    assertThat(RunSize.estimate(config(document(text + "stop: {at: 1s}\n"))).connections())
        .isEqualTo(51.0);
  }

  @Test
  void theClientThatMakesTheMostConnections_isTheOneNamed() {
    ExperimentConfig config =
        config(
            document(
                """
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: server}
        listeners:
          - {host: server, port: 80}
        clients:
          - {host: client, connect: "server:80", send: 1GiB, connections: 3}
          - {host: client, connect: "server:80", send: 1, connections: 5}
        """));
    RunSize.Estimate estimate = RunSize.estimate(config);
    assertThat(estimate.connections()).isEqualTo(8.0);
    assertThat(estimate.largest()).isEqualTo("clients[1].connections");
  }

  @Test
  void aRunWhoseConnectionsCannotFitInTheHeap_isRefused_atTheClientThatMakesThem() {
    YamlDocument document =
        document(
            experiment(
                    "100",
                    "0",
                    """
        links:
          - {a: client, b: server, delay: 10ms}
        """)
                .replace("connections: 2", "connections: 100000"));
    ExperimentConfig config = config(document);
    // 30,001 connections fit in the default 10 min (see above), 200 bytes each: 5.7 MiB.
    assertThatThrownBy(() -> RunSize.check(config, document, 4L << 20))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "exp.yaml:7:53: clients[0].connections: this run would keep at least 3.00e+04"
                + " connections' records (5.7 MiB) in memory, more than this JVM's heap of 4.0"
                + " MiB: netsim keeps every connection's record and state changes until the run"
                + " ends. Make fewer connections, stop earlier (stop.at), or give Java more memory"
                + " (e.g. JDK_JAVA_OPTIONS=-Xmx1g)");
    RunSize.check(config, document, 6L << 20); // fits
  }

  @Test
  void theEstimate_isALowerBound_ofTheConnectionsEveryShippedScenarioMakes() {
    for (String name : Scenarios.CATALOGUE.names()) {
      ExperimentConfig config =
          ConfigLoader.load(name + ".yaml", Scenarios.CATALOGUE.get(name).text(), List.of());
      RunResult result = new Experiment(config).run();
      long clientSides = result.connections().stream().filter(c -> !c.record().passive()).count();
      assertThat(RunSize.estimate(config).connections())
          .as(name)
          .isLessThanOrEqualTo((double) clientSides);
    }
  }
}
