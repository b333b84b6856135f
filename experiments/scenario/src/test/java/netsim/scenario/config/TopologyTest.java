package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import netsim.core.Time;
import netsim.net.link.RedQueue;
import org.junit.jupiter.api.Test;

/**
 * A {@code topology:} line expands into ordinary nodes and links with predictable names, which the
 * rest of the file addresses as if they were written by hand; its mistakes are located.
 */
class TopologyTest {
  private static ExperimentConfig load(String text) {
    return ConfigLoader.load("t.yaml", text, List.of());
  }

  private static final String PAIR_ONE =
      """
      listeners:
        - {host: d1, port: 80}
      clients:
        - {host: s1, connect: "d1:80"}
      """;

  @Test
  void dumbbell_expandsIntoRoutersHostsAndNamedLinks_inOrder() {
    ExperimentConfig config =
        load(
            """
            topology:
              kind: dumbbell
              pairs: 2
              bottleneck: {bandwidth: 10Mbps, delay: 20ms, queue: {packets: 50}}
              access: {bandwidth: 100Mbps, delay: 1ms}
            """
                + PAIR_ONE);
    assertThat(config.nodes())
        .extracting(NodeSettings::name)
        .containsExactly("r1", "r2", "s1", "s2", "d1", "d2");
    assertThat(config.nodes())
        .extracting(NodeSettings::address)
        .containsExactly(null, null, "10.1.0.1", "10.1.0.2", "10.2.0.1", "10.2.0.2");
    assertThat(config.node("r1").kind()).isEqualTo(NodeSettings.Kind.ROUTER);
    assertThat(config.node("s2").tcp()).isEqualTo(config.tcp());
    assertThat(config.links())
        .extracting(l -> l.name() + ":" + l.a() + ">" + l.b())
        .containsExactly(
            "s1-r1:s1>r1", "s2-r1:s2>r1", "bottleneck:r1>r2", "r2-d1:r2>d1", "r2-d2:r2>d2");
    LinkSettings bottleneck = config.links().get(2);
    assertThat(bottleneck.aToB().bandwidth()).isEqualTo(10_000_000L);
    assertThat(bottleneck.bToA().delay()).isEqualTo(Time.millis(20));
    assertThat(bottleneck.aToB().namedQueue().packets()).isEqualTo(50);
    assertThat(config.links().get(0).aToB().bandwidth()).isEqualTo(100_000_000L);
    assertThat(config.links().get(4).bToA().delay()).isEqualTo(Time.millis(1));
  }

  @Test
  void dumbbell_accessAsAList_givesEachPairItsOwnDelay_onBothSides() {
    ExperimentConfig config =
        load(
            """
            topology:
              kind: dumbbell
              pairs: 2
              access: [{delay: 1ms}, {delay: 8ms, b_to_a: {delay: 9ms}}]
            """
                + PAIR_ONE);
    assertThat(config.links())
        .extracting(
            l -> l.name() + "=" + l.aToB().delay() / 1_000_000 + "/" + l.bToA().delay() / 1_000_000)
        .containsExactly("s1-r1=1/1", "s2-r1=8/9", "bottleneck=10/10", "r2-d1=1/1", "r2-d2=8/9");
  }

  @Test
  void parkingLot_chainsHopsAndGivesEachHopACrossPair() {
    ExperimentConfig config =
        load(
            """
            topology: {kind: parking-lot, hops: 2, bottleneck: {bandwidth: 5Mbps}}
            listeners:
              - {host: long-dst, port: 80}
            clients:
              - {host: long-src, connect: "long-dst:80"}
            """);
    assertThat(config.nodes())
        .extracting(n -> n.name() + (n.address() == null ? "" : "@" + n.address()))
        .containsExactly(
            "r1",
            "r2",
            "r3",
            "long-src@10.0.0.1",
            "long-dst@10.0.0.2",
            "s1@10.1.0.1",
            "s2@10.1.0.2",
            "d1@10.2.0.1",
            "d2@10.2.0.2");
    assertThat(config.links())
        .extracting(l -> l.name() + ":" + l.a() + ">" + l.b())
        .containsExactly(
            "hop1:r1>r2",
            "hop2:r2>r3",
            "long-src-r1:long-src>r1",
            "r3-long-dst:r3>long-dst",
            "s1-r1:s1>r1",
            "r2-d1:r2>d1",
            "s2-r2:s2>r2",
            "r3-d2:r3>d2");
    assertThat(config.links().get(1).bToA().bandwidth()).isEqualTo(5_000_000L);
  }

