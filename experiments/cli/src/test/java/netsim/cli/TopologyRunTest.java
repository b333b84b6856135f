package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment written with a {@code topology:} line runs like a hand-written one. */
class TopologyRunTest {
  @TempDir Path dir;

  private static final String DUMBBELL =
      """
      name: small-dumbbell
      seed: 3
      tcp: {minRto: 200ms}
      topology:
        kind: dumbbell
        pairs: 2
        bottleneck: {bandwidth: 2Mbps, delay: 5ms, queue: {packets: 20}}
        access: [{bandwidth: 20Mbps, delay: 1ms}, {bandwidth: 20Mbps, delay: 6ms}]
      listeners:
        - {host: d1, port: 80}
        - {host: d2, port: 80}
      clients:
        - {host: s1, connect: "d1:80", send: 60KiB}
        - {host: s2, connect: "d2:80", send: 60KiB}
      outputs: {ladder: false, plots: false}
      """;

  private Path file(String text) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void dumbbell_runsTwice_intoByteIdenticalOutputs_andEveryByteArrives() throws IOException {
    Path file = file(DUMBBELL);
    ScenarioRun first = ScenarioRun.of(dir.resolve("first"), file.toString());
    ScenarioRun second = ScenarioRun.of(dir.resolve("second"), file.toString());
    List<Path> files;
    try (Stream<Path> listed = Files.list(first.dir)) {
      files = listed.sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("trace.jsonl", "summary.json", "flows.csv", "s1.pcap", "d2.pcap");
    for (Path f : files) {
      assertThat(Files.readAllBytes(second.dir.resolve(f.getFileName())))
          .as("%s", f.getFileName())
          .isEqualTo(Files.readAllBytes(f));
    }
    assertThat(first.violations()).isEmpty();
    List<String> flows = Files.readAllLines(first.dir.resolve("flows.csv"));
    assertThat(flows.get(0))
        .startsWith("flow,direction,sender,receiver,conn,start,bytes,complete,");
    assertThat(flows.subList(1, flows.size()))
        .extracting(line -> line.substring(0, line.indexOf(",true,")))
        .containsExactly(
            "client1,up,s1,d1,10.1.0.1:49152-10.2.0.1:80,0,61440",
            "client2,up,s2,d2,10.1.0.2:49152-10.2.0.2:80,0,61440");
    assertThat(first.summary().get("flows").get("flows")).hasSize(2);
    assertThat(first.summary().get("flows").get("jain").asDouble()).isBetween(0.5, 1.0);
    assertThat(
            first.summary().get("flows").get("links").get("r1->r2").get("utilization").asDouble())
        .isBetween(0.5, 1.01);
    assertThat(first.summary().get("links").has("r1->r2")).isTrue();
    assertThat(first.summary().get("links").get("r1->r2").get("deliveredBytes").asLong())
        .isGreaterThan(2 * 60 * 1024);
  }

  @Test
  void topologyMistake_isLocated_exitTwo_andNothingIsWritten() throws IOException {
    Path file = file(DUMBBELL.replace("pairs: 2", "pairs: 0"));
    Cli.Result run = Cli.run("run", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().trim())
        .isEqualTo(
            "netsim: " + file + ":6:3: topology.pairs: out of range: 0 (expected 1 to 1000)");
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }
}
