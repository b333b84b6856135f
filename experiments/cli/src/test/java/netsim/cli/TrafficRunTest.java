package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic models from the command line: the traffic-mix example runs twice into byte-identical
 * outputs, with UDP in the trace, the pcap files and flows.csv; a traffic mistake exits 2, located,
 * and writes nothing.
 */
class TrafficRunTest {
  @TempDir Path dir;

  @Test
  void trafficMix_runsTwice_intoByteIdenticalOutputs_withUdpFlowsMeasured() throws IOException {
    ScenarioRun first = ScenarioRun.of(dir.resolve("first"), "traffic-mix");
    ScenarioRun second = ScenarioRun.of(dir.resolve("second"), "traffic-mix");
    List<Path> files;
    try (Stream<Path> listed = Files.list(first.dir)) {
      files = listed.sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("trace.jsonl", "summary.json", "flows.csv", "s3.pcap", "d3.pcap");
    for (Path f : files) {
      assertThat(Files.readAllBytes(second.dir.resolve(f.getFileName())))
          .as("%s", f.getFileName())
          .isEqualTo(Files.readAllBytes(f));
    }
    assertThat(first.violations()).isEmpty();

    List<String> csv = Files.readAllLines(first.dir.resolve("flows.csv"));
    assertThat(csv.get(0)).endsWith(",cwnd_max,datagrams_sent,datagrams_received,loss");
    String cbr = csv.stream().filter(l -> l.startsWith("cbr,")).findFirst().orElseThrow();
    assertThat(cbr).startsWith("cbr,up,s3,d3,10.1.0.3:49152-10.2.0.3:9,0,");
    assertThat(cbr).contains(",2084,");
    assertThat(csv.stream().filter(l -> l.startsWith("web#"))).hasSize(60);

    JsonNode udp = null;
    for (JsonNode flow : first.summary().get("flows").get("flows")) {
      if (flow.get("flow").asText().equals("poisson")) {
        udp = flow;
      }
      if (flow.get("flow").asText().startsWith("web#")) {
        assertThat(flow.has("datagrams")).isFalse();
      }
    }
    assertThat(udp).isNotNull();
    assertThat(udp.get("datagrams").get("sent").asLong()).isPositive();
    assertThat(udp.get("retransmissions").isNull()).isTrue();

    String trace = Files.readString(first.dir.resolve("trace.jsonl"));
    assertThat(trace)
        .contains(
            "\"ev\":\"udp-send\",\"node\":\"s3\",\"pkt\":",
            "\"src\":\"10.1.0.3:49152\",\"dst\":\"10.2.0.3:9\",\"seq\":0,\"len\":1200}");
    assertThat(trace).contains("\"ev\":\"udp-recv\",\"node\":\"d3\"");
  }

  @Test
  void aMissingCdfFile_exitsTwo_locatedAtTheFileKey_andWritesNothing() throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(
        file,
        """
        nodes:
          - {name: a, address: 10.0.0.1}
          - {name: b, address: 10.0.0.2}
        links:
          - {a: a, b: b}
        listeners:
          - {host: b, port: 80}
        clients:
          - host: a
            connect: "b:80"
            flows: {size: {distribution: empirical, file: web-search.cdf}}
        """);
    Cli.Result run = Cli.run("run", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().trim())
        .isEqualTo(
            "netsim: "
                + file
                + ":11:45: clients[0].flows.size.file: no such CDF file: "
                + dir.resolve("web-search.cdf"));
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }
}
