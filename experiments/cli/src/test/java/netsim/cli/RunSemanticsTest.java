package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a run treats what TCP and hosts do: an OPEN refused for a 4-tuple in use fails alone, a crash
 * stops only the clients that had started, a crashed listener and a full backlog say so in the
 * trace, and a connection left open because its peer gave up is an expected outcome, not a
 * violation.
 */
class RunSemanticsTest {
  @TempDir Path dir;

  private static final String BASE =
      """
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, delay: 10ms}
      """;

  private ScenarioRun run(String yaml) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, yaml);
    return ScenarioRun.of(dir.resolve("out"), file.toString());
  }

  /** The trace lines of one kind ("app", "state", "drop", ...), as written. */
  private static List<String> lines(ScenarioRun run, String ev) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.dir.resolve("trace.jsonl"))) {
      if (line.contains("\"ev\":\"" + ev + "\"")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static List<String> expectedOutcomes(ScenarioRun run) {
    List<String> outcomes = new ArrayList<>();
    for (JsonNode e : run.summary().get("invariants").get("expectedOutcomes")) {
      outcomes.add(
          e.get("node").asText()
              + " "
              + e.get("conn").asText()
              + " "
              + e.get("outcome").asText()
              + ": "
              + e.get("detail").asText());
    }
    return outcomes;
  }

  @Test
  void openOnAFourTupleInItsOwnTimeWait_failsAlone_andTheRunGoesOn() throws IOException {
    // RFC 9293 3.10.1: "connection already exists". The first connection from port 5000 is in
    // TIME_WAIT (2 x 30 s) when the second client opens the same 4-tuple at 1 s.
    ScenarioRun run =
        run(
            BASE
                + """
        listeners:
          - {host: server, port: 80, close: eof}
        clients:
          - {host: client, connect: "server:80", localPort: 5000, close: done}
          - {host: client, connect: "server:80", localPort: 5000, close: done, at: 1s}
          - {host: client, connect: "server:80", close: done, at: 2s}
        """);
    assertThat(lines(run, "app"))
        .contains(
            "{\"t\":1000000000,\"ev\":\"app\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:5000-10.0.0.2:80\",\"event\":\"open-failed\"}");
    // Only that OPEN failed: the TIME_WAIT connection lives its life; the third client runs.
    assertThat(run.trace().states("client", 0))
        .endsWith("FIN_WAIT_1->TIME_WAIT", "TIME_WAIT->CLOSED");
    assertThat(run.trace().states("client", 1))
        .startsWith("CLOSED->SYN_SENT")
        .endsWith("TIME_WAIT->CLOSED");
    assertThat(run.summary().get("connections")).hasSize(4);
    assertThat(run.violations()).isEmpty();
    assertThat(expectedOutcomes(run))
        .containsExactly(
            "client 10.0.0.1:5000-10.0.0.2:80"
                + " open-failed: OPEN failed: connection already exists (in TIME_WAIT) (RFC 9293"
                + " 3.10.1)");
    assertThat(run.result.out())
        .contains(
            "expected outcomes (TCP doing its job, not"
                + " violations): 1\n  open-failed client 10.0.0.1:5000-10.0.0.2:80: OPEN failed:"
                + " connection already exists (in TIME_WAIT)");
  }

  @Test
  void aClientScheduledAfterItsHostCrashedAndRestarted_runs() throws IOException {
    ScenarioRun run =
        run(
            BASE.replace(
                    "{name: client, address: 10.0.0.1}",
                    "{name: client, address: 10.0.0.1, crashAt: 1s, restartAt: 2s}")
                + """
        listeners:
          - {host: server, port: 80, close: eof}
        clients:
          - {host: client, connect: "server:80", send: 10, close: done, at: 3s}
        """);
    assertThat(run.trace().segments()).startsWith("client SYN seq=0", "server SYN|ACK seq=0 ack=1");
    assertThat(run.trace().states("client", 0))
        .containsExactly(
            "CLOSED->SYN_SENT",
            "SYN_SENT->ESTABLISHED",
            "ESTABLISHED->FIN_WAIT_1",
            "FIN_WAIT_1->TIME_WAIT",
            "TIME_WAIT->CLOSED");
    assertThat(lines(run, "state").get(0))
        .isEqualTo(
            "{\"t\":0,\"ev\":\"state\",\"node\":\"server\",\"conn\":\"10.0.0.2:80-0.0.0.0:0\","
                + "\"from\":\"CLOSED\",\"to\":\"LISTEN\",\"cause\":\"OPEN\"}");
    assertThat(lines(run, "state").get(1)).startsWith("{\"t\":3000000000,");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void aCrashedHostsListener_reportsTheCrash() throws IOException {
    ScenarioRun run =
        run(
            BASE.replace(
                    "{name: server, address: 10.0.0.2}",
                    "{name: server, address: 10.0.0.2, crashAt: 1s}")
                + """
        listeners:
          - {host: server, port: 80, close: eof}
        clients:
          - {host: client, connect: "server:80", close: done, at: 2s}
        """);
    // The client, after the crash, finds no listener: the server's TCP refuses it.
    assertThat(lines(run, "state"))
        .containsExactly(
            "{\"t\":0,\"ev\":\"state\",\"node\":\"server\",\"conn\":\"10.0.0.2:80-0.0.0.0:0\","
                + "\"from\":\"CLOSED\",\"to\":\"LISTEN\",\"cause\":\"OPEN\"}",
            "{\"t\":1000000000,\"ev\":\"state\",\"node\":\"server\",\"conn\":\"10.0.0.2:80-0.0.0.0:0\","
                + "\"from\":\"LISTEN\",\"to\":\"CLOSED\",\"cause\":\"host crash\"}",
            "{\"t\":2000000000,\"ev\":\"state\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:49152-10.0.0.2:80\",\"from\":\"CLOSED\",\"to\":\"SYN_SENT\","
                + "\"cause\":\"OPEN\"}",
            "{\"t\":2020000000,\"ev\":\"state\",\"node\":\"client\","
                + "\"conn\":\"10.0.0.1:49152-10.0.0.2:80\",\"from\":\"SYN_SENT\",\"to\":\"CLOSED\","
                + "\"cause\":\"rcv RST\"}");
  }

  @Test
  void aSynRefusedForAFullBacklog_leavesADropLine() throws IOException {
    // The first SYN fills the backlog of 1 until the handshake completes (20 ms round trip);
    // the second, 1 ms later, is dropped by the server's TCP after its recv.
    ScenarioRun run =
        run(
            BASE
                + """
        listeners:
          - {host: server, port: 80, backlog: 1, close: eof}
        clients:
          - {host: client, connect: "server:80", localPort: 5000, close: done}
          - {host: client, connect: "server:80", localPort: 5001, close: done, at: 1ms}
        """);
    List<String> drops = lines(run, "drop");
    assertThat(drops.get(0))
        .matches(
            "\\{\"t\":11000000,\"ev\":\"drop\",\"node\":\"server\","
                + "\"pkt\":1,\"src\":\"10.0.0.1:5001\",\"dst\":\"10.0.0.2:80\",\"flags\":\"SYN\","
                + "\"seq\":\\d+,\"len\":0,\"cause\":\"backlog\"}");
    assertThat(run.summary().get("listeners").get(0).get("refusedForBacklog").asInt()).isEqualTo(1);
    // The SYN's retransmission found room: both connections ran.
    assertThat(run.trace().states("client", 1)).endsWith("TIME_WAIT->CLOSED");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void aConnectionLeftInFinWait2BecauseItsPeerGaveUp_isAnExpectedOutcome_notAViolation()
      throws IOException {
    // The client closes; the server closes 2 s later, when the path has failed for good: its
    // FIN goes unanswered until USER TIMEOUT, without a RST (RFC 9293 3.10.8), and the client
    // is left in FIN_WAIT_2.
    ScenarioRun run =
        run(
            BASE
                + """
        tcp: {maxRetries: 2}
        partitions:
          - {at: 1s, sides: [[client], [server]]}
        listeners:
          - {host: server, port: 80, close: "+2s"}
        clients:
          - {host: client, connect: "server:80", close: done}
        """);
    assertThat(run.trace().states("client", 0))
        .endsWith("ESTABLISHED->FIN_WAIT_1", "FIN_WAIT_1->FIN_WAIT_2");
    assertThat(run.trace().states("server", 0))
        .endsWith("CLOSE_WAIT->LAST_ACK", "LAST_ACK->CLOSED");
    assertThat(run.violations()).isEmpty();
    assertThat(expectedOutcomes(run))
        .containsExactly(
            "client 10.0.0.1:49152-10.0.0.2:80 peer-gave-up: left in FIN_WAIT_2 when the run"
                + " ended: server's end gave up (USER TIMEOUT) at 9.03s and sent no RST that"
                + " arrived (RFC 9293 3.10.8 and 3.5.1)",
            "server 10.0.0.2:80-10.0.0.1:49152 user-timeout: gave up at 9.03s: its"
                + " retransmissions went unanswered (USER TIMEOUT, RFC 9293 3.10.8)");
    assertThat(
            Cli.run(
                    "run",
                    dir.resolve("exp.yaml").toString(),
                    "--check",
                    "--out",
                    dir.resolve("checked").toString())
                .exit())
        .isZero();
  }
}
