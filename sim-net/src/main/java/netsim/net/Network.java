package netsim.net;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Prefix;

/**
 * A simulated IPv4 network: hosts, routers and the links between them, on one {@link Simulator}
 * with one set of {@link RandomStreams}. Everything is kept in insertion order, so routes, packet
 * ids and random draws are the same on every run.
 */
public final class Network {
  private final Simulator simulator;
  private final RandomStreams streams;
  private final PacketEvents events;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Link> links = new LinkedHashMap<>();
  private long nextPacketId;

  public Network(Simulator simulator, RandomStreams streams) {
    this.simulator = checkNotNull(simulator, "simulator");
    this.streams = checkNotNull(streams, "streams");
    this.events = new PacketEvents(simulator);
  }

  public Simulator simulator() {
    return simulator;
  }

  public RandomStreams streams() {
    return streams;
  }

  /** Where nodes and links report packet events. */
  public PacketEvents events() {
    return events;
  }

  public void addObserver(PacketObserver observer) {
    events.add(checkNotNull(observer, "observer"));
  }

  /** A new deterministic packet id. */
  public long nextPacketId() {
    return nextPacketId++;
  }

  public Host addHost(String name, Ipv4Address address) {
    checkArgument(
        nodes.values().stream().noneMatch(n -> n.owns(address)),
        "address %s is already taken",
        address);
    return add(new Host(this, name, address));
  }

  public Router addRouter(String name) {
    return add(new Router(this, name));
  }

  private <N extends Node> N add(N node) {
    checkArgument(!node.name().isEmpty(), "a node needs a name");
    checkArgument(!nodes.containsKey(node.name()), "node name '%s' is already taken", node.name());
    nodes.put(node.name(), node);
    return node;
  }

  /**
   * Connects two nodes with a full-duplex point-to-point link named "a-b", each direction
   * configured on its own.
   */
  public Link connect(Node a, Node b, LinkConfig aToB, LinkConfig bToA) {
    return connect(a.name() + "-" + b.name(), a, b, aToB, bToA);
  }

  /**
   * Connects two nodes with a named link; see {@link #connect(Node, Node, LinkConfig, LinkConfig)}.
   */
  public Link connect(String name, Node a, Node b, LinkConfig aToB, LinkConfig bToA) {
    checkArgument(!links.containsKey(name), "link name '%s' is already taken", name);
    checkArgument(a != b, "a link needs two different nodes, got %s twice", a.name());
    checkArgument(
        nodes.get(a.name()) == a && nodes.get(b.name()) == b,
        "both nodes must belong to this network");
    Link link = new Link(this, name, a.addInterface(), b.addInterface(), aToB, bToA);
    links.put(name, link);
    return link;
  }

  public Node node(String name) {
    Node node = nodes.get(name);
    checkArgument(node != null, "no node named '%s' (known: %s)", name, nodes.keySet());
    return node;
  }

  public Host host(String name) {
    Node node = node(name);
    checkArgument(node instanceof Host, "'%s' is a router, not a host", name);
    return (Host) node;
  }

  public Link link(String name) {
    Link link = links.get(name);
    checkArgument(link != null, "no link named '%s' (known: %s)", name, links.keySet());
    return link;
  }

  public Collection<Node> nodes() {
    return Collections.unmodifiableCollection(nodes.values());
  }

  public Collection<Link> links() {
    return Collections.unmodifiableCollection(links.values());
  }

  /** Captures every packet crossing any interface of {@code node}. */
  public void tap(Node node, PacketTap tap) {
    for (Interface i : node.interfaces()) {
      i.addTap(tap);
    }
  }

  /**
   * Fills every node's routing table with a host route to every host along a shortest path (fewest
   * hops; ties broken by interface order). Deterministic.
   */
  public void computeRoutes() {
    for (Node from : nodes.values()) {
      Map<Node, Interface> firstHop = new LinkedHashMap<>();
      ArrayDeque<Node> frontier = new ArrayDeque<>();
      frontier.add(from);
      firstHop.put(from, null);
      while (!frontier.isEmpty()) {
        Node at = frontier.remove();
        for (Interface out : at.interfaces()) {
          if (out.output() == null) {
            continue;
          }
          Node next = out.output().to().node();
          if (!firstHop.containsKey(next)) {
            firstHop.put(next, at == from ? out : firstHop.get(at));
            frontier.add(next);
          }
        }
      }
      for (Map.Entry<Node, Interface> entry : firstHop.entrySet()) {
        if (entry.getKey() instanceof Host host && entry.getValue() != null) {
          from.routes().add(Prefix.host(host.address()), entry.getValue());
        }
      }
    }
  }

  /** The hosts, in insertion order. */
  public List<Host> hosts() {
    List<Host> hosts = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node instanceof Host host) {
        hosts.add(host);
      }
    }
    return hosts;
  }
}
