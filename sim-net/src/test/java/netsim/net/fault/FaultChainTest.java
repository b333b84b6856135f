package netsim.net.fault;

import static netsim.net.fault.MatchTest.ACK;
import static netsim.net.fault.MatchTest.FIN;
import static netsim.net.fault.MatchTest.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.DeterminismCheck;
import netsim.core.EventLog;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.Packet;
import netsim.net.PacketObserver;
import netsim.net.Router;
import netsim.net.TestPayload;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * Fault rules in a running network: client and server joined by a link with 10 ms of delay and
 * unlimited bandwidth, so that a packet sent at t arrives at exactly t + 10 ms unless a rule
 * intervenes.
 */
class FaultChainTest {
  private static final long DELAY = Time.millis(10);
  private static final LinkConfig TEN_MS = LinkConfig.builder().delay(DELAY).build();

  /** The two hosts and what they saw; one per run, so that a scenario can be replayed. */
  private static final class Fixture {
    final Simulator sim;
    final Network net;
    final Host client;
    final Host server;
    final List<String> arrivals = new ArrayList<>();
    final List<String> drops = new ArrayList<>();
    final List<Packet> received = new ArrayList<>();
    Link link;

    Fixture(Simulator simulator) {
      sim = simulator;
      net = new Network(sim, new RandomStreams(1));
      client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
      server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
      server.register(
          TestPayload.PROTOCOL,
          packet -> {
            arrivals.add(packet.payload() + "@" + Time.format(sim.now()));
            received.add(packet);
          });
      net.addObserver(
          new PacketObserver() {
            @Override
            public void onDrop(
                long time, Node node, LinkDirection at, Packet packet, DropCause cause) {
              drops.add(
                  packet.payload()
                      + ":"
                      + cause.traceName()
                      + "@"
                      + Time.format(time)
                      + " at "
                      + (at == null ? node.name() : at.name()));
            }
          });
    }

    Link connectDirectly() {
      link = net.connect(client, server, TEN_MS, TEN_MS);
      net.computeRoutes();
      return link;
    }

    void send(String label, int flags, String state) {
      client.send(server.address(), TestPayload.of(label, 0).withFlags(flags), state);
    }
  }

  private final Fixture fixture = new Fixture(new Simulator());
  private final Simulator sim = fixture.sim;
  private final Network net = fixture.net;
  private final Host client = fixture.client;
  private final Host server = fixture.server;
  private final List<String> arrivals = fixture.arrivals;
  private final List<String> drops = fixture.drops;
  private final List<Packet> received = fixture.received;
  private Link link;

  private void connectDirectly() {
    link = fixture.connectDirectly();
  }

  private FaultChain clientToServer() {
    return link.aToB().faults();
  }

  private void send(String label) {
    send(label, 0, null);
  }

  private void send(String label, int flags, String state) {
    fixture.send(label, flags, state);
  }

  private void sendAt(long time, String label) {
    sim.scheduleAt(time, () -> send(label));
  }

  @Test
  void nthDropsExactlyTheThirdMatchingPacket() {
    connectDirectly();
    FaultRule rule = FaultRule.match(Match.builder().flagsContain(ACK).build()).nth(3).drop();
    clientToServer().add(rule);
    send("ack1", ACK, null);
    send("syn", SYN, null);
    send("ack2", ACK, null);
    send("ack3", ACK | FIN, null);
    send("ack4", ACK, null);
    sim.run();
    assertThat(arrivals).containsExactly("ack1@10ms", "syn@10ms", "ack2@10ms", "ack4@10ms");
    assertThat(drops).containsExactly("ack3:rule@0s at client->server");
    assertThat(link.aToB().counters().dropped(DropCause.RULE)).isEqualTo(1);
    assertThat(rule.matches()).isEqualTo(4);
    assertThat(rule.taken()).isEqualTo(1);
  }

  @Test
  void firstKDropsTheFirstKMatchingPacketsAndNoMore() {
    connectDirectly();
    clientToServer().add(FaultRule.match(Match.builder().flags(SYN).build()).first(2).drop());
    for (int i = 1; i <= 4; i++) {
      send("syn" + i, SYN, null);
    }
    sim.run();
    assertThat(arrivals).containsExactly("syn3@10ms", "syn4@10ms");
    assertThat(drops)
        .containsExactly("syn1:rule@0s at client->server", "syn2:rule@0s at client->server");
  }

