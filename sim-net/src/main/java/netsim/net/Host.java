package netsim.net;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import org.jspecify.annotations.Nullable;

/**
 * An end host with one IPv4 address. Transport protocols register a {@link ProtocolHandler} and
 * send payloads; the host wraps them in IPv4 packets, routes them out, and on arrival checks the
 * checksum (discarding corrupted packets) before handing packets to the handler.
 */
public final class Host extends Node {
  private final Ipv4Address address;
  private final ProtocolHandler[] handlers = new ProtocolHandler[256];
  private int nextIdentification;

  Host(Network network, int id, String name, Ipv4Address address) {
    super(network, id, name);
    this.address = checkNotNull(address, "address");
  }

  public Ipv4Address address() {
    return address;
  }

  @Override
  public boolean owns(Ipv4Address candidate) {
    return address.equals(candidate);
  }

  /** Registers the handler of one IP protocol (e.g. 6 for TCP). */
  public void register(int protocol, ProtocolHandler handler) {
    checkArgument(protocol >= 0 && protocol < 256, "IP protocol out of range: %s", protocol);
    checkArgument(
        handlers[protocol] == null, "%s already has a handler for protocol %s", name(), protocol);
    handlers[protocol] = checkNotNull(handler, "handler");
  }

  /**
   * Sends a payload to {@code destination} in a new IPv4 packet.
   *
   * @param senderState the sender's protocol state, simulation-only metadata for fault rules (null
   *     if none)
   * @return the packet sent
   */
  public Packet send(Ipv4Address destination, Payload payload, @Nullable String senderState) {
    return send(destination, payload, senderState, Ecn.NOT_ECT);
  }

  /**
   * Sends a payload to {@code destination} in a new IPv4 packet whose ECN field is {@code ecn}, as
   * an ECN-capable transport asks (RFC 3168 5).
   *
   * @return the packet sent
   */
  public Packet send(
      Ipv4Address destination, Payload payload, @Nullable String senderState, Ecn ecn) {
    Network network = network();
    Packet packet =
        new Packet(
            network.packetIds().next(),
            address,
            destination,
            nextIdentification++,
            Packet.DEFAULT_TTL,
            payload,
            name(),
            senderState,
            ecn);
    network.events().sent(this, packet);
    route(packet);
    return packet;
  }

  /**
   * A protocol handler drops a packet this host received and handed to it (e.g. a SYN beyond a
   * listener's backlog): observers see the drop, at this host, with its cause.
   */
  public void discard(Packet packet, DropCause cause) {
    network().events().discarded(this, packet, checkNotNull(cause, "cause"));
  }

  @Override
  void receive(Packet packet, Interface in, @Nullable LinkDirection from) {
    Network network = network();
    if (packet.isCorrupted()) {
      if (from != null) {
        from.countCorruptDiscard();
      }
      network.events().dropped(this, from, packet, DropCause.CORRUPT);
      return;
    }
    if (!owns(packet.destination())) {
      network.events().dropped(this, null, packet, DropCause.NOT_FOR_HOST);
      return;
    }
    ProtocolHandler handler = handlers[packet.protocol()];
    if (handler == null) {
      network.events().dropped(this, null, packet, DropCause.NO_PROTOCOL);
      return;
    }
    network.events().received(this, packet);
    handler.receive(packet);
  }
}
