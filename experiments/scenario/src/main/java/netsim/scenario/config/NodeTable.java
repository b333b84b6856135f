package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.NodeSettings.Builder;
import netsim.scenario.config.NodeSettings.Kind;
import netsim.tcp.TcpConfig;
import org.jspecify.annotations.Nullable;

/**
 * A {@code nodes} entry, bound into {@link NodeSettings.Builder}: one row per key, over a host of
 * the global {@code tcp} that never crashes. A router gives its name and kind only. The table of
 * {@code docs/config.md} is generated from the rows ({@code SettingsTableTest}).
 */
final class NodeTable {
  /** The keys a router has not. */
  private static final List<String> HOST_ONLY = List.of("address", "tcp", "crashAt", "restartAt");

  /** What an entry that gives only its name is (its name aside): a host of the global tcp. */
  static final NodeSettings DEFAULTS = entryDefaults(TcpConfig.defaults());

  private NodeTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return rows(new Entries(null)).keys();
  }

  /** The rows, as documented: their names and duplicates checked against no other entry. */
  static Section<NodeSettings, Builder> section() {
    return rows(new Entries(null));
  }

  /** The topology's nodes, then the entries of {@code list}, hosts of {@code tcp} by default. */
  static List<NodeSettings> bind(ConfigNode list, TcpConfig tcp, Topology.Expansion topology) {
    List<NodeSettings> nodes = new ArrayList<>(topology.nodes());
    Entries entries = new Entries(topology);
    for (NodeSettings generated : topology.nodes()) {
      entries.names.add(generated.name());
      if (generated.address() != null) {
        entries.addresses.put(generated.address(), generated.name());
      }
    }
    Section<NodeSettings, Builder> section = rows(entries);
    NodeSettings defaults = entryDefaults(tcp);
    for (ConfigNode entry : list.elements()) {
      nodes.add(section.build(section.read(entry, defaults)));
    }
    return nodes;
  }

  private static NodeSettings entryDefaults(TcpConfig tcp) {
    return NodeSettings.builder().tcp(tcp).build();
  }

  /** The names and addresses taken so far: the topology's, then the earlier entries'. */
  private static final class Entries {
    final Topology.@Nullable Expansion topology;
    final Set<String> names = new LinkedHashSet<>();
    final Map<String, String> addresses = new LinkedHashMap<>();

    Entries(Topology.@Nullable Expansion topology) {
      this.topology = topology;
    }

    String name(ConfigNode node) {
      String name = node.newName();
      if (topology != null && topology.node(name) != null) {
        throw node.error(
            quote(name)
                + " is a node of "
                + topology.origin()
                + " already; give yours another name");
      }
      if (!names.add(name)) {
        throw node.error("duplicate node name " + quote(name));
      }
      return name;
    }

    /** An address another node has is refused, naming that node. */
    void checkAddressFree(
        Section.Values<NodeSettings> v, Setting<NodeSettings, Builder, String> name) {
      String address = v.get(ADDRESS);
      if (address == null) {
        return; // a router's
      }
      String previous = addresses.putIfAbsent(Ipv4Address.parse(address).toString(), v.get(name));
      if (previous != null) {
        throw v.at(ADDRESS)
            .error(
                "address "
                    + address
                    + " is already taken by node "
                    + quote(previous)
                    + (topology != null && topology.node(previous) != null
                        ? " of " + topology.origin()
                        : ""));
      }
    }
  }

  private static final Setting<NodeSettings, Builder, Kind> KIND =
      Setting.of("kind", NodeTable::kind, Builder::kind, NodeSettings::kind)
          .shown(k -> k.name().toLowerCase(Locale.ROOT))
          .doc("`host` or `router`");

  private static final Setting<NodeSettings, Builder, String> ADDRESS =
      Setting.of("address", NodeTable::address, Builder::address, NodeSettings::address)
          .defaultIs("required for hosts")
          .doc(
              "IPv4 address, unique, unicast: not in `0.0.0.0/8` (\"this network\"),"
                  + " `127.0.0.0/8` (loopback), `224.0.0.0/4` (multicast) or `240.0.0.0/4`"
                  + " (reserved, and the broadcast `255.255.255.255`), which no TCP host can have"
                  + " (RFC 1122 3.2.1.3)");

  private static final Setting<NodeSettings, Builder, TcpConfig> TCP =
      new Setting<NodeSettings, Builder, TcpConfig>(
              "tcp", TcpSettingsTable::bind, Builder::tcp, NodeSettings::tcp)
          .defaultIs("the global `tcp`")
          .doc("overrides of TCP parameters for this host");

  private static final Setting<NodeSettings, Builder, Long> CRASH_AT =
      Setting.of("crashAt", Readers.DURATION, Builder::crashAt, NodeSettings::crashAt)
          .defaultIs("none")
          .doc(
              "virtual time the host crashes: every connection and listener vanishes without a"
                  + " word to the peers (RFC 9293 3.5.1); its clients that have started make no"
                  + " more connections, and a client whose `at` comes later runs then");

  private static final Setting<NodeSettings, Builder, Long> RESTART_AT =
      Setting.of("restartAt", Readers.DURATION, Builder::restartAt, NodeSettings::restartAt)
          .defaultIs("none")
          .doc("virtual time the crashed host listens again on its listeners' ports");

  /** The rows, names and addresses checked against {@code entries}'. */
  private static Section<NodeSettings, Builder> rows(Entries entries) {
    Setting<NodeSettings, Builder, String> name =
        Setting.of("name", entries::name, Builder::name, NodeSettings::name)
            .mustBeGiven()
            .doc(
                "unique name (see [Names](#names)); pcap files are named after hosts"
                    + " (`NAME.pcap`)");
    return Section.of(
            NodeSettings::builder,
            Builder::build,
            List.of(name, KIND, ADDRESS, TCP, CRASH_AT, RESTART_AT))
        .withCheckAfter("kind", NodeTable::checkKeysOfKind)
        .withCheckAfter("address", v -> entries.checkAddressFree(v, name))
        .withCheckAfter("restartAt", NodeTable::checkRestart);
  }

  private static Kind kind(ConfigNode node) {
    String text = node.text();
    return switch (text) {
      case "host" -> Kind.HOST;
      case "router" -> Kind.ROUTER;
      default -> throw node.error("unknown node kind '" + text + "' (known: host, router)");
    };
  }

  /** A host must give its address; a router gives none of a host's keys. */
  private static void checkKeysOfKind(Section.Values<NodeSettings> v) {
    if (v.get(KIND) == Kind.HOST) {
      v.fields().require("address");
      return;
    }
    for (String key : HOST_ONLY) {
      if (v.fields().has(key)) {
        throw v.fields().get(key).error("a router has no " + key);
      }
    }
  }

  /** A unicast address a host may have, as the file writes it. */
  private static String address(ConfigNode a) {
    String address = a.text();
    Ipv4Address parsed;
    try {
      parsed = Ipv4Address.parse(address);
    } catch (IllegalArgumentException e) {
      throw a.error("expected an IPv4 address such as 10.0.0.1; got " + quote(address));
    }
    String unusable = unusable(parsed);
    if (unusable != null) {
      throw a.error(
          parsed
              + " cannot be a host's address: "
              + unusable
              + "; use a"
              + " unicast address such as 10.0.0.1");
    }
    return address;
  }

  private static void checkRestart(Section.Values<NodeSettings> v) {
    long crashAt = v.get(CRASH_AT);
    long restartAt = v.get(RESTART_AT);
    if (restartAt >= 0 && (crashAt < 0 || restartAt < crashAt)) {
      throw v.at(RESTART_AT).error("restartAt needs a crashAt at or before it");
    }
  }

  /**
   * Why {@code address} cannot be a TCP host's own address (RFC 1122 3.2.1.3: the source of a
   * datagram must be a unicast address of the host), or null when it can.
   */
  private static @Nullable String unusable(Ipv4Address address) {
    int first = address.bits() >>> 24;
    if (first == 0) {
      return "0.0.0.0/8 means \"this network\" (RFC 1122 3.2.1.3)";
    }
    if (first == 127) {
      return "127.0.0.0/8 is loopback, which never leaves a host (RFC 1122 3.2.1.3)";
    }
    if (first >= 224 && first <= 239) {
      return "224.0.0.0/4 is multicast, and TCP connects unicast addresses only";
    }
    if (first >= 240) {
      return address.bits() == -1
          ? "255.255.255.255 is the limited broadcast address"
          : "240.0.0.0/4 is reserved (RFC 1112 4)";
    }
    return null;
  }
}
