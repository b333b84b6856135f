package netsim.net;

import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Payload;

/** Makes packets directly, without sending them, for tests of code that inspects packets. */
public final class TestPackets {
  private TestPackets() {}

  public static Packet packet(
      long id,
      String source,
      String destination,
      Payload payload,
      String senderNode,
      String senderState) {
    return new Packet(
        id,
        Ipv4Address.parse(source),
        Ipv4Address.parse(destination),
        0,
        Packet.DEFAULT_TTL,
        payload,
        senderNode,
        senderState);
  }
}