  @Test
  void exactFlagsSpareASupersetThatContainingFlagsTake() {
    connectDirectly();
    FaultRule exact = FaultRule.match(Match.builder().flags(SYN).build()).named("syn").drop();
    clientToServer().add(exact);
    send("syn", SYN, null);
    send("synack", SYN | ACK, null);
    sim.run();
    assertThat(arrivals).containsExactly("synack@10ms");

    FaultRule containing =
        FaultRule.match(Match.builder().flagsContain(SYN).build()).named("any-syn").drop();
    link.bToA().faults().add(containing);
    server.send(client.address(), TestPayload.of("syn", 0).withFlags(SYN), null);
    server.send(client.address(), TestPayload.of("synack", 0).withFlags(SYN | ACK), null);
    sim.run();
    assertThat(containing.taken()).isEqualTo(2);
  }

  @Test
  void aTimeWindowTakesOnlyThePacketsPassingWithinIt() {
    connectDirectly();
    clientToServer()
        .add(
            FaultRule.match(Match.builder().during(Time.millis(10), Time.millis(20)).build())
                .drop());
    sendAt(Time.millis(0), "t0");
    sendAt(Time.millis(10), "t10");
    sendAt(Time.millis(19), "t19");
    sendAt(Time.millis(20), "t20");
    sim.run();
    assertThat(arrivals).containsExactly("t0@10ms", "t20@30ms");
    assertThat(drops)
        .containsExactly("t10:rule@10ms at client->server", "t19:rule@19ms at client->server");
  }

  @Test
  void theClientsFinalAckIsLostByItsSenderState() {
    connectDirectly();
    clientToServer()
        .add(
            FaultRule.match(
                    Match.builder()
                        .flagsContain(ACK)
                        .dataLength(0)
                        .senderState("TIME_WAIT")
                        .senderNode("client")
                        .build())
                .named("lose-final-ack")
                .nth(1)
                .drop());
    send("ack", ACK, "ESTABLISHED");
    send("finack", FIN | ACK, "FIN_WAIT_1");
    send("lastack", ACK, "TIME_WAIT");
    send("retransmitted-lastack", ACK, "TIME_WAIT");
    sim.run();
    assertThat(arrivals).containsExactly("ack@10ms", "finack@10ms", "retransmitted-lastack@10ms");
    assertThat(drops).containsExactly("lastack:rule@0s at client->server");
  }

  @Test
  void theFirstRuleThatTakesAPacketDecides() {
    connectDirectly();
    FaultRule delaySecond = FaultRule.any().named("delay-2nd").nth(2).delay(Time.millis(5));
    FaultRule dropAll = FaultRule.any().named("drop-all").drop();
    clientToServer().add(delaySecond).add(dropAll);
    send("p1");
    send("p2");
    send("p3");
    sim.run();
    // p1 and p3 match delay-2nd but are not selected, so drop-all sees and takes them.
    assertThat(arrivals).containsExactly("p2@15ms");
    assertThat(drops)
        .containsExactly("p1:rule@0s at client->server", "p3:rule@0s at client->server");
    assertThat(delaySecond.matches()).isEqualTo(3);
    assertThat(delaySecond.taken()).isEqualTo(1);
    assertThat(dropAll.matches()).isEqualTo(2);
    assertThat(clientToServer().summary())
        .containsExactly(
            "link/client->server delay-2nd: matched 3, took 1",
            "link/client->server drop-all: matched 2, took 2");
  }

  @Test
  void aDelayedPacketIsOvertakenByALaterOne() {
    connectDirectly();
    clientToServer().add(FaultRule.any().nth(1).delay(Time.millis(5)));
    sendAt(0, "first");
    sendAt(Time.millis(1), "second");
    sim.run();
    assertThat(arrivals).containsExactly("second@11ms", "first@15ms");
  }

