package netsim.scenario.config;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Registry;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.tcp.TcpConfig;
import org.jspecify.annotations.Nullable;

/**
 * A topology written as one line, {@code topology: {kind: dumbbell, pairs: 4, ...}}, expanded into
 * ordinary nodes and links with predictable names, so that listeners, clients, rules, changes and
 * sweeps address them as if they had been written by hand (docs/config.md, "topology").
 *
 * <ul>
 *   <li>{@code dumbbell}: routers {@code r1}, {@code r2}; senders {@code s1..sN} (10.1.0.i) on
 *       {@code r1}, receivers {@code d1..dN} (10.2.0.i) on {@code r2}; links {@code si-r1}, {@code
 *       bottleneck} (r1 to r2), {@code r2-di}.
 *   <li>{@code parking-lot}: routers {@code r1..r(H+1)} in a chain of links {@code hop1..hopH}; the
 *       long flow's hosts {@code long-src} (10.0.0.1) on r1 and {@code long-dst} (10.0.0.2) on
 *       r(H+1); for every hop k a cross flow's hosts {@code sk} (10.1.0.k) on rk and {@code dk}
 *       (10.2.0.k) on r(k+1), whose path is hop k alone.
 * </ul>
 *
 * Every generated link's {@code a} is on the senders' side, so {@code a_to_b} is the direction the
 * data flows. The bottleneck's settings apply to every hop of a parking lot.
 */
final class Topology {
  /** The keys of {@code topology}. */
  static final String[] KEYS = {"kind", "pairs", "hops", "bottleneck", "access"};

  /** The most sender/receiver pairs of a dumbbell (addresses 10.1.0.1 to 10.1.3.232). */
  static final int MAX_PAIRS = 1000;

  /** The most hops of a parking lot. */
  static final int MAX_HOPS = 100;

  /** The nodes and links a topology line stands for; empty without a {@code topology}. */
  record Expansion(@Nullable String kind, List<NodeSettings> nodes, List<LinkSettings> links) {
    static final Expansion NONE = new Expansion(null, List.of(), List.of());

    /** The generated node called {@code name}, or null. */
    @Nullable NodeSettings node(String name) {
      for (NodeSettings node : nodes) {
        if (node.name().equals(name)) {
          return node;
        }
      }
      return null;
    }

    /** Whether a generated link is called {@code name}. */
    boolean hasLink(String name) {
      for (LinkSettings link : links) {
        if (link.name().equals(name)) {
          return true;
        }
      }
      return false;
    }

    /** "the dumbbell topology", for messages. */
    String origin() {
      return "the " + kind + " topology";
    }
  }

  /** Expands one kind of topology. */
  @FunctionalInterface
  private interface Kind {
    Expansion expand(Fields f, String kind, TcpConfig tcp, LinkConfig linkDefaults);
  }

  /** The kinds, by name. */
  private static final Registry<Kind> KINDS =
      Registry.<Kind>builder("topology")
          .register("dumbbell", Topology::dumbbell)
          .register("parking-lot", Topology::parkingLot)
          .build();

  private Topology() {}

  /** The nodes and links {@code node} (the {@code topology} mapping, maybe missing) stands for. */
  static Expansion expand(ConfigNode node, TcpConfig tcp, LinkConfig linkDefaults) {
    if (node.isMissing()) {
      return Expansion.NONE;
    }
    Fields f = node.fields(KEYS);
    String kind = ConfigBinder.known(f.require("kind"), KINDS);
    return KINDS.get(kind).expand(f, kind, tcp, linkDefaults);
  }

  private static Expansion dumbbell(Fields f, String kind, TcpConfig tcp, LinkConfig defaults) {
    refuse(f, "hops", kind, "pairs");
    int pairs = (int) f.require("pairs").integer(1, MAX_PAIRS);
    List<Fields> access = access(f, pairs, "pairs");
    Builder b = new Builder(kind, tcp);
    b.router("r1").router("r2");
    for (int i = 1; i <= pairs; i++) {
      b.host("s" + i, 0x0A010000 + i);
    }
    for (int i = 1; i <= pairs; i++) {
      b.host("d" + i, 0x0A020000 + i);
    }
    for (int i = 1; i <= pairs; i++) {
      b.link(null, "s" + i, "r1", access.get(i - 1), defaults);
    }
    b.link("bottleneck", "r1", "r2", bottleneck(f), defaults);
    for (int i = 1; i <= pairs; i++) {
      b.link(null, "r2", "d" + i, access.get(i - 1), defaults);
    }
    return b.build();
  }

