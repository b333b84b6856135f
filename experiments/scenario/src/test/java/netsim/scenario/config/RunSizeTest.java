package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's size is estimated before it starts from its connections, their bytes and stop.at (the
 * rule is {@link RunSize}'s Javadoc); a run whose trace could not fit in the heap is refused at the
 * send that makes it large, saying how to go on.
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
  void theEstimate_countsTwoEventsPerSegment_ofBothSides_andPerSyn_ofEveryConnection() {
    ExperimentConfig config =
        config(
            document(
                experiment(
                    "1MB",
                    "1460",
                    """
        links:
          - {a: client, b: server}
        """)));
    RunSize.Estimate estimate = RunSize.estimate(config);
    // 2 connections x (1,000,000 + 1,460) bytes: 1370 + 2 segments of 1460 bytes at most, and
    // 2 SYNs.
    assertThat(estimate.dataBytes()).isEqualTo(2 * 1_001_460.0);
    assertThat(estimate.events()).isEqualTo(2 * (1370 + 2 + 2.0));
    assertThat(estimate.heapBytes()).isEqualTo(2 * (1370 + 2 + 2.0) * 84);
    assertThat(estimate.largest()).isEqualTo("clients[0].send");
  }

  @Test
  void theEstimate_isCappedByWhatTheLinksCarryBeforeStopAt() {
    ExperimentConfig config =
        config(
            document(
                experiment(
                    "1GiB",
                    "0",
                    """
        stop: {at: 10s}
        links:
          - {a: client, b: server, bandwidth: 1Mbps}
        """)));
    // Two directions of 1 Mbit/s for 10 s: 2.5 MB at most.
    assertThat(RunSize.estimate(config).dataBytes()).isEqualTo(2_500_000.0);
  }

  @Test
  void connectionsWithoutData_count_asManyAsFitBeforeStopAt() {
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
    YamlDocument document = document(text);
    RunSize.Estimate estimate = RunSize.estimate(config(document));
    assertThat(estimate.events()).isEqualTo(2 * 30_001.0);
    assertThat(estimate.largest()).isEqualTo("clients[0].connections");
    assertThatThrownBy(() -> RunSize.check(config(document), document, 1L << 20))
        .hasMessageStartingWith(
            "exp.yaml:7:51: clients[0].connections: this run would keep at"
                + " least 6.00e+04 trace events (4.8 MiB) in memory for 0 bytes of data");
    assertThat(RunSize.estimate(config(document(text + "stop: {at: 1s}\n"))).events())
        .isEqualTo(2 * 51.0);
  }

  @Test
  void aClientWithoutAListener_isCounted_withoutAnAnswer() {
    ExperimentConfig config =
        config(
            document(
                """
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: server}
        clients:
          - {host: client, connect: "server:80", send: 1460, connections: 3}
        """));
    RunSize.Estimate estimate = RunSize.estimate(config);
    assertThat(estimate.events()).isEqualTo(2 * (3 + 3.0));
    assertThat(estimate.largest()).isEqualTo("clients[0].connections");
  }

  @Test
  void aRunTooLargeForTheHeap_isRefused_atTheSendThatMakesIt() {
    YamlDocument document =
        document(
            experiment(
                "100MB",
                "0",
                """
        links:
          - {a: client, b: server}
        """));
    ExperimentConfig config = config(document);
    assertThatThrownBy(() -> RunSize.check(config, document, 10L << 20))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "exp.yaml:7:42: clients[0].send: this run would keep at least 2.74e+05"
                + " trace events (21.9 MiB) in memory for 190.7 MiB of data, more than this JVM's"
                + " heap of 10.0 MiB: netsim holds a run's trace in memory until the run ends. Send"
                + " less, make fewer connections, stop earlier (stop.at), or give Java more memory"
                + " (e.g."
                + " JDK_JAVA_OPTIONS=-Xmx1g)");
    RunSize.check(config, document, 100L << 20); // fits
  }

  @Test
  void theEstimate_isALowerBound_ofTheEventsEveryShippedScenarioRecords() {
    for (String name : Scenarios.CATALOGUE.names()) {
      ExperimentConfig config =
          ConfigLoader.load(name + ".yaml", Scenarios.CATALOGUE.get(name).text(), List.of());
      assertThat(RunSize.estimate(config).events())
          .as(name)
          .isLessThanOrEqualTo(netsim.scenario.run.RecordedRun.of(config).events().size());
    }
  }

  @Test
  void aHugeSendBuffer_doesNotMakeASmallTransferLarge() {
    YamlDocument document =
        document(
            experiment(
                "100",
                "0",
                """
        tcp: {sendBuffer: 1GiB}
        links:
          - {a: client, b: server}
        """));
    RunSize.check(config(document), document, 10L << 20);
    assertThat(
            ConfigLoader.load(
                    "exp.yaml",
                    experiment(
                        "100",
                        "0",
                        """
        tcp: {sendBuffer: 1GiB}
        links:
          - {a: client, b: server}
        """),
                    List.of())
                .tcp()
                .sendBuffer())
        .isEqualTo(1L << 30);
  }
}
