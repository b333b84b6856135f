package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Every output file of a run is what docs/trace.md and the README say: trace.jsonl lines with their
 * fields in a fixed order, summary.json and a well-formed ladder.svg (that tshark decodes the pcaps
 * is {@link OutputFilesIT}'s). Runs lost-final-ack once for all tests.
 */
class OutputFilesTest {
  @TempDir static Path out;
  static ScenarioRun run;

  @BeforeAll
  static void runLostFinalAck() {
    run = ScenarioRun.of(out, "lost-final-ack");
  }

  @Test
  void run_writesEveryOutput_andNoPartialFileIsLeft() throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              ".netsim-run",
              "client.pcap",
              "cwnd.svg",
              "flows.csv",
              "ladder.svg",
              "server.pcap",
              "summary.json",
              "timeseq.svg",
              "trace.jsonl");
    }
    assertThat(run.result.out())
        .contains("invariants: all hold")
        .contains(out.resolve("trace.jsonl").toString());
  }

  @Test
  void trace_everyLineHasTimeAndEvent_inOrderOfVirtualTime_withIntegersOnly() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("trace.jsonl"));
    long previous = 0;
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode e = json.readTree(line);
      assertThat(line).startsWith("{\"t\":").contains(",\"ev\":\"");
      assertThat(e.get("t").isIntegralNumber()).isTrue();
      assertThat(e.get("t").asLong()).isGreaterThanOrEqualTo(previous);
      previous = e.get("t").asLong();
      e.properties()
          .forEach(f -> assertThat(f.getValue().isFloatingPointNumber()).as(line).isFalse());
    }
    assertThat(lines)
        .anyMatch(l -> l.contains("\"ev\":\"rule\""))
        .anyMatch(l -> l.contains("\"ev\":\"rtx\""))
        .anyMatch(l -> l.contains("\"ev\":\"app\""));
  }

  @Test
  void trace_packetLines_haveTheDocumentedFieldsInTheDocumentedOrder() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> sendKeys = null;
    List<String> dropKeys = null;
    List<String> stateKeys = null;
    for (String line : Files.readAllLines(out.resolve("trace.jsonl"))) {
      JsonNode e = json.readTree(line);
      List<String> keys = new ArrayList<>();
      e.fieldNames().forEachRemaining(keys::add);
      switch (e.get("ev").asText()) {
        case "send" -> {
          if (e.get("flags").asText().contains("ACK")) {
            sendKeys = keys;
          } else {
            assertThat(keys).doesNotContain("ack");
          }
        }
        case "drop" -> dropKeys = keys;
        case "state" -> stateKeys = keys;
        default -> {}
      }
    }
    assertThat(sendKeys)
        .containsExactly(
            "t", "ev", "node", "pkt", "src", "dst", "flags", "seq", "ack", "len", "state");
    assertThat(dropKeys)
        .containsExactly(
            "t", "ev", "node", "link", "pkt", "src", "dst", "flags", "seq", "ack", "len", "cause");
    assertThat(stateKeys).containsExactly("t", "ev", "node", "conn", "from", "to", "cause");
  }

  @Test
  void trace_ccLines_haveTheDocumentedFields_ssthreshOnlyOnceSet() throws IOException {
    ObjectMapper json = new ObjectMapper();
    long firstRtx = Long.MAX_VALUE;
    List<JsonNode> cc = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("trace.jsonl"))) {
      JsonNode e = json.readTree(line);
      if (e.get("ev").asText().equals("rtx")) {
        firstRtx = Math.min(firstRtx, e.get("t").asLong());
      } else if (e.get("ev").asText().equals("cc")) {
        cc.add(e);
      }
    }
    assertThat(cc).isNotEmpty();
    for (JsonNode e : cc) {
      List<String> keys = new ArrayList<>();
      e.fieldNames().forEachRemaining(keys::add);
      // ssthresh is set by the server's retransmission timeout (its FIN), not before.
      if (e.get("t").asLong() < firstRtx) {
        assertThat(keys)
            .containsExactly("t", "ev", "node", "conn", "cwnd", "srtt", "rto", "inflight");
      } else {
        assertThat(keys).containsSubsequence("t", "ev", "node", "conn", "cwnd", "rto", "inflight");
      }
    }
    long rto = firstRtx;
    assertThat(cc)
        .anyMatch(
            e ->
                e.get("node").asText().equals("server")
                    && e.get("t").asLong() == rto
                    && e.get("ssthresh").asLong() == 2896
                    && e.get("cwnd").asLong() == 1448);
  }

  @Test
  void summary_hasVersionSeedEffectiveConfigCountersAndInvariants() {
    JsonNode summary = run.summary();
    assertThat(summary.get("netsim").asText()).isNotEmpty().isNotEqualTo("unknown");
    assertThat(summary.get("seed").asLong()).isEqualTo(1);
    assertThat(summary.get("invariants").get("ok").asBoolean()).isTrue();
    JsonNode config = summary.get("config");
    assertThat(config.get("tcp").get("msl").asLong()).isEqualTo(30_000_000_000L);
    assertThat(config.get("links").get(0).get("aToB").get("delay").asLong()).isEqualTo(50_000_000L);
    JsonNode link = summary.get("links").get("client->server");
    assertThat(link.get("dropped").get("rule").asLong()).isEqualTo(1);
    JsonNode client = summary.get("connections").get(0);
    assertThat(client.get("node").asText()).isEqualTo("client");
    assertThat(client.get("states").toString())
        .isEqualTo(
            "[\"CLOSED\",\"SYN_SENT\","
                + "\"ESTABLISHED\",\"FIN_WAIT_1\",\"FIN_WAIT_2\",\"TIME_WAIT\",\"CLOSED\"]");
    assertThat(client.get("timeToEstablish").asLong()).isEqualTo(100_000_000L);
    assertThat(summary.get("connections").get(1).get("retransmissions").asLong()).isEqualTo(1);
    assertThat(summary.get("rules").get(0).get("took").asLong()).isEqualTo(1);
  }

  @Test
  void ladder_isWellFormedSvg_withStatesLabelsAndTheDrop() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document svg = factory.newDocumentBuilder().parse(out.resolve("ladder.svg").toFile());
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    String text = Files.readString(out.resolve("ladder.svg"));
    assertThat(text)
        .contains(">TIME_WAIT<")
        .contains(">LAST_ACK<")
        .contains("FIN|ACK seq=101 ack=102")
        .contains("class=\"cross\"")
        .contains("relative to each side's ISN")
        .contains("\u2026 60 s \u2026");
  }

  @Test
  void ladder_beyondItsLimit_isCutWithAVisibleNote(@TempDir Path cut) throws IOException {
    ScenarioRun.of(cut, "lost-final-ack", "--set", "outputs.ladderMaxSegments=4");
    assertThat(Files.readString(cut.resolve("ladder.svg")))
        .contains("cut here: 7 more segments not drawn");
  }
}
