package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import netsim.core.RandomStreams;
import netsim.core.Registry;
import netsim.net.link.LinkConfig;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.tcp.TcpConfig;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * Reads a config document into an {@link ExperimentConfig}, once, checking everything: unknown
 * keys, types, ranges and names that point nowhere, each error located in the file. Every value the
 * document leaves out comes from the reference document ({@code reference.yaml}), where every
 * default lives (the {@code tcp} defaults are sim-tcp's own, which reference.yaml shows); the
 * document's own {@code defaults} section may change the defaults of its list entries (links,
 * listeners, clients).
 */
public final class ConfigBinder {
  /** The top-level keys; {@code sweep} is read by {@code netsim sweep} (SweepSpec), not here. */
  static final String[] TOP = {
    "name",
    "description",
    "seed",
    "stop",
    "tcp",
    "defaults",
    "nodes",
    "topology",
    "links",
    "changes",
    "partitions",
    "listeners",
    "clients",
    "udpSources",
    "udpSinks",
    "rules",
    "invariants",
    "outputs",
    "sweep"
  };

  /** The keys of one link direction, from its table. */
  static final String[] DIRECTION = LinkSettingsTable.keys().toArray(String[]::new);

  static final String[] LINK = LinkTable.keys().toArray(String[]::new);
  static final String[] NODE = NodeTable.keys().toArray(String[]::new);
  static final String[] APP = AppTable.keys().toArray(String[]::new);
  static final String[] LISTENER = ListenerTable.keys().toArray(String[]::new);
  static final String[] CLIENT = ClientTable.keys().toArray(String[]::new);
  static final String[] DEFAULTS = {"link", "listener", "client", "udpSource"};

  /** The keys of {@code defaults.client}: what every client entry may give but its own. */
  private static final String[] CLIENT_DEFAULTS = ClientTable.defaultKeys().toArray(String[]::new);

  /** The defaults of list entries. */
  private record Defaults(
      LinkConfig link,
      ListenerSettings listener,
      ClientSettings client,
      RequestSettings requests,
      FlowSettings flows,
      UdpTraffic udpSource) {}

  private ConfigBinder() {}

  /**
   * Binds {@code document} on top of {@code reference}.
   *
   * @throws ConfigException at the first mistake, located
   */
  public static ExperimentConfig bind(YamlDocument document, YamlDocument reference) {
    BoundReference bound = boundReference(reference);
    return bind(ConfigNode.root(document), bound.base(), bound.defaults());
  }

  /** A reference document bound, kept: a sweep binds thousands of points on one reference. */
  private record BoundReference(YamlDocument reference, ExperimentConfig base, Defaults defaults) {}

  private static volatile BoundReference lastReference;

  private static BoundReference boundReference(YamlDocument reference) {
    BoundReference bound = lastReference;
    if (bound == null || bound.reference() != reference) {
      bound = bindAlone(reference);
      lastReference = bound;
    }
    return bound;
  }

  /**
   * The reference document bound alone: every key must be present there, but the {@code tcp} keys,
   * whose defaults are sim-tcp's ({@link TcpSettingsTable#bind}).
   */
  static ExperimentConfig bindReference(YamlDocument reference) {
    return bindAlone(reference).base();
  }

  /**
   * {@link #bindReference}, with the reference's defaults kept: bound once, for the reference
   * itself and for the documents bound on it.
   */
  private static BoundReference bindAlone(YamlDocument reference) {
    ConfigNode root = ConfigNode.root(reference);
    Defaults defaults = defaultsOf(root, null);
    return new BoundReference(reference, bind(root, null, defaults), defaults);
  }