  private static Expansion parkingLot(Fields f, String kind, TcpConfig tcp, LinkConfig defaults) {
    refuse(f, "pairs", kind, "hops");
    int hops = (int) f.require("hops").integer(1, MAX_HOPS);
    List<Fields> access = access(f, hops + 1, "hops + 1 (the long flow's, then one per hop)");
    Builder b = new Builder(kind, tcp);
    for (int k = 1; k <= hops + 1; k++) {
      b.router("r" + k);
    }
    b.host("long-src", 0x0A000001).host("long-dst", 0x0A000002);
    for (int k = 1; k <= hops; k++) {
      b.host("s" + k, 0x0A010000 + k);
    }
    for (int k = 1; k <= hops; k++) {
      b.host("d" + k, 0x0A020000 + k);
    }
    for (int k = 1; k <= hops; k++) {
      b.link("hop" + k, "r" + k, "r" + (k + 1), bottleneck(f), defaults);
    }
    b.link(null, "long-src", "r1", access.get(0), defaults);
    b.link(null, "r" + (hops + 1), "long-dst", access.get(0), defaults);
    for (int k = 1; k <= hops; k++) {
      b.link(null, "s" + k, "r" + k, access.get(k), defaults);
      b.link(null, "r" + (k + 1), "d" + k, access.get(k), defaults);
    }
    return b.build();
  }

  /** A key the kind does not take: an error that names the one it does. */
  private static void refuse(Fields f, String key, String kind, String instead) {
    if (f.has(key)) {
      throw f.get(key).error("a " + kind + " has no " + key + "; it takes " + instead);
    }
  }

  private static Fields bottleneck(Fields f) {
    return f.get("bottleneck").fields(LinkTable.SETTINGS.toArray(String[]::new));
  }

  /** The access links' settings, one per pair: a mapping for all, or a list of exactly n. */
  private static List<Fields> access(Fields f, int n, String counted) {
    ConfigNode node = f.get("access");
    List<Fields> access = new ArrayList<>();
    if (node.isList()) {
      List<ConfigNode> entries = node.elements();
      if (entries.size() != n) {
        throw node.error(
            "a list of access links needs one entry per pair: "
                + n
                + " ("
                + counted
                + "); got "
                + entries.size()
                + " (or give one mapping for all)");
      }
      for (ConfigNode entry : entries) {
        access.add(entry.fields(LinkTable.SETTINGS.toArray(String[]::new)));
      }
    } else {
      Fields all = node.fields(LinkTable.SETTINGS.toArray(String[]::new));
      for (int i = 0; i < n; i++) {
        access.add(all);
      }
    }
    return access;
  }

  /** Collects the nodes and links of an expansion, in order. */
  private static final class Builder {
    private final String kind;
    private final TcpConfig tcp;
    private final List<NodeSettings> nodes = new ArrayList<>();
    private final List<LinkSettings> links = new ArrayList<>();

    Builder(String kind, TcpConfig tcp) {
      this.kind = kind;
      this.tcp = tcp;
    }

    Builder router(String name) {
      nodes.add(new NodeSettings(name, NodeSettings.Kind.ROUTER, null, tcp, -1, -1));
      return this;
    }

    Builder host(String name, int address) {
      String text = new Ipv4Address(address).toString();
      nodes.add(new NodeSettings(name, NodeSettings.Kind.HOST, text, tcp, -1, -1));
      return this;
    }

    /** A link called {@code name} (null: "a-b"), with {@code f}'s settings over the defaults. */
    void link(@Nullable String name, String a, String b, Fields f, LinkConfig defaults) {
      links.add(LinkTable.link(LinkSettings.name(name, a, b), a, b, f, defaults));
    }

    Expansion build() {
      return new Expansion(kind, List.copyOf(nodes), List.copyOf(links));
    }
  }
}
