package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * The line between a violation and an expected outcome. Faults the network cannot make (a byte that
 * reaches the application changed, or missing before the FIN) are made here by altering what the
 * application recorded, after a clean run; they must stay violations, next to outcomes that are TCP
 * doing its job.
 */
class InvariantsTest {
  /** Two 100-byte transfers; the client's path fails for good at 1 s, before its second one. */
  private static final String RUN =
      """
      name: invariants
      tcp: {maxRetries: 2}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, delay: 10ms}
      partitions:
        - {at: 1s, sides: [[client], [server]]}
      listeners:
        - {host: server, port: 80, send: 100, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 100, close: done}
        - {host: client, connect: "server:80", send: 100, sendAt: "+2s", close: never, at: 500ms}
      """;

  private static RunResult run() {
    ExperimentConfig config = ConfigLoader.load("invariants.yaml", RUN, List.of());
    return new Experiment(config).run();
  }

  private static Invariants.Verdict verdict(RunResult result) {
    return Invariants.verdict(result, result.connections());
  }

  private static AppRecord app(RunResult result, String node, int index) {
    return result.apps().stream()
        .filter(r -> r.node().equals(node))
        .skip(index)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCleanRun_withAPeerThatGaveUp_hasExpectedOutcomesOnly() {
    Invariants.Verdict verdict = verdict(run());
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.expected())
        .extracting(e -> e.node() + " " + e.kind().label())
        .containsExactly("client user-timeout", "server peer-gave-up");
  }

  @Test
  void aChangedByte_isAViolation_besideTheExpectedOutcomes() {
    RunResult result = run();
    app(result, "server", 0).firstMismatch = 42;
    Invariants.Verdict verdict = verdict(result);
    assertThat(verdict.violations())
        .containsExactly(
            "server 10.0.0.2:80-10.0.0.1:49152: byte"
                + " 42 read differs from the byte the peer sent (data corrupted, reordered or"
                + " duplicated)");
    assertThat(verdict.expected()).hasSize(2);
  }

  @Test
  void aByteMissingBeforeThePeersFin_isAViolation() {
    RunResult result = run();
    app(result, "client", 0).written = 101; // the server delivered 100 before the FIN
    assertThat(verdict(result).violations())
        .containsExactly(
            "server"
                + " 10.0.0.2:80-10.0.0.1:49152: 100 bytes delivered before the peer's FIN, but the peer"
                + " sent 101 (data lost)");
  }

  @Test
  void aByteDeliveredTwice_isAViolation() {
    RunResult result = run();
    app(result, "client", 0).written = 99;
    assertThat(verdict(result).violations())
        .containsExactly(
            "server"
                + " 10.0.0.2:80-10.0.0.1:49152: 100 bytes delivered before the peer's FIN, but the peer"
                + " sent 99 (data duplicated)");
  }

  @Test
  void aTimeWaitCutShortByARst_isAClose_notAReset() {
    // RFC 9293 3.10.7.4: a RST in TIME-WAIT closes it (without RFC 1337). The connection had
    // closed: the RST only cut its 2 MSL short. Here the server's RST answers the client's
    // re-ACK of a FIN that the rule duplicated, once the server's end is gone.
    ExperimentConfig config =
        ConfigLoader.load(
            "invariants.yaml",
            """
        name: time-wait-rst
        nodes:
          - {name: client, address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: client, b: server, delay: 10ms}
        listeners:
          - {host: server, port: 80, close: eof}
        clients:
          - {host: client, connect: "server:80", close: done}
        rules:
          - {on: "server->client", match: {flagsContain: FIN}, action: delay-arrival,
             delay: 50ms, select: "nth 1", continue: true}
          - {on: "server->client", match: {flagsContain: FIN}, action: duplicate, select: "nth 1"}
        """,
            List.of());
    RunResult result = new Experiment(config).run();
    List<ConnectionReport> reports = result.connections();
    assertThat(reports.get(0).transitions())
        .extracting(TraceEvent.State::causeText)
        .endsWith("rcv RST");
    assertThat(reports.get(0).transitions().get(reports.get(0).transitions().size() - 1).from())
        .isEqualTo(TcpState.TIME_WAIT);
    Invariants.Verdict verdict = Invariants.verdict(result, reports);
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.expected()).isEmpty();
  }

  @Test
  void withoutItsPeerGivingUp_aConnectionLeftOpenIsAViolation() {
    // The same run with a time limit before the client gives up: the second connection is
    // left open at both ends, and nothing explains it. (The first one, in TIME_WAIT, has
    // closed.)
    ExperimentConfig config =
        ConfigLoader.load("invariants.yaml", RUN + "stop: {at: 3s}\n", List.of());
    Invariants.Verdict verdict = verdict(new Experiment(config).run());
    assertThat(verdict.violations())
        .containsExactly(
            "client 10.0.0.1:49153-10.0.0.2:80: left in ESTABLISHED when the run ended (time limit"
                + " 3s), though its peer did not give up",
            "server 10.0.0.2:80-10.0.0.1:49153: left in ESTABLISHED when the run ended (time limit"
                + " 3s), though its peer did not give up");
    assertThat(verdict.expected()).isEmpty();
  }
}