  private static Defaults defaultsOf(ConfigNode root, @Nullable Defaults base) {
    Fields f = root.fields(TOP).get("defaults").fields(DEFAULTS);
    if (base == null) {
      f.require("link");
      f.require("listener");
      f.require("client");
      f.require("udpSource");
    }
    LinkConfig link =
        f.has("link") || base == null
            ? LinkSettingsTable.bind(
                f.get("link").fields(DIRECTION), base == null ? null : base.link())
            : base.link();
    ListenerSettings listener =
        f.has("listener") || base == null
            ? ListenerTable.bindDefaults(f.get("listener"), base == null ? null : base.listener())
            : base.listener();
    ClientSettings client =
        f.has("client") || base == null
            ? ClientTable.bindDefaults(
                f.get("client").fields(CLIENT_DEFAULTS), base == null ? null : base.client())
            : base.client();
    Fields c = f.get("client").fields(CLIENT_DEFAULTS);
    if (base == null) {
      c.require("requests");
      c.require("flows");
    }
    RequestSettings requests =
        c.has("requests") || base == null
            ? RequestTable.bind(
                c.get("requests").fields(RequestTable.keys().toArray(String[]::new)),
                base == null ? null : base.requests())
            : base.requests();
    FlowSettings flows =
        c.has("flows") || base == null
            ? FlowTable.bind(c.get("flows"), base == null ? null : base.flows(), null)
            : base.flows();
    UdpTraffic udpSource =
        f.has("udpSource") || base == null
            ? UdpTrafficTable.bind(
                f.get("udpSource").fields(UdpTrafficTable.keys().toArray(String[]::new)),
                base == null ? null : base.udpSource())
            : base.udpSource();
    return new Defaults(link, listener, client, requests, flows, udpSource);
  }

