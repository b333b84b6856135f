package netsim.explore.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.tcp.TcpFlags;
import org.junit.jupiter.api.Test;

/**
 * Decisions become rules whose {@code nth} counts what the earlier rules of the same class did: a
 * drop removes a packet, a duplication adds its copy, a delay takes its packet out of the later
 * delays' count.
 */
class ScheduleRulesTest {
  private static final ExperimentConfig CONFIG =
      ConfigLoader.load(
          "t.yaml",
          """
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, loss: 0.1}
      clients:
        - {host: client, connect: "server:80"}
      """,
          List.of());
  private static final PacketClass ACK =
      new PacketClass(
          "client-server",
          true,
          "client->server",
          "client",
          "10.0.0.1",
          "10.0.0.2",
          49152,
          80,
          TcpFlags.ACK,
          0,
          "ESTABLISHED");
  private static final PacketClass SYN =
      new PacketClass(
          "client-server",
          true,
          "client->server",
          "client",
          "10.0.0.1",
          "10.0.0.2",
          49152,
          80,
          TcpFlags.SYN,
          0,
          "SYN_SENT");

  private static PacketRef ack(int occurrence, boolean copy) {
    return new PacketRef(ACK, occurrence, copy);
  }

  private static String line(ObjectNode rule) {
    return rule.get("name").asText()
        + " "
        + rule.get("select").asText()
        + " "
        + rule.get("action").asText()
        + (rule.has("continue") ? " continue" : "");
  }

  @Test
  void drops_duplicates_corruptions_thenDelays_eachCountingWhatCameBefore() {
    List<Decision> decisions =
        List.of(
            Decision.drop(ack(1, false), 10),
            Decision.duplicate(ack(2, false), 20),
            Decision.delay(ack(2, true), 5, 20),
            Decision.corrupt(ack(3, false), 7, 30),
            Decision.delay(ack(3, false), 5, 30),
            Decision.drop(ack(4, false), 40),
            Decision.delay(ack(5, false), 5, 50),
            Decision.delay(new PacketRef(SYN, 1, false), 9, 5));
    ScheduleRules.Compiled compiled = ScheduleRules.compile(decisions, CONFIG);
    assertThat(compiled.rules())
        .extracting(ScheduleRulesTest::line)
        .containsExactly(
            // Stage 1: the 1st ACK; the 2nd is now the 1st that reaches this rule; the 4th comes
            // after one drop and one copy: 4th.
            "ack-49152-1-drop nth 1 drop",
            "ack-49152-2-duplicate nth 1 duplicate continue",
            "ack-49152-4-drop nth 4 drop",
            // Stage 2: behind stage 1, the ACKs are 2, copy of 2, 3, 5: the 3rd is the 3rd.
            "ack-49152-3-corrupt nth 3 corrupt continue",
            // Stage 3, in time order: the SYN, the copy of ACK 2 (2nd), ACK 3 (3rd, minus the
            // delayed copy: 2nd), ACK 5 (4th, minus two delayed: 2nd).
            "syn-49152-1-delay nth 1 delay-arrival",
            "ack-49152-2-copy-delay nth 2 delay-arrival",
            "ack-49152-3-delay nth 2 delay-arrival",
            "ack-49152-5-delay nth 2 delay-arrival");
  }

  @Test
  void aDecisionAboutACopy_isLeftOutWithoutTheDuplication() {
    ScheduleRules.Compiled compiled =
        ScheduleRules.compile(
            List.of(Decision.delay(ack(2, true), 5, 20), Decision.delay(ack(3, false), 5, 30)),
            CONFIG);
    assertThat(compiled.rules())
        .extracting(ScheduleRulesTest::line)
        .containsExactly("ack-49152-3-delay nth 3 delay-arrival");
  }

  @Test
  void aRuleMatchesItsClassExactly() {
    ObjectNode rule =
        ScheduleRules.compile(List.of(Decision.drop(ack(1, false), 0)), CONFIG).rules().get(0);
    assertThat(rule.toString())
        .isEqualTo(
            "{\"name\":\"ack-49152-1-drop\",\"on\":"
                + "\"client->server\",\"match\":{\"sender\":\"client\",\"dst\":\"10.0.0.2\",\"srcPort\":"
                + "49152,\"dstPort\":80,\"flags\":\"ACK\",\"dataLength\":0,\"senderState\":"
                + "\"ESTABLISHED\"},\"select\":\"nth 1\",\"action\":\"drop\"}");
  }
}
