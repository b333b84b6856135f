package netsim.net;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import netsim.net.fault.FaultChain;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * A network node: a {@link Host} or a {@link Router}, with its interfaces, routing table and the
 * fault rules that every packet it sends or forwards passes before it is routed out.
 */
public abstract class Node {
  private final Network network;
  private final int id;
  private final String name;
  private final List<Interface> interfaces = new ArrayList<>();
  private final RoutingTable routes = new RoutingTable();
  private final FaultChain faults;
  private final Consumer<Packet> afterFaults = this::routeOut;
  private final DropSink faultDrops = this::dropByRule;

  Node(Network network, int id, String name) {
    this.network = checkNotNull(network, "network");
    this.id = id;
    this.name = checkNotNull(name, "name");
    this.faults =
        new FaultChain(network.simulator(), network.packetIds(), "node/" + name, network.events());
  }

  /** A small, stable number: the node's position in the order nodes were added, from 0. */
  public final int id() {
    return id;
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

  /** The targeted fault rules applied to every packet this node sends or forwards. */
  public final FaultChain faults() {
    return faults;
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
  abstract void receive(Packet packet, Interface in, @Nullable LinkDirection from);

  /**
   * Passes a packet through the node's fault rules, then routes it out through the interface the
   * routing table names, or drops it.
   */
  final void route(Packet packet) {
    if (faults.isEmpty()) {
      routeOut(packet);
    } else {
      faults.apply(packet, afterFaults, faultDrops);
    }
  }

  private void routeOut(Packet packet) {
    Interface out = routes.lookup(packet.destination());
    if (out == null) {
      network.events().dropped(this, null, packet, DropCause.NO_ROUTE);
      return;
    }
    out.transmit(packet);
  }

  private void dropByRule(Packet packet, DropCause cause) {
    network.events().dropped(this, null, packet, cause);
  }

  @Override
  public String toString() {
    return name;
  }
}