  private static ExperimentConfig bind(
      ConfigNode root, @Nullable ExperimentConfig base, Defaults referenceDefaults) {
    Fields top = root.fields(TOP);
    Defaults defaults = base == null ? referenceDefaults : defaultsOf(root, referenceDefaults);
    String name = pick(top, "name", base, ExperimentConfig::name, Readers.NEW_NAME);
    String description =
        pick(top, "description", base, ExperimentConfig::description, ConfigNode::text);
    long seed =
        pick(
            top,
            "seed",
            base,
            ExperimentConfig::seed,
            n -> n.integer(Long.MIN_VALUE, Long.MAX_VALUE));
    StopSettings stop = StopTable.bind(top.get("stop"), base == null ? null : base.stop());
    TcpConfig tcp = TcpSettingsTable.bind(top.get("tcp"), base == null ? null : base.tcp());
    InvariantSettings invariants =
        InvariantsTable.bind(top.get("invariants"), base == null ? null : base.invariants());
    OutputSettings outputs =
        OutputsTable.bind(top.get("outputs"), base == null ? null : base.outputs());

    Topology.Expansion topology = Topology.expand(top.get("topology"), tcp, defaults.link());
    List<NodeSettings> nodes = NodeTable.bind(top.get("nodes"), tcp, topology);
    List<LinkSettings> links = LinkTable.bind(top.get("links"), nodes, defaults.link(), topology);
    ConfigNode changeList = top.get("changes");
    List<ChangeSettings> changes =
        none(changeList) ? List.of() : ChangeTable.bind(changeList, links);
    ConfigNode partitionList = top.get("partitions");
    List<PartitionSettings> partitions =
        none(partitionList) ? List.of() : PartitionTable.bind(partitionList, nodes);
    List<ListenerSettings> listeners = new ArrayList<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ConfigNode> listenerEntries = top.get("listeners").elements();
    for (int i = 0; i < listenerEntries.size(); i++) {
      ListenerSettings listener =
          ListenerTable.bind(listenerEntries.get(i).fields(LISTENER), defaults.listener(), nodes);
      Integer first = ports.putIfAbsent(listener.host() + ":" + listener.port(), i);
      if (first != null) {
        throw listenerEntries
            .get(i)
            .fields(LISTENER)
            .get("port")
            .error(
                listener.host()
                    + " already listens on port "
                    + listener.port()
                    + " (listeners["
                    + first
                    + "]): a port takes one listener");
      }
      listeners.add(listener);
    }
    List<ClientSettings> clients = new ArrayList<>();
    Map<String, String> clientNames = new LinkedHashMap<>();
    RandomStreams startJitter = new RandomStreams(seed);
    List<ConfigNode> clientEntries = top.get("clients").elements();
    for (int j = 0; j < clientEntries.size(); j++) {
      ConfigNode entry = clientEntries.get(j);
      for (ClientSettings client :
          count(
              entry,
              ClientTable.bind(
                  entry,
                  entry.fields(CLIENT),
                  j,
                  defaults.client(),
                  defaults.requests(),
                  defaults.flows(),
                  nodes,
                  links),
              startJitter)) {
        String first = clientNames.putIfAbsent(client.name(), client.entry());
        if (first != null) {
          Fields f = entry.fields(CLIENT);
          throw (f.has("name") ? f.get("name") : entry)
              .error(
                  "duplicate client name "
                      + quote(client.name())
                      + " (of "
                      + first
                      + "): give the client a name of its own");
        }
        clients.add(client);
      }
    }
    ConfigNode sinkList = top.get("udpSinks");
    List<UdpSinkSettings> udpSinks =
        none(sinkList) ? List.of() : UdpSinkTable.bind(sinkList, nodes);
    List<UdpSourceSettings> udpSources = new ArrayList<>();
    Map<String, String> udpPorts = new LinkedHashMap<>(); // HOST:PORT -> what uses it
    for (int i = 0; i < udpSinks.size(); i++) {
      udpPorts.put(udpSinks.get(i).host() + ":" + udpSinks.get(i).port(), "udpSinks[" + i + "]");
    }
    List<ConfigNode> sourceEntries = top.get("udpSources").elements();
    for (int j = 0; j < sourceEntries.size(); j++) {
      ConfigNode entry = sourceEntries.get(j);
      for (UdpSourceSettings source :
          UdpSourceTable.bind(entry, j, defaults.udpSource(), nodes, udpSinks, startJitter)) {
        if (source.localPort() != 0) {
          String first =
              udpPorts.putIfAbsent(source.host() + ":" + source.localPort(), source.entry());
          if (first != null) {
            throw entry
                .fields(udpSourceKeys())
                .get("localPort")
                .error(
                    "UDP port "
                        + source.localPort()
                        + " of "
                        + source.host()
                        + " is taken by "
                        + first
                        + ": a port has one sink or source");
          }
        }
        String first = clientNames.putIfAbsent(source.name(), source.entry());
        if (first != null) {
          Fields f = entry.fields(udpSourceKeys());
          throw (f.has("name") ? f.get("name") : entry)
              .error(
                  "duplicate name "
                      + quote(source.name())
                      + " (of "
                      + first
                      + "): flows are reported by name; give the source a name of its own");
        }
        udpSources.add(source);
      }
    }
    ConfigNode ruleList = top.get("rules");
    List<RuleSettings> rules = none(ruleList) ? List.of() : RuleTable.bind(ruleList, nodes, links);
    if (top.has("outputs")) {
      outputs = captures(top.get("outputs"), outputs, nodes, links);
    }
    if (base != null && clients.isEmpty() && udpSources.isEmpty()) {
      // Hosts send nothing on their own: without a client no packet would ever be sent.
      throw (top.has("clients") ? top.get("clients") : root)
          .error(
              root.isEmptyMapping()
                  ? "an empty experiment: give at least two hosts (nodes), a link between them, a"
                      + " listener and a client (see experiments/examples/)"
                  : "no clients: an experiment needs at least one client, or no packet is ever sent");
    }
    return new ExperimentConfig(
        name,
        description,
        seed,
        stop,
        tcp,
        List.copyOf(nodes),
        List.copyOf(links),
        List.copyOf(changes),
        List.copyOf(partitions),
        List.copyOf(listeners),
        List.copyOf(clients),
        List.copyOf(rules),
        invariants,
        outputs,
        List.copyOf(udpSources),
        List.copyOf(udpSinks));
  }

  /**
   * Whether the list {@code list} has no entries (refused, located, when it is not a list, as its
   * table would). Its table is then not asked: a table builds its rows' readers when first used,
   * and linking their lambdas is most of reading an experiment's first file, so a run without
   * changes, partitions, UDP sinks or rules does not pay for those tables.
   */
  private static boolean none(ConfigNode list) {
    return list.elements().isEmpty();
  }

  // --- UDP ------------------------------------------------------------------------------------

  /** The keys of a UDP source entry (its table built when an entry is wrong, not at start-up). */
  private static String[] udpSourceKeys() {
    return UdpSourceTable.keys().toArray(String[]::new);
  }

