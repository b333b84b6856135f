package netsim.net;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import netsim.net.link.LinkDirection;

/** A network node: a {@link Host} or a {@link Router}, with its interfaces and routing table. */
public abstract class Node {
  private final Network network;
  private final String name;
  private final List<Interface> interfaces = new ArrayList<>();
  private final RoutingTable routes = new RoutingTable();

  Node(Network network, String name) {
    this.network = checkNotNull(network, "network");
    this.name = checkNotNull(name, "name");
  }

  public final String name() {
    return name;
  }

  public final Network network() {
    return network;
  }

  public final List<Interface> interfaces() {
    return Collections.unmodifiableList(interfaces);
  }

  public final RoutingTable routes() {
    return routes;
  }

  /** Adds a new, unattached interface. */
  public final Interface addInterface() {
    Interface added = new Interface(this, interfaces.size());
    interfaces.add(added);
    return added;
  }

  /** Whether {@code address} is one of this node's own. */
  public abstract boolean owns(Ipv4Address address);

  /** Handles a packet arriving on {@code in} from the link direction {@code from}. */
  abstract void receive(Packet packet, Interface in, LinkDirection from);

  /** Routes a packet out through the interface the routing table names, or drops it. */
  final void route(Packet packet) {
    Interface out = routes.lookup(packet.destination());
    if (out == null) {
      network.events().dropped(this, null, packet, DropCause.NO_ROUTE);
      return;
    }
    out.transmit(packet);
  }

  @Override
  public String toString() {
    return name;
  }
}