  @Test
  void heldPacketsWaitUntilReleased_thenContinueInArrivalOrder() {
    connectDirectly();
    FaultRule hold = FaultRule.match(Match.builder().flags(SYN).build()).hold();
    clientToServer().add(hold);
    sendAt(0, "other");
    sim.scheduleAt(Time.millis(1), () -> send("syn1", SYN, null));
    sim.scheduleAt(Time.millis(2), () -> send("syn2", SYN, null));
    sim.scheduleAt(Time.millis(3), () -> send("syn3", SYN, null));
    sim.runUntil(Time.millis(40));
    assertThat(arrivals).containsExactly("other@10ms");
    assertThat(hold.held()).isEqualTo(3);

    sim.scheduleAt(Time.millis(50), () -> assertThat(hold.release()).isEqualTo(3));
    sim.run();
    assertThat(arrivals).containsExactly("other@10ms", "syn1@60ms", "syn2@60ms", "syn3@60ms");
    assertThat(hold.held()).isZero();
    assertThat(drops).isEmpty();
  }

  @Test
  void releasingOneRuleKeepsTheOthersHeld_andReleaseAllFollowsArrivalOrderAcrossRules() {
    connectDirectly();
    FaultRule holdSyn = FaultRule.match(Match.builder().flags(SYN).build()).named("syn").hold();
    FaultRule holdFin = FaultRule.match(Match.builder().flags(FIN).build()).named("fin").hold();
    clientToServer().add(holdSyn).add(holdFin);
    send("syn1", SYN, null);
    send("fin1", FIN, null);
    send("syn2", SYN, null);
    send("fin2", FIN, null);
    send("syn3", SYN, null);
    assertThat(holdFin.release()).isEqualTo(2);
    assertThat(holdSyn.held()).isEqualTo(3);
    sim.run();
    assertThat(arrivals).containsExactly("fin1@10ms", "fin2@10ms");

    send("fin3", FIN, null);
    assertThat(clientToServer().releaseAll()).isEqualTo(4);
    sim.run();
    assertThat(arrivals)
        .containsExactly(
            "fin1@10ms", "fin2@10ms", "syn1@20ms", "syn2@20ms", "syn3@20ms", "fin3@20ms");
  }

  @Test
  void aPacketHeldAtTheEndIsNeitherDeliveredNorDropped() {
    connectDirectly();
    FaultRule hold = FaultRule.any().named("black-hole").hold();
    clientToServer().add(hold);
    send("p");
    sim.run();
    assertThat(arrivals).isEmpty();
    assertThat(drops).isEmpty();
    assertThat(clientToServer().held()).isEqualTo(1);
    assertThat(hold.summary()).isEqualTo("black-hole: matched 1, took 1, holding 1");
  }

  @Test
  void holdUntilContinuesThePacketAtThatTime_orAtOnceWhenItHasPassed() {
    connectDirectly();
    clientToServer().add(FaultRule.any().holdUntil(Time.millis(30)));
    sendAt(Time.millis(5), "early");
    sendAt(Time.millis(30), "onTime");
    sendAt(Time.millis(35), "late");
    sim.run();
    // At 30 ms the send of "onTime", scheduled first, runs before the release of "early".
    assertThat(arrivals).containsExactly("onTime@40ms", "early@40ms", "late@45ms");
  }

  @Test
  void duplicateSendsThePacketAndACopyWithANewId() {
    connectDirectly();
    FaultRule twice = FaultRule.any().nth(2).duplicate();
    clientToServer().add(twice);
    send("p1");
    send("p2");
    send("p3");
    sim.run();
    assertThat(arrivals).containsExactly("p1@10ms", "p2@10ms", "p2@10ms", "p3@10ms");
    assertThat(received).extracting(Packet::id).containsExactly(0L, 1L, 2L, 3L);
    // The copy got the next id (2) when the rule made it; p3 was created after it.
    assertThat(received.get(3).payload()).hasToString("p3");
    assertThat(link.aToB().counters().delivered()).isEqualTo(4);
  }

  @Test
  void delayArrival_deliversThePacketLater_andLaterPacketsWaitBehindItWithoutJitterReorders() {
    connectDirectly();
    clientToServer().add(FaultRule.any().nth(1).delayArrival(Time.millis(5)));
    sendAt(0, "first");
    sendAt(Time.millis(1), "second");
    sim.run();
    assertThat(arrivals).containsExactly("first@15ms", "second@15ms");
  }