  /** The value of {@code key}: parsed when given (or when there is no base), else the base's. */
  static <B, T> T pick(
      Fields f,
      String key,
      @Nullable B base,
      Function<B, T> fromBase,
      Function<ConfigNode, T> parse) {
    if (f.has(key) || base == null) {
      return parse.apply(f.require(key));
    }
    return fromBase.apply(base);
  }

  /**
   * Checks that every capture point of {@code outputs} names a link direction ({@code "a->b"}) or a
   * node, and that no two write the same file; returns the outputs with the points as the topology
   * names them.
   */
  private static OutputSettings captures(
      ConfigNode outputsNode,
      OutputSettings outputs,
      List<NodeSettings> nodes,
      List<LinkSettings> links) {
    if (outputs.capture().isEmpty()) {
      return outputs;
    }
    List<ConfigNode> elements =
        outputsNode
            .fields(OutputsTable.keys().toArray(String[]::new))
            .require("capture")
            .elements();
    List<String> points = new ArrayList<>();
    Map<String, String> files = new LinkedHashMap<>();
    Set<String> hostsCaptured = new LinkedHashSet<>();
    if (outputs.pcap()) {
      for (NodeSettings node : nodes) {
        if (node.kind() == NodeSettings.Kind.HOST) {
          files.put(node.name() + ".pcap", "host " + quote(node.name()) + "'s capture");
          hostsCaptured.add(node.name());
        }
      }
    }
    for (int i = 0; i < elements.size(); i++) {
      ConfigNode at = elements.get(i);
      String point = outputs.capture().get(i);
      int arrow = point.indexOf("->");
      if (arrow >= 0) {
        String from = point.substring(0, arrow).trim();
        String to = point.substring(arrow + 2).trim();
        if (LinkTable.directions(from, to, links, null).isEmpty()) {
          throw LinkTable.noDirection(at, point, links);
        }
        point = from + "->" + to;
      } else {
        LinkSettings link = isNode(point, nodes) ? null : linkNamed(point, links);
        if (link != null) {
          point = link.directionName(true); // its a_to_b, as links[NAME] in sweep metrics
        } else {
          point = capturedNode(at, nodes, links).name();
          if (hostsCaptured.contains(point)) {
            continue; // a host captured already
          }
        }
      }
      String file = OutputSettings.captureFile(point);
      String first = files.putIfAbsent(file, "capture " + quote(point));
      if (first != null) {
        throw at.error("its file " + quote(file) + " is " + first + " already");
      }
      points.add(point);
    }
    return outputs.withCapture(points);
  }

