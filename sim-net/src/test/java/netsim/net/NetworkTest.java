package netsim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.link.DropTailQueue;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.InternetChecksum;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Prefix;
import org.junit.jupiter.api.Test;

class NetworkTest {
  private final Simulator sim = new Simulator();
  private final Network net = new Network(sim, new RandomStreams(1));
  private final Host client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
  private final Host server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
  private final List<String> arrivals = new ArrayList<>();
  private final List<String> drops = new ArrayList<>();

  NetworkTest() {
    server.register(
        TestPayload.PROTOCOL, packet -> arrivals.add(packet.payload() + "@" + sim.now()));
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onDrop(
              long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
            drops.add(packet.payload() + ":" + cause.traceName() + "@" + time);
          }
        });
  }

  private void send(String label, int dataLength) {
    client.send(server.address(), TestPayload.of(label, dataLength), null);
  }

  @Test
  void aPacketArrivesAfterSerializationPlusPropagation() {
    // 1000 bytes on the wire at 8 Mbit/s take 1 ms; then 10 ms of propagation.
    LinkConfig config = LinkConfig.builder().bandwidth(8_000_000).delay(Time.millis(10)).build();
    net.connect(client, server, config, config);
    net.computeRoutes();
    send("p", 1000 - 28);
    sim.run();
    assertThat(arrivals).containsExactly("p@" + Time.millis(11));
  }

  @Test
  void aBackToBackBurstLeavesAtExactlyTheBandwidthRate() {
    LinkConfig config = LinkConfig.builder().bandwidth(8_000_000).delay(Time.millis(10)).build();
    net.connect(client, server, config, config);
    net.computeRoutes();
    for (int i = 0; i < 4; i++) {
      send("p" + i, 1000 - 28);
    }
    sim.run();
    assertThat(arrivals)
        .containsExactly(
            "p0@" + Time.millis(11),
            "p1@" + Time.millis(12),
            "p2@" + Time.millis(13),
            "p3@" + Time.millis(14));
  }

  @Test
  void aFullQueueDropsExactlyThePacketsThatDoNotFit() {
    // One packet in transmission plus two waiting; the fourth and fifth find the queue full.
    LinkConfig config =
        LinkConfig.builder().bandwidth(8_000_000).queue(new DropTailQueue.Spec(2, 0)).build();
    Link link = net.connect(client, server, config, config);
    net.computeRoutes();
    for (int i = 0; i < 5; i++) {
      send("p" + i, 972);
    }
    sim.run();
    assertThat(arrivals).containsExactly("p0@1000000", "p1@2000000", "p2@3000000");
    assertThat(drops).containsExactly("p3:queue@0", "p4:queue@0");
    assertThat(link.aToB().counters().dropped(DropCause.QUEUE)).isEqualTo(2);
    assertThat(link.aToB().counters().queueHighWater()).isEqualTo(2);
  }

  @Test
  void aByteLimitedQueueDropsWhatWouldExceedIt() {
    LinkConfig config =
        LinkConfig.builder().bandwidth(8_000_000).queue(new DropTailQueue.Spec(100, 1500)).build();
    net.connect(client, server, config, config);
    net.computeRoutes();
    send("big0", 972); // transmitting at once, not queued
    send("big1", 972); // queued: 1000 bytes
    send("small", 472); // 500 bytes: exactly 1500 queued
    send("big2", 972); // would make 2500
    sim.run();
    assertThat(arrivals).containsExactly("big0@1000000", "big1@2000000", "small@2500000");
    assertThat(drops).containsExactly("big2:queue@0");
  }

  @Test
  void aRouterForwardsBetweenSubnets_andDecrementsTheTtl() {
    Router router = net.addRouter("router");
    LinkConfig hop = LinkConfig.builder().delay(Time.millis(5)).build();
    net.connect(client, router, hop, hop);
    net.connect(router, server, hop, hop);
    net.computeRoutes();
    List<Integer> ttls = new ArrayList<>();
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onReceive(long time, Host host, Packet packet) {
            ttls.add(packet.ttl());
          }
        });
    send("p", 10);
    sim.run();
    assertThat(arrivals).containsExactly("p@" + Time.millis(10));
    assertThat(ttls).containsExactly(Packet.DEFAULT_TTL - 1);
  }

  @Test
  void aPacketWhoseTtlReachesZeroIsDropped() {
    Router a = net.addRouter("a");
    Router b = net.addRouter("b");
    net.connect(client, a, LinkConfig.ideal(), LinkConfig.ideal());
    net.connect(a, b, LinkConfig.ideal(), LinkConfig.ideal());
    // A routing loop between a and b: the packet bounces until its TTL runs out.
    a.routes().add(Prefix.parse("10.0.0.2/32"), a.interfaces().get(1));
    b.routes().add(Prefix.parse("10.0.0.2/32"), b.interfaces().get(0));
    client.routes().add(Prefix.parse("0.0.0.0/0"), client.interfaces().get(0));
    send("looping", 10);
    sim.run();
    assertThat(arrivals).isEmpty();
    assertThat(drops).containsExactly("looping:ttl@0");
  }

  @Test
  void aPacketWithoutARouteIsDroppedAtTheSender() {
    send("lost", 10);
    sim.run();
    assertThat(drops).containsExactly("lost:no-route@0");
  }

  @Test
  void packetsOnTheWireAreLostWhenTheLinkGoesDown_andNewOnesAreDroppedWhileDown() {
    LinkConfig config = LinkConfig.builder().delay(Time.millis(10)).build();
    Link link = net.connect(client, server, config, config);
    net.computeRoutes();
    send("inflight", 10);
    sim.scheduleAt(Time.millis(5), () -> link.setUp(false));
    sim.scheduleAt(Time.millis(6), () -> send("whileDown", 10));
    sim.scheduleAt(Time.millis(7), () -> link.setUp(true));
    sim.scheduleAt(Time.millis(8), () -> send("afterUp", 10));
    sim.run();
    assertThat(arrivals).containsExactly("afterUp@" + Time.millis(18));
    // A packet on the wire when the link went down is reported lost when it would have arrived.
    assertThat(drops).containsExactly("whileDown:down@6000000", "inflight:down@10000000");
  }

  @Test
  void packetIdsAreDeterministicInOrderOfCreation() {
    net.connect(client, server, LinkConfig.ideal(), LinkConfig.ideal());
    net.computeRoutes();
    Packet first = client.send(server.address(), TestPayload.of("a", 1), null);
    Packet second = client.send(server.address(), TestPayload.of("b", 1), null);
    assertThat(first.id()).isZero();
    assertThat(second.id()).isEqualTo(1);
  }

  @Test
  void nodeNamesAndAddressesMustBeUnique() {
    assertThatThrownBy(() -> net.addHost("client", Ipv4Address.parse("10.0.0.9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node name 'client' is already taken");
    assertThatThrownBy(() -> net.addHost("other", Ipv4Address.parse("10.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address 10.0.0.1 is already taken");
  }

  @Test
  void badLinkParametersAreRejectedWithTheirValue() {
    assertThatThrownBy(() -> LinkConfig.builder().delay(-5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay must not be negative, got -5ns");
    assertThatThrownBy(() -> LinkConfig.builder().loss(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loss probability must be within [0, 1], got 1.5");
    assertThatThrownBy(() -> LinkConfig.builder().duplicate(-0.1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate probability must be within [0, 1], got -0.1");
  }

  @Test
  void ipv4PacketBytesHaveAValidHeaderChecksum() {
    net.connect(client, server, LinkConfig.ideal(), LinkConfig.ideal());
    net.computeRoutes();
    Packet packet = client.send(server.address(), TestPayload.of("a", 3), null);
    byte[] bytes = packet.toBytes();
    assertThat(bytes).hasSize(20 + 8 + 3);
    assertThat(InternetChecksum.of(bytes, 0, 20)).isZero();
    assertThat(bytes[9]).isEqualTo((byte) 17);
    assertThat(bytes[8]).isEqualTo((byte) 64);
  }
}
