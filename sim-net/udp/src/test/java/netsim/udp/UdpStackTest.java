package netsim.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.junit.jupiter.api.Test;

class UdpStackTest {
  private final Simulator sim = new Simulator();
  private final Network net = new Network(sim, new RandomStreams(1));
  private final Host a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
  private final Host b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
  private final UdpStack udpA = UdpStack.install(a);
  private final UdpStack udpB = UdpStack.install(b);
  private final List<String> arrivals = new ArrayList<>();
  private final List<String> drops = new ArrayList<>();

  UdpStackTest() {
    // 8 Mbit/s: a datagram of 972 data bytes is 1000 bytes on the wire, 1 ms; then 10 ms.
    LinkConfig link = LinkConfig.builder().bandwidth(8_000_000).delay(Time.millis(10)).build();
    net.connect(a, b, link, link);
    net.computeRoutes();
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onDrop(
              long time, Node node, LinkDirection on, Packet packet, DropCause cause) {
            drops.add(node + " " + cause.traceName() + " " + packet.payload());
          }
        });
  }

  @Test
  void aDatagramToABoundPort_reachesItsApplication_withSourceNumberAndSendTime() {
    udpB.bind(
        9,
        (now, source, d) ->
            arrivals.add(
                now
                    + " "
                    + source
                    + ":"
                    + d.sourcePort()
                    + " #"
                    + d.number()
                    + " sent "
                    + d.sentAt()));
    int port = udpA.reserveEphemeral();
    sim.scheduleAt(Time.millis(5), () -> udpA.send(port, b.address(), 9, 972, 0));
    sim.scheduleAt(Time.millis(5), () -> udpA.send(port, b.address(), 9, 972, 1));
    sim.run();

    assertThat(arrivals)
        .containsExactly(
            Time.millis(16) + " 10.0.0.1:49152 #0 sent " + Time.millis(5),
            Time.millis(17) + " 10.0.0.1:49152 #1 sent " + Time.millis(5));
    assertThat(udpB.received()).isEqualTo(2);
    assertThat(drops).isEmpty();
  }

  @Test
  void aDatagramToAPortNobodyBound_isDroppedAtTheHost_noPort() {
    sim.scheduleAt(0, () -> udpA.send(udpA.reserve(5000), b.address(), 9, 10, 3));
    sim.run();

    assertThat(drops).containsExactly("b no-port UDP 5000 > 9 len 10 #3");
    assertThat(net.packetsInFlight()).isZero();
  }

  @Test
  void ephemeralPorts_skipThoseInUse_andAPortIsBoundOnce() {
    udpA.bind(49152, (now, source, d) -> {});
    assertThat(udpA.reserveEphemeral()).isEqualTo(49153);
    assertThat(udpA.reserveEphemeral()).isEqualTo(49154);
    assertThatThrownBy(() -> udpA.bind(49153, (now, source, d) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a: UDP port 49153 is in use already");
  }
}
