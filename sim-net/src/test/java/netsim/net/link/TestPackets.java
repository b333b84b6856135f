package netsim.net.link;

import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.TestPayload;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;

/** Makes packets for tests that drive a queue discipline directly, without a link. */
final class TestPackets {
  private final Host host;
  private final Ipv4Address destination = Ipv4Address.parse("10.0.0.2");
  private int next;

  TestPackets() {
    Network network = new Network(new Simulator(), new RandomStreams(0));
    host = network.addHost("source", Ipv4Address.parse("10.0.0.1"));
  }

  /** A new packet of {@code totalLength} bytes on the wire (at least 28), sequence 0, 1, ... */
  Packet of(int totalLength) {
    return of(totalLength, Ecn.NOT_ECT);
  }

  /** A new packet of {@code totalLength} bytes whose ECN field is {@code ecn}. */
  Packet of(int totalLength, Ecn ecn) {
    return flow(1000, totalLength, ecn);
  }

  /**
   * A new packet of {@code totalLength} bytes from source port {@code port}: packets of one port
   * are one flow (one 5-tuple), as FQ-CoDel tells flows apart.
   */
  Packet flow(int port, int totalLength, Ecn ecn) {
    // The host has no route: the packet goes nowhere, but it exists.
    return host.send(
        destination,
        new TestPayload("q" + next, port, 2000, totalLength - 28, 0, next++),
        null,
        ecn);
  }
}
