package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.TestPayload;
import netsim.net.fault.FaultRule;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

/**
 * The random decisions a link direction reports to {@link LinkDecisions}: one client-to-server
 * direction configured under test, and one log of decisions and packet events in the order they
 * were reported.
 */
class LinkDecisionsTest {
  private static final long DELAY = Time.millis(10);

  private final Simulator sim = new Simulator();
  private final Network net = new Network(sim, new RandomStreams(7));
  private final Host client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
  private final Host server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
  private final List<String> log = new ArrayList<>();
  private final Map<Long, Long> transmittedAt = new LinkedHashMap<>();
  private final Map<Long, Long> deliveredAt = new LinkedHashMap<>();
  private final Map<Long, Long> propagationDelays = new LinkedHashMap<>();
  private Link link;

  LinkDecisionsTest() {
    server.register(TestPayload.PROTOCOL, packet -> {});
    net.addDecisionObserver(
        new LinkDecisions() {
          @Override
          public void lost(LinkDirection direction, Packet packet, DropCause cause) {
            log.add("lost #" + packet.id() + " " + cause.traceName() + " on " + direction);
          }

          @Override
          public void duplicated(LinkDirection direction, Packet original, Packet copy) {
            log.add("duplicated #" + original.id() + " as #" + copy.id());
          }

          @Override
          public void corrupted(LinkDirection direction, Packet packet, int bit) {
            log.add("corrupted #" + packet.id() + " bit " + bit);
          }

          @Override
          public void aqmDropped(LinkDirection direction, Packet packet) {
            log.add("aqm #" + packet.id());
          }

          @Override
          public void propagated(
              LinkDirection direction, Packet packet, long delay, boolean reordered) {
            propagationDelays.put(packet.id(), delay);
            log.add(
                "propagated #"
                    + packet.id()
                    + " "
                    + Time.format(delay)
                    + (reordered ? " reordered" : ""));
          }
        });
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onDuplicate(long time, LinkDirection link, Packet original, Packet copy) {
            log.add("event duplicate #" + original.id() + " #" + copy.id());
          }

          @Override
          public void onEnqueue(long time, LinkDirection link, Packet packet) {
            log.add("event enqueue #" + packet.id() + " bit " + packet.corruptedBit());
          }

          @Override
          public void onTransmit(long time, LinkDirection link, Packet packet) {
            transmittedAt.put(packet.id(), time);
          }

          @Override
          public void onDeliver(long time, LinkDirection link, Packet packet) {
            deliveredAt.put(packet.id(), time);
            log.add("event deliver #" + packet.id());
          }

          @Override
          public void onDrop(
              long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
            log.add("event drop #" + packet.id() + " " + cause.traceName());
          }
        });
  }

  /** Connects client to server, the way there configured with {@code config}, back ideal. */
  private void connect(LinkConfig config) {
    link = net.connect(client, server, config, LinkConfig.ideal());
    net.computeRoutes();
  }

  private void send(int packets, int dataLength) {
    for (int i = 0; i < packets; i++) {
      client.send(server.address(), TestPayload.of("p" + i, dataLength), null);
    }
  }

  private List<String> decisions() {
    return log.stream().filter(line -> !line.startsWith("event ")).toList();
  }

  @Test
  void bernoulliLoss_isReportedAsLost_beforeTheDropEvent() {
    connect(LinkConfig.builder().delay(DELAY).loss(1.0).build());

    send(1, 10);
    sim.run();

    assertThat(log).containsExactly("lost #0 loss on client->server", "event drop #0 loss");
  }

  @Test
  void gilbertElliottLoss_isReportedAsLostWithCauseBurst() {
    // Found in the good state the first packet passes, moving the chain to the bad state, where
    // the second is lost.
    connect(
        LinkConfig.builder().delay(DELAY).loss(new LossModel.GilbertElliott(1, 0, 1, 0)).build());

    send(2, 10);
    sim.run();

    // Both are offered at time 0; the first leaves the transmitter in an event of its own.
    assertThat(decisions())
        .containsExactly("lost #1 burst on client->server", "propagated #0 10ms");
  }

  @Test
  void duplicateDraw_isReportedWithItsCopy_beforeTheDuplicateEvent() {
    connect(LinkConfig.builder().delay(DELAY).duplicate(1.0).build());

    send(1, 10);
    sim.run();

    assertThat(log)
        .startsWith(
            "duplicated #0 as #1",
            "event duplicate #0 #1",
            "event enqueue #0 bit -1",
            "event enqueue #1 bit -1");
  }

  @Test
  void corruptDraw_isReportedWithTheBitThePacketCarries_originalAndCopy() {
    connect(LinkConfig.builder().delay(DELAY).duplicate(1.0).corrupt(1.0).build());

    send(1, 10);
    sim.run();

    // After the duplicate decision and event: each packet's corruption, then its enqueue.
    String original = "corrupted #0 bit ";
    String copy = "corrupted #1 bit ";
    assertThat(log.get(2)).startsWith(original);
    assertThat(log.get(3))
        .isEqualTo("event enqueue #0 bit " + log.get(2).substring(original.length()));
    assertThat(log.get(4)).startsWith(copy);
    assertThat(log.get(5)).isEqualTo("event enqueue #1 bit " + log.get(4).substring(copy.length()));
  }

  @Test
  void jitterDraw_isReportedAsPropagationDelay_equalToArrivalMinusTransmit() {
    connect(
        LinkConfig.builder()
            .bandwidth(8_000_000)
            .delay(DELAY)
            .jitter(Jitter.named("normal", Time.millis(3)))
            .build());

    send(20, 972);
    sim.run();

    assertThat(propagationDelays).hasSize(20);
    for (Map.Entry<Long, Long> entry : propagationDelays.entrySet()) {
      long id = entry.getKey();
      assertThat(entry.getValue())
          .as("delay of #%s", id)
          .isEqualTo(deliveredAt.get(id) - transmittedAt.get(id));
    }
    assertThat(propagationDelays.values().stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void reorderedPacket_isReportedAsReordered_withNoPropagationDelay() {
    connect(LinkConfig.builder().delay(DELAY).reorder(1.0, 0).build());

    send(1, 10);
    sim.run();

    assertThat(decisions()).containsExactly("propagated #0 0s reordered");
  }

  @Test
  void arrivalDelayOfARule_isPartOfThePropagationDelay() {
    connect(LinkConfig.builder().delay(DELAY).build());
    link.aToB().faults().add(FaultRule.any().delayArrival(Time.millis(3)));

    send(1, 10);
    sim.run();

    assertThat(decisions()).containsExactly("propagated #0 13ms");
  }

  @Test
  void packetLostOnTheWire_wasReportedAsPropagated_whenItLeftTheTransmitter() {
    connect(LinkConfig.builder().delay(DELAY).build());
    sim.scheduleAt(Time.millis(5), () -> link.setUp(false));

    send(1, 10);
    sim.run();

    assertThat(log)
        .containsExactly("event enqueue #0 bit -1", "propagated #0 10ms", "event drop #0 down");
  }

  @Test
  void redEarlyDrop_isReportedBeforeItsDropEvent() {
    // The average follows the queue at once (weight 1); above 4 packets RED drops every arrival.
    RedQueue.Spec red =
        RedQueue.Spec.builder()
            .minThreshold(2)
            .maxThreshold(4)
            .maxP(1.0)
            .weight(1.0)
            .limit(100)
            .build();
    connect(LinkConfig.builder().bandwidth(8_000_000).delay(DELAY).queue(red).build());

    send(20, 972);
    sim.run();

    List<String> aqmDrops = new ArrayList<>();
    for (int i = 1; i < log.size(); i++) {
      if (log.get(i).endsWith(" aqm")) {
        String id = log.get(i).split(" ")[2];
        assertThat(log.get(i - 1)).isEqualTo("aqm " + id);
        aqmDrops.add(id);
      }
    }
    assertThat(aqmDrops).isNotEmpty();
    assertThat(log.stream().filter(line -> line.startsWith("aqm "))).hasSameSizeAs(aqmDrops);
  }

  @Test
  void codelDrop_isNoDecision() {
    connect(
        LinkConfig.builder()
            .bandwidth(8_000_000)
            .delay(DELAY)
            .queue(new CoDelQueue.Spec(Time.millis(1), Time.millis(2), 1000))
            .build());

    send(50, 972);
    sim.run();

    assertThat(log).anyMatch(line -> line.endsWith(" aqm"));
    assertThat(log).noneMatch(line -> line.startsWith("aqm "));
  }

  @Test
  void fullQueueDrop_isNoDecision() {
    connect(
        LinkConfig.builder()
            .bandwidth(8_000_000)
            .delay(DELAY)
            .queue(new DropTailQueue.Spec(1, 0))
            .build());

    send(3, 972);
    sim.run();

    assertThat(log).contains("event drop #2 queue");
    assertThat(decisions()).containsExactly("propagated #0 10ms", "propagated #1 10ms");
  }

  @Test
  void drawsRandom_isTrueForRedOnly() {
    assertThat(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .maxP(0.1)
                .limit(100)
                .build()
                .drawsRandom())
        .isTrue();
    assertThat(CoDelQueue.Spec.of(100).drawsRandom()).isFalse();
    assertThat(new DropTailQueue.Spec(100, 0).drawsRandom()).isFalse();
  }
}
