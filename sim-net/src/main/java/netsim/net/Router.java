package netsim.net;

import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * A router: forwards packets by destination address with its static routing table, decrementing the
 * TTL and dropping a packet whose TTL reaches zero. Like a real router it checks only the IPv4
 * header checksum: a packet corrupted in its header is dropped, one corrupted in its payload is
 * forwarded for the destination to discard.
 */
public final class Router extends Node {
  private static final int HEADER_BITS = 8 * Packet.HEADER_LENGTH;

  Router(Network network, int id, String name) {
    super(network, id, name);
  }

  @Override
  public boolean owns(Ipv4Address address) {
    return false;
  }

  @Override
  void receive(Packet packet, Interface in, @Nullable LinkDirection from) {
    Network network = network();
    if (packet.isCorrupted() && packet.corruptedBit() < HEADER_BITS) {
      if (from != null) {
        from.countCorruptDiscard();
      }
      network.events().dropped(this, from, packet, DropCause.CORRUPT);
      return;
    }
    if (packet.decrementTtl() <= 0) {
      network.events().dropped(this, null, packet, DropCause.TTL);
      return;
    }
    network.events().forwarded(this, packet);
    route(packet);
  }
}