  private static boolean isNode(String name, List<NodeSettings> nodes) {
    for (NodeSettings node : nodes) {
      if (node.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The link named {@code name}, or null. */
  private static @Nullable LinkSettings linkNamed(String name, List<LinkSettings> links) {
    for (LinkSettings link : links) {
      if (link.name().equals(name)) {
        return link;
      }
    }
    return null;
  }

  /** The node a capture point names; refused, with the known nodes and links, when none. */
  private static NodeSettings capturedNode(
      ConfigNode at, List<NodeSettings> nodes, List<LinkSettings> links) {
    if (isNode(at.name(), nodes)) {
      return node(at, nodes, false);
    }
    List<String> known = new ArrayList<>();
    for (NodeSettings node : nodes) {
      known.add(node.name());
    }
    List<String> linkNames = new ArrayList<>();
    for (LinkSettings link : links) {
      linkNames.add(link.name());
    }
    throw at.error(
        "no node or link named "
            + quote(at.name())
            + " (nodes: "
            + String.join(", ", known)
            + "; links: "
            + String.join(", ", linkNames)
            + "; or a link direction 'a->b')");
  }

  /**
   * The node {@code at} names (a host, where {@code host}); refused, with the known ones, if none.
   */
  static NodeSettings node(ConfigNode at, List<NodeSettings> nodes, boolean host) {
    String name = at.name();
    for (NodeSettings node : nodes) {
      if (node.name().equals(name)) {
        if (host && node.kind() != NodeSettings.Kind.HOST) {
          throw at.error(quote(name) + " is a router, not a host");
        }
        return node;
      }
    }
    List<String> known = new ArrayList<>();
    for (NodeSettings node : nodes) {
      if (!host || node.kind() == NodeSettings.Kind.HOST) {
        known.add(node.name());
      }
    }
    throw at.error(
        "no "
            + (host ? "host" : "node")
            + " named "
            + quote(name)
            + " (known: "
            + String.join(", ", known)
            + ")");
  }

  /** The name {@code node} gives, which must be one of {@code registry}'s. */
  static String known(ConfigNode node, Registry<?> registry) {
    String name = node.text();
    if (!registry.contains(name)) {
      throw node.error(registry.unknownMessage(quote(name)));
    }
    return name;
  }

  // --- Applications ---------------------------------------------------------------------------

  /** The {@code HOST:PORT} at {@code connect}: a port of one of {@code nodes}' hosts. */
  static ClientTable.Remote remote(ConfigNode connect, List<NodeSettings> nodes) {
    String text = connect.text();
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw connect.error("expected host:port such as server:80; got " + quote(text));
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw connect.error(
          "expected host:port such as server:80; '"
              + text.substring(colon + 1)
              + "' is not a port number");
    }
    if (port < 1 || port > 65535) {
      throw connect.error("port out of range: " + port + " (expected 1 to 65535)");
    }
    String remote = text.substring(0, colon);
    NodeSettings remoteNode = null;
    for (NodeSettings n : nodes) {
      if (n.name().equals(remote) && n.kind() == NodeSettings.Kind.HOST) {
        remoteNode = n;
      }
    }
    if (remoteNode == null) {
      throw connect.error(
          "no host named "
              + quote(remote)
              + " (known: "
              + String.join(
                  ", ",
                  nodes.stream()
                      .filter(n -> n.kind() == NodeSettings.Kind.HOST)
                      .map(NodeSettings::name)
                      .toList())
              + ")");
    }
    return new ClientTable.Remote(remote, port);
  }

  /** The most clients one entry's {@code count} makes. */
  static final int MAX_COUNT = 10_000;

  /**
   * The {@code count} clients of {@code entry}: the i-th (from 1) is named {@code NAME.i}, uses
   * local port {@code localPort + i - 1} when the entry fixes one, and starts at {@code at} plus a
   * draw, uniform in [0, startJitter), from the stream {@code client-start/NAME} of the seed.
   */
  private static List<ClientSettings> count(
      ConfigNode entry, ClientSettings client, RandomStreams streams) {
    Fields f = entry.fields(CLIENT);
    int count = f.has("count") ? (int) f.get("count").integer(1, MAX_COUNT) : 1;
    long jitter = f.has("startJitter") ? f.get("startJitter").duration() : 0;
    if (client.localPort() != 0 && client.localPort() + count - 1 > 65535) {
      throw f.get("localPort")
          .error(
              "with count "
                  + count
                  + " the ports run from "
                  + client.localPort()
                  + " past 65535; start lower");
    }
    long[] starts = starts(client.at(), count, jitter, streams, "client-start/" + client.name());
    List<ClientSettings> made = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      long at = starts[i - 1];
      made.add(
          new ClientSettings(
              client.host(),
              client.remoteHost(),
              client.remotePort(),
              at,
              client.localPort() == 0 ? 0 : client.localPort() + i - 1,
              client.connections(),
              client.pause(),
              client.app(),
              client.requests(),
              client.flows(),
              count == 1 ? client.name() : client.name() + "." + i,
              client.entry()));
    }
    return made;
  }

  /**
   * The starts of {@code count} applications of one entry: {@code at} plus, for each in turn, a
   * draw uniform in [0, jitter) from the random stream {@code stream} of the seed (none for a
   * jitter of 0), so one entry's starts do not change when other entries are added.
   */
  static long[] starts(long at, int count, long jitter, RandomStreams streams, String stream) {
    UniformRandomProvider random = jitter > 0 ? streams.get(stream) : null;
    long[] starts = new long[count];
    for (int i = 0; i < count; i++) {
      starts[i] = at + (random == null ? 0 : random.nextLong(jitter));
    }
    return starts;
  }

  static long positiveDuration(ConfigNode node) {
    long d = node.duration();
    if (d <= 0) {
      throw node.error("must be positive");
    }
    return d;
  }
}
