package netsim.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API builds the very experiment its YAML would, through the same binder. */
class ExperimentBuilderTest {
  @TempDir Path dir;

  private static final String YAML =
      """
      name: two-flows
      seed: 3
      stop: {at: 5s}
      tcp: {congestionControl: cubic, minRto: 200ms}
      topology:
        kind: dumbbell
        pairs: 2
        bottleneck: {bandwidth: 5Mbps, delay: 5ms, queue: {kind: codel, packets: 100}}
        access: {delay: 1ms}
      listeners:
        - {host: d1, port: 80}
        - {host: d2, port: 80, close: eof}
      clients:
        - {name: bulk, host: s1, connect: "d1:80", send: 300KB, count: 2, startJitter: 10ms}
        - {name: rpc, host: s2, connect: "d2:80", requests: {count: 5, response: 3KB}}
      """;

  private static ExperimentBuilder twoFlows() {
    return ExperimentBuilder.named("two-flows")
        .seed(3)
        .stopAt("5s")
        .tcp("congestionControl", "cubic")
        .tcp("minRto", "200ms")
        .dumbbell(
            2,
            Map.of(
                "bandwidth",
                "5Mbps",
                "delay",
                "5ms",
                "queue",
                Map.of("kind", "codel", "packets", 100)),
            Map.of("delay", "1ms"))
        .listener("d1", 80)
        .listener("d2", 80, Map.of("close", "eof"))
        .client("bulk", "s1", "d1:80", Map.of("send", "300KB", "count", 2, "startJitter", "10ms"))
        .client("rpc", "s2", "d2:80", Map.of("requests", Map.of("count", 5, "response", "3KB")));
  }

  @Test
  void aBuiltExperiment_equalsTheSameKeysReadFromYaml() {
    ExperimentConfig fromYaml = ConfigLoader.load("two-flows.yaml", YAML, List.of());
    assertThat(twoFlows().build()).isEqualTo(fromYaml);
  }

  @Test
  void aRun_reportsTheFlowsAndLinks_andWritesTheSameSummaryAsTheYaml() throws IOException {
    RunReport report = twoFlows().runInto(dir.resolve("api"));
    assertThat(report.violations()).isEmpty();
    assertThat(report.flows("bulk"))
        .extracting(f -> f.name())
        .containsExactlyInAnyOrder("bulk.1", "bulk.2");
    assertThat(report.flows("bulk")).allMatch(f -> f.complete() && f.bytes() == 300_000);
    assertThat(report.flows("rpc")).hasSize(2); // requests up, answers down
    assertThat(report.link("bottleneck").direction()).isEqualTo("r1->r2");
    assertThat(report.link("r2 -> r1").direction()).isEqualTo("r2->r1");
    assertThat(report.link("bottleneck").utilization()).isBetween(0.3, 1.0);
    assertThat(report.files()).contains(dir.resolve("api").resolve("summary.json"));

    Path yaml = Files.writeString(dir.resolve("two-flows.yaml"), YAML);
    RunReport fromFile = ExperimentBuilder.from(yaml).runInto(dir.resolve("yaml"));
    assertThat(Files.readString(dir.resolve("api/summary.json")))
        .isEqualTo(Files.readString(dir.resolve("yaml/summary.json")));
    assertThat(fromFile.report()).isEqualTo(report.report());
    assertThat(twoFlows().run().report()).isEqualTo(report.report()); // no files, same numbers
  }

  @Test
  void fromAFile_keepsItsEntries_andAddsAfterThem() throws IOException {
    Path yaml = Files.writeString(dir.resolve("two-flows.yaml"), YAML);
    ExperimentConfig config =
        ExperimentBuilder.from(yaml)
            .set("topology.bottleneck.queue", Map.of("kind", "droptail", "packets", 20))
            .client("late", "s1", "d1:80", Map.of("at", "1s", "send", "10KB"))
            .build();
    assertThat(config.clients())
        .extracting(c -> c.name())
        .containsExactly("bulk.1", "bulk.2", "rpc", "late");
    assertThat(config.links().get(2).aToB().queue().toString()).contains("20");
  }

  @Test
  void aMistake_isTheBindersError_namingTheFieldPath() {
    assertThatThrownBy(() -> twoFlows().tcp("congestionControl", "vegas").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tcp.congestionControl")
        .hasMessageContaining("vegas");
    assertThatThrownBy(() -> twoFlows().set("topology.pairs", 0).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topology.pairs: out of range: 0");
    RunReport report = twoFlows().stopAt("1s").run();
    assertThatThrownBy(() -> report.link("wan"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no link or link direction named 'wan' (known: ");
  }
}
