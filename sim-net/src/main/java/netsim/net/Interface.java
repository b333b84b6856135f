package netsim.net;

import java.util.ArrayList;
import java.util.List;
import netsim.net.link.Arrival;
import netsim.net.link.LinkDirection;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * A node's attachment to one link: packets leave through {@link #output()} to the {@link #peer()}
 * interface at the link's other end, and arrive from the peer's direction. Packet taps (pcap
 * capture) see both ways.
 */
public final class Interface implements Arrival {
  private final Node node;
  private final int index;
  private @Nullable LinkDirection output;
  private @Nullable Interface peer;
  private final List<PacketTap> taps = new ArrayList<>();

  Interface(Node node, int index) {
    this.node = node;
    this.index = index;
  }

  public Node node() {
    return node;
  }

  /** "client/0" for the first interface of node "client". */
  public String name() {
    return node.name() + "/" + index;
  }

  /** The link direction that carries packets away from this interface. */
  public @Nullable LinkDirection output() {
    return output;
  }

  /** The interface at the other end of the link, or null before the interface is attached. */
  public @Nullable Interface peer() {
    return peer;
  }

  /**
   * Attaches this interface to the link direction that carries its outgoing packets to {@code
   * other}.
   */
  void attach(LinkDirection direction, Interface other) {
    if (output != null) {
      throw new IllegalStateException(name() + " is already attached to " + output.name());
    }
    output = direction;
    peer = other;
  }

  public void addTap(PacketTap tap) {
    taps.add(tap);
  }

  /** Sends a packet out; the node has already routed it here. */
  void transmit(Packet packet) {
    if (output == null) {
      throw new IllegalStateException(name() + " is not attached to a link");
    }
    long now = node.network().simulator().now();
    for (int i = 0; i < taps.size(); i++) {
      taps.get(i).onPacket(now, packet, true);
    }
    output.send(packet);
  }

  /** Called by a link direction when a packet arrives here. */
  @Override
  public void arrive(Packet packet, LinkDirection from) {
    long now = node.network().simulator().now();
    for (int i = 0; i < taps.size(); i++) {
      taps.get(i).onPacket(now, packet, false);
    }
    node.receive(packet, this, from);
  }

  @Override
  public String toString() {
    return name();
  }
}