  @Test
  void generatedNamesAndDirections_areAddressedByChangesRulesAndHandWrittenParts() {
    ExperimentConfig config =
        load(
            """
            topology: {kind: dumbbell, pairs: 1, bottleneck: {queue: {kind: red, min: 5, max: 15}}}
            nodes:
              - {name: probe, address: 10.9.0.1}
            links:
              - {a: probe, b: r1}
            changes:
              - {at: 1s, link: bottleneck, direction: a_to_b, set: {delay: 50ms}}
            rules:
              - {on: "r1->r2", action: drop, select: nth 3}
            listeners:
              - {host: d1, port: 80}
            clients:
              - {host: s1, connect: "d1:80"}
              - {host: probe, connect: "d1:80"}
            """);
    assertThat(config.links()).extracting(LinkSettings::name).contains("bottleneck", "probe-r1");
    assertThat(config.changes().get(0).link()).isEqualTo("bottleneck");
    assertThat(config.rules().get(0).link()).isEqualTo("bottleneck");
    assertThat(config.rules().get(0).aToB()).isTrue();
    assertThat(config.links().get(1).aToB().queue()).isInstanceOf(RedQueue.Spec.class);
    assertThat(config.node("probe")).isNotNull();
  }

  private static void refused(String text, String message) {
    assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void unknownKind_isLocatedAndListsTheKinds() {
    refused(
        "topology: {kind: star, pairs: 2}\n" + PAIR_ONE,
        "t.yaml:1:12: topology.kind: unknown topology 'star' (known: dumbbell, parking-lot)");
  }

  @Test
  void pairsBelowOne_isOutOfRange() {
    refused(
        "topology:\n  kind: dumbbell\n  pairs: 0\n" + PAIR_ONE,
        "t.yaml:3:3: topology.pairs: out of range: 0 (expected 1 to 1000)");
  }

  @Test
  void missingPairs_isNamed() {
    refused("topology: {kind: dumbbell}\n" + PAIR_ONE, "t.yaml:1:1: topology: missing key 'pairs'");
  }

  @Test
  void hopsOnADumbbell_isRefusedNamingWhatItTakes() {
    refused(
        "topology: {kind: dumbbell, pairs: 1, hops: 2}\n" + PAIR_ONE,
        "t.yaml:1:38: topology.hops: a dumbbell has no hops; it takes pairs");
  }

  @Test
  void handWrittenNode_clashingWithAGeneratedName_isRefusedAtItsName() {
    refused(
        """
        topology: {kind: dumbbell, pairs: 2}
        nodes:
          - {name: s2, address: 10.9.0.1}
        """
            + PAIR_ONE,
        "t.yaml:3:6: nodes[0].name: 's2' is a node of the dumbbell topology already; give yours"
            + " another name");
  }

  @Test
  void handWrittenAddress_clashingWithAGeneratedOne_namesTheTopology() {
    refused(
        """
        topology: {kind: dumbbell, pairs: 2}
        nodes:
          - {name: probe, address: 10.2.0.1}
        """
            + PAIR_ONE,
        "t.yaml:3:19: nodes[0].address: address 10.2.0.1 is already taken by node 'd1' of the"
            + " dumbbell topology");
  }

  @Test
  void handWrittenLink_clashingWithAGeneratedLinkName_isRefused() {
    refused(
        """
        topology: {kind: dumbbell, pairs: 1}
        links:
          - {name: bottleneck, a: s1, b: d1}
        """
            + PAIR_ONE,
        "t.yaml:3:6: links[0].name: duplicate link name 'bottleneck', a link of the dumbbell"
            + " topology (give the link a name of its own)");
  }

  @Test
  void accessList_ofTheWrongLength_isRefused() {
    refused(
        """
        topology:
          kind: parking-lot
          hops: 2
          access: [{delay: 1ms}, {delay: 2ms}]
        """
            + PAIR_ONE,
        "t.yaml:4:3: topology.access: a list of access links needs one entry per pair: 3"
            + " (hops + 1 (the long flow's, then one per hop)); got 2 (or give one mapping for"
            + " all)");
  }

  @Test
  void badLinkKey_inTheBottleneck_isLocatedThere() {
    refused(
        """
        topology:
          kind: dumbbell
          pairs: 1
          bottleneck: {bandwidth: fast}
        """
            + PAIR_ONE,
        "t.yaml:4:16: topology.bottleneck.bandwidth: invalid rate 'fast': expected a number and"
            + " a unit (bps, kbps, Mbps, Gbps, Tbps), e.g. \"10Mbps\"");
  }
}