  @Test
  void delayArrival_withJitterReorders_letsALaterPacketOvertake() {
    link = net.connect(client, server, TEN_MS.toBuilder().jitterReorders(true).build(), TEN_MS);
    net.computeRoutes();
    clientToServer().add(FaultRule.any().nth(1).delayArrival(Time.millis(5)));
    sendAt(0, "first");
    sendAt(Time.millis(1), "second");
    sim.run();
    assertThat(arrivals).containsExactly("second@11ms", "first@15ms");
  }

  @Test
  void delayArrival_actsAfterTheQueue_soTheSerializationOrderStays() {
    // 1 Mbit/s: each packet takes its size in bits microseconds to send.
    LinkConfig slow = TEN_MS.toBuilder().bandwidth(1_000_000).jitterReorders(true).build();
    link = net.connect(client, server, slow, slow);
    net.computeRoutes();
    clientToServer().add(FaultRule.any().nth(1).delayArrival(Time.millis(5)));
    send("first");
    send("second");
    sim.run();
    long bits = 8L * received.get(0).totalLength();
    assertThat(arrivals)
        .containsExactly(
            "second@" + Time.format(Time.millis(10) + 2 * bits * Time.MICROSECOND),
            "first@" + Time.format(Time.millis(15) + bits * Time.MICROSECOND));
  }

  @Test
  void delayArrivalOnTheSendingNode_delaysThePacketOnItsNextLink() {
    connectDirectly();
    client.faults().add(FaultRule.any().delayArrival(Time.millis(3)));
    send("p");
    sim.run();
    assertThat(arrivals).containsExactly("p@13ms");
  }

  @Test
  void aContinuingDuplicate_letsLaterRulesDelayTheOriginalAndTheCopyApart() {
    connectDirectly();
    FaultRule twice = FaultRule.any().nth(2).continuing().duplicate();
    // Behind the duplicating rule, the copy is one more packet: p1, p2, p2's copy, p3.
    FaultRule late = FaultRule.any().nth(2).delay(Time.millis(5));
    FaultRule later = FaultRule.any().nth(2).delay(Time.millis(7));
    clientToServer().add(twice).add(late).add(later);
    send("p1");
    send("p2");
    send("p3");
    sim.run();
    assertThat(arrivals).containsExactly("p1@10ms", "p3@10ms", "p2@15ms", "p2@17ms");
    assertThat(twice.continues()).isTrue();
    assertThat(late.matches()).isEqualTo(4);
    assertThat(late.taken()).isEqualTo(1);
    assertThat(later.matches()).isEqualTo(3);
    assertThat(later.taken()).isEqualTo(1);
  }

  @Test
  void aContinuingDelay_passesThePacketToTheNextRuleWhenItEnds() {
    connectDirectly();
    clientToServer().add(FaultRule.any().nth(1).continuing().delay(Time.millis(5)));
    clientToServer().add(FaultRule.any().nth(1).corrupt());
    sendAt(0, "first");
    sendAt(Time.millis(1), "second");
    sim.run();
    // The second rule counts packets as they reach it: "second" at 1 ms, then "first" at 5 ms.
    assertThat(arrivals).containsExactly("first@15ms");
    assertThat(drops).containsExactly("second:corrupt@11ms at client->server");
  }

  @Test
  void aRuleThatDropsCannotContinue() {
    assertThatThrownBy(() -> FaultRule.any().continuing().drop())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drops");
  }

  @Test
  void aContinuingRuleSaysSoInItsDefinition() {
    assertThat(FaultRule.any().named("twice").nth(3).continuing().duplicate())
        .hasToString("twice: duplicate nth(3) of any, then continue");
  }

