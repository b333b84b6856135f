package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each built-in scenario tells its story: the exact state changes of each connection and the exact
 * segments (flags, seq and ack relative to each side's ISN, data length), with the drops.
 */
class ScenariosTest {
  @TempDir Path out;

  private static final String[] ACTIVE_CLOSE = {
    "CLOSED->SYN_SENT",
    "SYN_SENT->ESTABLISHED",
    "ESTABLISHED->FIN_WAIT_1",
    "FIN_WAIT_1->FIN_WAIT_2",
    "FIN_WAIT_2->TIME_WAIT",
    "TIME_WAIT->CLOSED"
  };
  private static final String[] PASSIVE_CLOSE = {
    "LISTEN->SYN_RECEIVED",
    "SYN_RECEIVED->ESTABLISHED",
    "ESTABLISHED->CLOSE_WAIT",
    "CLOSE_WAIT->LAST_ACK",
    "LAST_ACK->CLOSED"
  };

  @Test
  void handshakeAndClose_threeWayHandshake_fourSegmentClose_clientEndsInTimeWait() {
    ScenarioRun run = ScenarioRun.of(out, "handshake-and-close");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0)).containsExactly(ACTIVE_CLOSE);
    assertThat(trace.states("server", 0)).containsExactly(PASSIVE_CLOSE);
    assertThat(trace.segments())
        .containsExactly(
            "client SYN seq=0",
            "server SYN|ACK seq=0 ack=1",
            "client PSH|ACK seq=1 ack=1 len=100",
            "server PSH|ACK seq=1 ack=101 len=100",
            "client ACK seq=101 ack=101",
            "client FIN|ACK seq=101 ack=101",
            "server ACK seq=101 ack=102",
            "server FIN|ACK seq=101 ack=102",
            "client ACK seq=102 ack=102");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void simultaneousOpen_synsCross_bothPassSynReceived_sixSegments() {
    ScenarioRun run = ScenarioRun.of(out, "simultaneous-open");
    Trace trace = run.trace();
    assertThat(trace.states("a", 0))
        .startsWith("CLOSED->SYN_SENT", "SYN_SENT->SYN_RECEIVED", "SYN_RECEIVED->ESTABLISHED");
    assertThat(trace.states("b", 0))
        .startsWith("CLOSED->SYN_SENT", "SYN_SENT->SYN_RECEIVED", "SYN_RECEIVED->ESTABLISHED");
    assertThat(trace.segments().subList(0, 6))
        .containsExactly(
            "a SYN seq=0",
            "b SYN seq=0",
            "b SYN|ACK seq=0 ack=1",
            "a SYN|ACK seq=0 ack=1",
            "a ACK seq=1 ack=1",
            "b ACK seq=1 ack=1");
    assertThat(trace.count("recv")).isEqualTo(trace.count("send"));
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void simultaneousClose_finsCross_bothGoClosingThenTimeWait() {
    ScenarioRun run = ScenarioRun.of(out, "simultaneous-close");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0))
        .containsExactly(
            "CLOSED->SYN_SENT",
            "SYN_SENT->ESTABLISHED",
            "ESTABLISHED->FIN_WAIT_1",
            "FIN_WAIT_1->CLOSING",
            "CLOSING->TIME_WAIT",
            "TIME_WAIT->CLOSED");
    assertThat(trace.states("server", 0))
        .containsExactly(
            "LISTEN->SYN_RECEIVED",
            "SYN_RECEIVED->ESTABLISHED",
            "ESTABLISHED->FIN_WAIT_1",
            "FIN_WAIT_1->CLOSING",
            "CLOSING->TIME_WAIT",
            "TIME_WAIT->CLOSED");
    assertThat(trace.segments())
        .containsExactly(
            "client SYN seq=0",
            "server SYN|ACK seq=0 ack=1",
            "client ACK seq=1 ack=1",
            "client FIN|ACK seq=1 ack=1",
            "server FIN|ACK seq=1 ack=1",
            "server ACK seq=2 ack=2",
            "client ACK seq=2 ack=2");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void finAckInFinWait1_serverClosesAtEof_clientSkipsFinWait2() {
    ScenarioRun run = ScenarioRun.of(out, "fin-ack-in-fin-wait-1");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0))
        .containsExactly(
            "CLOSED->SYN_SENT",
            "SYN_SENT->ESTABLISHED",
            "ESTABLISHED->FIN_WAIT_1",
            "FIN_WAIT_1->TIME_WAIT",
            "TIME_WAIT->CLOSED");
    assertThat(trace.segments())
        .containsExactly(
            "client SYN seq=0",
            "server SYN|ACK seq=0 ack=1",
            "client PSH|ACK seq=1 ack=1 len=100",
            "server ACK seq=1 ack=101",
            "client FIN|ACK seq=101 ack=1",
            "server FIN|ACK seq=1 ack=102",
            "client ACK seq=102 ack=2");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void lostSyn_firstSynDropped_retransmittedWithTheSameIsn_handshakeCompletes() {
    ScenarioRun run = ScenarioRun.of(out, "lost-syn");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0)).containsExactly(ACTIVE_CLOSE);
    assertThat(trace.segments())
        .startsWith(
            "client SYN seq=0",
            "drop client SYN seq=0 (rule)",
            "client SYN seq=0",
            "server SYN|ACK seq=0 ack=1");
    assertThat(trace.lines)
        .anySatisfy(
            e -> {
              assertThat(e.get("ev").asText()).isEqualTo("rtx");
              assertThat(e.get("flags").asText()).isEqualTo("SYN");
              assertThat(e.get("t").asLong()).isEqualTo(1_000_000_000L);
            });
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void lostFinalAck_serverRetransmitsFin_clientInTimeWaitAcksAgain_bothClose() {
    ScenarioRun run = ScenarioRun.of(out, "lost-final-ack");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0)).containsExactly(ACTIVE_CLOSE);
    assertThat(trace.states("server", 0)).containsExactly(PASSIVE_CLOSE);
    assertThat(trace.segments())
        .containsExactly(
            "client SYN seq=0",
            "server SYN|ACK seq=0 ack=1",
            "client PSH|ACK seq=1 ack=1 len=100",
            "server PSH|ACK seq=1 ack=101 len=100",
            "client ACK seq=101 ack=101",
            "client FIN|ACK seq=101 ack=101",
            "server ACK seq=101 ack=102",
            "server FIN|ACK seq=101 ack=102",
            "client ACK seq=102 ack=102",
            "drop client ACK seq=102 ack=102 (rule)",
            "server FIN|ACK seq=101 ack=102",
            "client ACK seq=102 ack=102");
    // The second ACK restarts TIME-WAIT: the client closes 2*MSL (60 s) after it, not after the
    // first.
    long reAck =
        trace.lines.stream()
            .filter(
                e -> e.get("ev").asText().equals("send") && e.get("node").asText().equals("client"))
            .reduce((a, b) -> b)
            .orElseThrow()
            .get("t")
            .asLong();
    long closed =
        trace.lines.stream()
            .filter(
                e ->
                    e.get("ev").asText().equals("state")
                        && e.get("node").asText().equals("client")
                        && e.get("to").asText().equals("CLOSED"))
            .findFirst()
            .orElseThrow()
            .get("t")
            .asLong();
    assertThat(closed - reAck).isEqualTo(60_000_000_000L);
    assertThat(run.result.out())
        .contains("server retransmitted FIN|ACK at 1.85s (rto)")
        .contains("client in TIME_WAIT re-ACKed at 1.9s");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void staleSyn_listenerAnswersSynAck_clientHostResets_childReturnsToListenAndIsReleased() {
    ScenarioRun run = ScenarioRun.of(out, "stale-syn");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0)).containsExactly(ACTIVE_CLOSE);
    assertThat(trace.states("server", 0)).containsExactly(PASSIVE_CLOSE);
    assertThat(trace.states("server", 1))
        .containsExactly("LISTEN->SYN_RECEIVED", "SYN_RECEIVED->LISTEN");
    assertThat(trace.segments())
        .endsWith("client ACK seq=102 ack=2", "server SYN|ACK seq=0 ack=1", "client RST seq=1");
    assertThat(run.summary().get("listeners").get(0).get("embryonic").asInt()).isZero();
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void halfOpen_serverCrashes_clientDataDrawsRst_clientCloses() {
    ScenarioRun run = ScenarioRun.of(out, "half-open");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0))
        .containsExactly("CLOSED->SYN_SENT", "SYN_SENT->ESTABLISHED", "ESTABLISHED->CLOSED");
    assertThat(trace.states("server", 0))
        .containsExactly(
            "LISTEN->SYN_RECEIVED", "SYN_RECEIVED->ESTABLISHED", "ESTABLISHED->CLOSED");
    assertThat(trace.segments())
        .containsExactly(
            "client SYN seq=0",
            "server SYN|ACK seq=0 ack=1",
            "client ACK seq=1 ack=1",
            "client PSH|ACK seq=1 ack=1 len=100",
            "server RST seq=1");
    assertThat(trace.lines)
        .anySatisfy(
            e -> {
              assertThat(e.get("ev").asText()).isEqualTo("state");
              assertThat(e.get("cause").asText()).isEqualTo("host crash");
            });
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void twoWayHandshake_counterfactual_staleSynLeavesServerStuckInEstablished() {
    ScenarioRun run = ScenarioRun.of(out, "two-way-handshake");
    Trace trace = run.trace();
    assertThat(trace.states("server", 1)).containsExactly("LISTEN->ESTABLISHED");
    assertThat(trace.segments())
        .endsWith("server SYN|ACK seq=0 ack=1", "drop server SYN|ACK seq=0 ack=1 (down)");
    assertThat(run.violations()).singleElement().asString().contains("left in ESTABLISHED");
    assertThat(run.summary().get("counterfactual").get(0).asText())
        .isEqualTo("server: twoWayHandshake");
    assertThat(run.result.out()).contains("COUNTERFACTUAL");
    assertThat(Cli.run("run", "two-way-handshake", "--out", out.toString(), "--check").exit())
        .isEqualTo(1);
  }

  @Test
  void twoWayHandshake_withTheRealThreeWayHandshake_childGivesUpAfterSynAckRetriesAndIsReleased() {
    ScenarioRun run =
        ScenarioRun.of(
            out, "two-way-handshake", "--set", "nodes[1].tcp.counterfactual.twoWayHandshake=false");
    Trace trace = run.trace();
    assertThat(trace.states("server", 1))
        .containsExactly("LISTEN->SYN_RECEIVED", "SYN_RECEIVED->LISTEN");
    assertThat(trace.segments().stream().filter(s -> s.startsWith("drop server SYN|ACK")))
        .hasSize(1 + 5);
    assertThat(run.violations()).isEmpty();
    assertThat(run.summary().get("counterfactual")).isEmpty();
  }

  @Test
  void noTimeWait_counterfactual_retransmittedFinMeetsNoConnection_andDrawsRst() {
    ScenarioRun run = ScenarioRun.of(out, "no-time-wait");
    Trace trace = run.trace();
    assertThat(trace.states("client", 0)).containsExactly(ACTIVE_CLOSE);
    assertThat(trace.states("server", 0))
        .containsExactly(
            "LISTEN->SYN_RECEIVED",
            "SYN_RECEIVED->ESTABLISHED",
            "ESTABLISHED->CLOSE_WAIT",
            "CLOSE_WAIT->LAST_ACK",
            "LAST_ACK->CLOSED");
    assertThat(trace.segments())
        .endsWith(
            "drop client ACK seq=102 ack=102 (rule)",
            "server FIN|ACK seq=101 ack=102",
            "client RST seq=102");
    assertThat(trace.lines)
        .anySatisfy(
            e -> {
              assertThat(e.get("ev").asText()).isEqualTo("state");
              assertThat(e.get("node").asText()).isEqualTo("server");
              assertThat(e.get("to").asText()).isEqualTo("CLOSED");
              assertThat(e.get("cause").asText()).isEqualTo("rcv RST");
            });
    assertThat(run.summary().get("counterfactual").get(0).asText())
        .isEqualTo("client: zeroTimeWait");
  }

  @Test
  void bulkTransfer_lossyLink_everyByteArrivesInOrder() {
    ScenarioRun run = ScenarioRun.of(out, "bulk-transfer");
    var connections = run.summary().get("connections");
    assertThat(connections.get(1).get("bytesDelivered").asLong()).isEqualTo(1_000_000);
    assertThat(connections.get(0).get("retransmissions").asLong()).isPositive();
    assertThat(run.summary().get("links").get("client->server").get("dropped").get("loss").asLong())
        .isPositive();
    assertThat(connections.get(0).get("finalState").asText()).isEqualTo("CLOSED");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void synInTimeWait_theTimeWaitSideAnswersAChallengeAck_theClientResets_thenReconnects() {
    ScenarioRun run = ScenarioRun.of(out, "syn-in-time-wait");
    Trace trace = run.trace();
    assertThat(trace.states("server", 0)).contains("FIN_WAIT_1->TIME_WAIT", "TIME_WAIT->CLOSED");
    assertThat(trace.states("client", 1)).startsWith("CLOSED->SYN_SENT", "SYN_SENT->ESTABLISHED");
    assertThat(run.result.out())
        .contains(
            "server in TIME_WAIT answered a SYN with a challenge" + " ACK at 1.55s",
            "client sent RST at 1.6s (from SYN_SENT)");
    assertThat(run.violations()).isEmpty();
  }

  @Test
  void challengeAck_anOldSynOnAnEstablishedConnection_drawsAnAck_andChangesNothing() {
    ScenarioRun run = ScenarioRun.of(out, "challenge-ack");
    Trace trace = run.trace();
    // The server closes the moment it reads EOF: its FIN rides with the ACK of the client's.
    assertThat(trace.states("client", 0))
        .containsExactly(
            "CLOSED->SYN_SENT",
            "SYN_SENT->ESTABLISHED",
            "ESTABLISHED->FIN_WAIT_1",
            "FIN_WAIT_1->TIME_WAIT",
            "TIME_WAIT->CLOSED");
    assertThat(trace.states("server", 0)).containsExactly(PASSIVE_CLOSE);
    assertThat(run.result.out())
        .contains("server in ESTABLISHED answered a SYN with a challenge" + " ACK at 2.05s");
    assertThat(run.violations()).isEmpty();
  }
}