  @Test
  void aCorruptedPacketIsDiscardedByTheReceiver_countedOnTheLink_andFailsItsChecksum() {
    connectDirectly();
    List<byte[]> onTheWire = new ArrayList<>();
    net.tap(server, (time, packet, outbound) -> onTheWire.add(packet.toBytes()));
    clientToServer().add(FaultRule.any().nth(1).corrupt());
    send("bad");
    send("good");
    sim.run();
    assertThat(arrivals).containsExactly("good@10ms");
    assertThat(drops).containsExactly("bad:corrupt@10ms at client->server");
    assertThat(link.aToB().counters().dropped(DropCause.CORRUPT)).isEqualTo(1);
    assertThat(onTheWire).hasSize(2);
    byte[] bad = onTheWire.get(0);
    byte[] good = onTheWire.get(1);
    // Only the transport checksum differs: the IPv4 header is intact, the UDP checksum is wrong.
    assertThat(InternetChecksum.of(bad, 0, Packet.HEADER_LENGTH)).isZero();
    assertThat(TestPayload.checksumValid(bad)).isFalse();
    assertThat(TestPayload.checksumValid(good)).isTrue();
  }

  @Test
  void corruptFlipsTheLowestClearBitOfTheTransportChecksum() {
    connectDirectly();
    Packet packet = client.send(server.address(), TestPayload.of("p", 0), null);
    byte[] before = packet.toBytes();
    int at = Packet.HEADER_LENGTH + TestPayload.CHECKSUM_OFFSET;
    int checksum = ((before[at] & 0xFF) << 8) | (before[at + 1] & 0xFF);
    int bit = FaultAction.Corrupt.TRANSPORT_CHECKSUM.bitIn(packet);
    packet.corrupt(bit);
    byte[] after = packet.toBytes();
    int corrupted = ((after[at] & 0xFF) << 8) | (after[at + 1] & 0xFF);
    assertThat(corrupted ^ checksum).isEqualTo(Integer.lowestOneBit(~checksum));
    assertThat(corrupted).isNotZero();
  }

  @Test
  void aRuleOnARouterTakesEveryPacketItForwards_aRuleOnALinkOnlyThoseCrossingIt() {
    Router router = net.addRouter("router");
    Host other = net.addHost("other", Ipv4Address.parse("10.0.0.3"));
    other.register(TestPayload.PROTOCOL, packet -> arrivals.add("other:" + packet.payload()));
    net.connect(client, router, TEN_MS, TEN_MS);
    Link toServer = net.connect(router, server, TEN_MS, TEN_MS);
    net.connect(router, other, TEN_MS, TEN_MS);
    net.computeRoutes();

    toServer.aToB().faults().add(FaultRule.any().named("cut-server").nth(1).drop());
    client.send(server.address(), TestPayload.of("toServer1", 0), null);
    client.send(other.address(), TestPayload.of("toOther1", 0), null);
    sim.run();
    assertThat(arrivals).containsExactly("other:toOther1");
    assertThat(drops).containsExactly("toServer1:rule@10ms at router->server");

    router.faults().add(FaultRule.any().named("router-down").drop());
    client.send(server.address(), TestPayload.of("toServer2", 0), null);
    client.send(other.address(), TestPayload.of("toOther2", 0), null);
    sim.run();
    // A drop inside a node is reported at the node, not at a link.
    assertThat(drops)
        .containsExactly(
            "toServer1:rule@10ms at router->server",
            "toServer2:rule@30ms at router",
            "toOther2:rule@30ms at router");
  }

  @Test
  void aRuleOnTheSendingHostSeesItsPacketsBeforeTheyAreRouted() {
    connectDirectly();
    client.faults().add(FaultRule.any().nth(1).delay(Time.millis(3)));
    send("p1");
    send("p2");
    sim.run();
    assertThat(arrivals).containsExactly("p2@10ms", "p1@13ms");
    assertThat(link.aToB().counters().offered()).isEqualTo(2);
  }

  @Test
  void observersSeeWhichRuleTookWhichPacket() {
    connectDirectly();
    List<String> taken = new ArrayList<>();
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {
            taken.add(chain.name() + " " + rule.name() + " " + packet.payload());
          }
        });
    clientToServer().add(FaultRule.any().nth(1).drop());
    client.faults().add(FaultRule.any().named("slow").nth(1).delay(1));
    send("p1");
    send("p2");
    sim.run();
    // p1 is delayed at the client, so p2 is the first to reach the link.
    assertThat(taken).containsExactly("node/client slow p1", "link/client->server rule1 p2");
  }

  @Test
  void delayedAndHeldPacketsContinueInLabelledEvents() {
    connectDirectly();
    EventLog log = new EventLog();
    sim.addListener(log);
    clientToServer().add(FaultRule.any().named("late").nth(1).delay(Time.millis(1)));
    clientToServer().add(FaultRule.any().nth(1).holdUntil(Time.millis(2)));
    send("p1");
    send("p2");
    sim.run();
    assertThat(log.entries())
        .extracting(EventLog.Entry::label)
        .containsExactly(
            "fault/link/client->server/late/delay",
            "link/client->server/transmit",
            "fault/link/client->server/rule2/hold-until",
            "link/client->server/transmit",
            "link/client->server/arrive",
            "link/client->server/arrive");
  }

  @Test
  void aScenarioWithRulesReplaysIdentically() {
    DeterminismCheck.Outcome outcome =
        DeterminismCheck.compare(
            simulator -> {
              Fixture scenario = new Fixture(simulator);
              FaultChain chain = scenario.connectDirectly().aToB().faults();
              chain.add(
                  FaultRule.match(Match.builder().flags(SYN).build()).nth(2).delay(Time.millis(7)));
              chain.add(FaultRule.any().first(2).duplicate());
              chain.add(FaultRule.match(Match.builder().flagsContain(ACK).build()).hold());
              chain.add(FaultRule.any().nth(3).corrupt());
              for (int i = 0; i < 10; i++) {
                int flags = i % 3 == 0 ? SYN : i % 3 == 1 ? ACK : FIN;
                simulator.scheduleAt(Time.millis(i), () -> scenario.send("p", flags, null));
              }
              simulator.scheduleAt(Time.millis(50), chain::releaseAll);
              simulator.run();
            });
    assertThat(outcome.identical()).as(outcome.describe()).isTrue();
    assertThat(outcome.first())
        .extracting(EventLog.Entry::label)
        .contains("fault/link/client->server/rule1/delay");
  }

  @Test
  void rulesWithoutANameAreNamedByTheirPlaceInTheChain() {
    connectDirectly();
    FaultRule first = FaultRule.any().nth(5).drop();
    FaultRule named = FaultRule.any().named("named").drop();
    FaultRule third = FaultRule.any().duplicate();
    assertThat(first.name()).isEqualTo("unnamed");
    clientToServer().add(first).add(named).add(third);
    assertThat(clientToServer().rules())
        .extracting(FaultRule::name)
        .containsExactly("rule1", "named", "rule3");
    assertThat(first).hasToString("rule1: drop nth(5) of any");
  }

  @Test
  void aRuleBelongsToOneChainOnly() {
    connectDirectly();
    FaultRule rule = FaultRule.any().named("once").drop();
    clientToServer().add(rule);
    assertThatThrownBy(() -> link.bToA().faults().add(rule))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rule once already belongs to chain link/client->server");
  }

  @Test
  void aChainWithoutRulesIsEmpty_andOneWithRulesIsNot() {
    connectDirectly();
    assertThat(clientToServer().isEmpty()).isTrue();
    assertThat(client.faults().isEmpty()).isTrue();
    clientToServer().add(FaultRule.any().drop());
    assertThat(clientToServer().isEmpty()).isFalse();
    assertThat(link.bToA().faults().isEmpty()).isTrue();
  }

  @Test
  void badSelectionsAndActionsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> FaultRule.any().nth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nth counts from 1, got 0");
    assertThatThrownBy(() -> FaultRule.any().first(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first needs at least 1 packet, got -2");
    assertThatThrownBy(() -> FaultRule.any().delay(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay must be positive, got 0ns");
    assertThatThrownBy(() -> FaultRule.any().corruptBit(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bit index must not be negative, got -3");
  }

  @Test
  void aCorruptBitBeyondThePacketIsRejectedWhenTheRuleFires() {
    connectDirectly();
    clientToServer().add(FaultRule.any().corruptBit(8 * 28));
    assertThatThrownBy(() -> send("p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bit 224 lies beyond the 28-byte packet #0 10.0.0.1 > 10.0.0.2 p");
  }
}
