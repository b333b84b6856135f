package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import netsim.core.Time;
import netsim.net.fault.FaultAction;
import netsim.net.fault.Match;
import netsim.net.fault.Selection;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.AppSettings.Moment;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.config.DirectionSettings.LossSettings;
import netsim.scenario.config.DirectionSettings.QueueSettings;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * Reads a config document into an {@link ExperimentConfig}, once, checking everything: unknown
 * keys, types, ranges and names that point nowhere, each error located in the file. Every value the
 * document leaves out comes from the reference document ({@code reference.yaml}), where every
 * default lives; the document's own {@code defaults} section may change the defaults of its list
 * entries (links, listeners, clients).
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
    "links",
    "changes",
    "partitions",
    "listeners",
    "clients",
    "rules",
    "invariants",
    "outputs",
    "sweep"
  };

  static final String[] TCP = {
    "mss",
    "msl",
    "initialRto",
    "minRto",
    "maxRto",
    "clockGranularity",
    "synRetries",
    "synAckRetries",
    "maxRetries",
    "sendBuffer",
    "receiveBuffer",
    "windowScaling",
    "timestamps",
    "sack",
    "challengeAcks",
    "challengeAckInterval",
    "rfc1337",
    "acceptSynInTimeWait",
    "congestionControl",
    "initialWindow",
    "nagle",
    "delayedAck",
    "delayedAckTimeout",
    "keepalive",
    "keepaliveIdle",
    "keepaliveInterval",
    "keepaliveProbes",
    "counterfactual"
  };
  static final String[] COUNTERFACTUAL = {"twoWayHandshake", "zeroTimeWait"};
  static final String[] DIRECTION = {
    "bandwidth",
    "delay",
    "jitter",
    "jitterDistribution",
    "jitterReorders",
    "queue",
    "loss",
    "duplicate",
    "corrupt",
    "reorder",
    "reorderGap",
    "up"
  };
  static final String[] LINK;
  static final String[] QUEUE = {
    "kind",
    "packets",
    "bytes",
    "min",
    "max",
    "probability",
    "weight",
    "gentle",
    "mode",
    "target",
    "interval"
  };

  /** The parameters of RED and CoDel, passed to sim-net's queue disciplines by name. */
  private static final String[] QUEUE_PARAMETERS = {
    "min", "max", "probability", "weight", "gentle", "mode", "target", "interval"
  };

  static final String[] LOSS = {"model", "p", "r", "1-h", "1-k"};
  static final String[] NODE = {"name", "kind", "address", "tcp", "crashAt", "restartAt"};
  static final String[] APP = {"send", "sendAt", "close", "closeDelay", "closeHow", "abort"};
  static final String[] LISTENER;
  static final String[] CLIENT;
  static final String[] DEFAULTS = {"link", "listener", "client"};
  static final String[] CHANGE = {"at", "link", "direction", "set", "down", "up"};
  static final String[] PARTITION = {"at", "until", "sides"};
  static final String[] RULE = {
    "name",
    "on",
    "link",
    "match",
    "select",
    "action",
    "delay",
    "until",
    "releaseAt",
    "bit",
    "continue"
  };
  static final String[] MATCH = {
    "flags",
    "flagsContain",
    "flagsExclude",
    "seq",
    "ack",
    "dataLength",
    "srcPort",
    "dstPort",
    "src",
    "dst",
    "sender",
    "senderState",
    "from",
    "until"
  };
  static final String[] STOP = {"at", "whenAllClosed"};
  static final String[] INVARIANTS = {"dataIntact", "allClosed", "noEmbryonic"};
  static final String[] OUTPUTS = {
    "trace", "pcap", "summary", "ladder", "ladderMaxSegments", "plots"
  };
  static final String[] ACTIONS = {
    "drop", "delay", "delay-arrival", "hold-until", "hold", "release-at", "duplicate", "corrupt"
  };

  static {
    LINK = concat(new String[] {"name", "a", "b", "a_to_b", "b_to_a"}, DIRECTION);
    LISTENER = concat(new String[] {"host", "port", "backlog", "at"}, APP);
    CLIENT =
        concat(new String[] {"host", "connect", "at", "localPort", "connections", "pause"}, APP);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The defaults of list entries. */
  private record Defaults(
      DirectionSettings link, ListenerSettings listener, ClientSettings client) {}

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
      bound =
          new BoundReference(
              reference, bindReference(reference), defaultsOf(ConfigNode.root(reference), null));
      lastReference = bound;
    }
    return bound;
  }

  /** The reference document bound alone: every key must be present there. */
  static ExperimentConfig bindReference(YamlDocument reference) {
    ConfigNode root = ConfigNode.root(reference);
    return bind(root, null, defaultsOf(root, null));
  }

  private static Defaults defaultsOf(ConfigNode root, Defaults base) {
    Fields f = root.fields(TOP).get("defaults").fields(DEFAULTS);
    if (base == null) {
      f.require("link");
      f.require("listener");
      f.require("client");
    }
    DirectionSettings link =
        f.has("link") || base == null
            ? direction(f.get("link").fields(DIRECTION), base == null ? null : base.link())
            : base.link();
    ListenerSettings listener =
        f.has("listener") || base == null
            ? listenerDefaults(f.get("listener"), base == null ? null : base.listener())
            : base.listener();
    ClientSettings client =
        f.has("client") || base == null
            ? clientDefaults(f.get("client"), base == null ? null : base.client())
            : base.client();
    return new Defaults(link, listener, client);
  }

  private static ExperimentConfig bind(
      ConfigNode root, ExperimentConfig base, Defaults referenceDefaults) {
    Fields top = root.fields(TOP);
    Defaults defaults = base == null ? referenceDefaults : defaultsOf(root, referenceDefaults);
    String name = pick(top, "name", base, ExperimentConfig::name, ConfigNode::newName);
    String description =
        pick(top, "description", base, ExperimentConfig::description, ConfigNode::text);
    long seed =
        pick(
            top,
            "seed",
            base,
            ExperimentConfig::seed,
            n -> n.integer(Long.MIN_VALUE, Long.MAX_VALUE));
    StopSettings stop = stop(top.get("stop"), base == null ? null : base.stop());
    TcpSettings tcp = tcp(top.get("tcp"), base == null ? null : base.tcp());
    InvariantSettings invariants =
        invariants(top.get("invariants"), base == null ? null : base.invariants());
    OutputSettings outputs = outputs(top.get("outputs"), base == null ? null : base.outputs());

    List<NodeSettings> nodes = nodes(top.get("nodes"), tcp);
    List<LinkSettings> links = links(top.get("links"), nodes, defaults.link());
    List<ChangeSettings> changes = changes(top.get("changes"), links);
    List<PartitionSettings> partitions = partitions(top.get("partitions"), nodes);
    List<ListenerSettings> listeners = new ArrayList<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ConfigNode> listenerEntries = top.get("listeners").elements();
    for (int i = 0; i < listenerEntries.size(); i++) {
      ListenerSettings listener = listener(listenerEntries.get(i), defaults.listener(), nodes);
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
    for (ConfigNode entry : top.get("clients").elements()) {
      clients.add(client(entry, defaults.client(), nodes));
    }
    List<RuleSettings> rules = rules(top.get("rules"), nodes, links);
    if (base != null && clients.isEmpty()) {
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
        outputs);
  }

  /** The value of {@code key}: parsed when given (or when there is no base), else the base's. */
  private static <B, T> T pick(
      Fields f, String key, B base, Function<B, T> fromBase, Function<ConfigNode, T> parse) {
    if (f.has(key) || base == null) {
      return parse.apply(f.require(key));
    }
    return fromBase.apply(base);
  }

  // --- Sections -------------------------------------------------------------------------------

  private static StopSettings stop(ConfigNode node, StopSettings base) {
    Fields f = node.fields(STOP);
    return new StopSettings(
        pick(f, "at", base, StopSettings::at, ConfigBinder::positiveDuration),
        pick(f, "whenAllClosed", base, StopSettings::whenAllClosed, ConfigNode::bool));
  }

  private static InvariantSettings invariants(ConfigNode node, InvariantSettings base) {
    Fields f = node.fields(INVARIANTS);
    return new InvariantSettings(
        pick(f, "dataIntact", base, InvariantSettings::dataIntact, ConfigNode::bool),
        pick(f, "allClosed", base, InvariantSettings::allClosed, ConfigNode::bool),
        pick(f, "noEmbryonic", base, InvariantSettings::noEmbryonic, ConfigNode::bool));
  }

  private static OutputSettings outputs(ConfigNode node, OutputSettings base) {
    Fields f = node.fields(OUTPUTS);
    return new OutputSettings(
        pick(f, "trace", base, OutputSettings::trace, ConfigNode::bool),
        pick(f, "pcap", base, OutputSettings::pcap, ConfigNode::bool),
        pick(f, "summary", base, OutputSettings::summary, ConfigNode::bool),
        pick(f, "ladder", base, OutputSettings::ladder, ConfigNode::bool),
        pick(
            f,
            "ladderMaxSegments",
            base,
            OutputSettings::ladderMaxSegments,
            n -> (int) n.integer(1, 100_000)),
        pick(f, "plots", base, OutputSettings::plots, ConfigNode::bool));
  }

  static TcpSettings tcp(ConfigNode node, TcpSettings base) {
    Fields f = node.fields(TCP);
    int mss = pick(f, "mss", base, TcpSettings::mss, n -> (int) n.integer(64, 65495));
    long msl = pick(f, "msl", base, TcpSettings::msl, ConfigNode::duration);
    long initialRto =
        pick(f, "initialRto", base, TcpSettings::initialRto, ConfigBinder::positiveDuration);
    long minRto = pick(f, "minRto", base, TcpSettings::minRto, ConfigBinder::positiveDuration);
    long maxRto = pick(f, "maxRto", base, TcpSettings::maxRto, ConfigBinder::positiveDuration);
    if (maxRto < minRto) {
      throw (f.has("maxRto") ? f.get("maxRto") : f.node())
          .error("maxRto " + Time.format(maxRto) + " is below minRto " + Time.format(minRto));
    }
    long granularity =
        pick(f, "clockGranularity", base, TcpSettings::clockGranularity, ConfigNode::duration);
    int synRetries =
        pick(f, "synRetries", base, TcpSettings::synRetries, n -> (int) n.integer(0, 255));
    int synAckRetries =
        pick(f, "synAckRetries", base, TcpSettings::synAckRetries, n -> (int) n.integer(0, 255));
    int maxRetries =
        pick(f, "maxRetries", base, TcpSettings::maxRetries, n -> (int) n.integer(0, 255));
    long sendBuffer =
        pick(f, "sendBuffer", base, TcpSettings::sendBuffer, n -> n.size(1, 1L << 30));
    boolean windowScaling =
        pick(f, "windowScaling", base, TcpSettings::windowScaling, ConfigNode::bool);
    long receiveBuffer =
        pick(f, "receiveBuffer", base, TcpSettings::receiveBuffer, n -> n.size(1, 1L << 30));
    if (!windowScaling && receiveBuffer > 0xFFFF) {
      throw (f.has("receiveBuffer") ? f.get("receiveBuffer") : f.node())
          .error(
              "a receive buffer of "
                  + receiveBuffer
                  + " bytes needs windowScaling: true"
                  + " (at most 65535 bytes without it)");
    }
    boolean timestamps = pick(f, "timestamps", base, TcpSettings::timestamps, ConfigNode::bool);
    boolean sack = pick(f, "sack", base, TcpSettings::sack, ConfigNode::bool);
    boolean challengeAcks =
        pick(f, "challengeAcks", base, TcpSettings::challengeAcks, ConfigNode::bool);
    long challengeAckInterval =
        pick(
            f,
            "challengeAckInterval",
            base,
            TcpSettings::challengeAckInterval,
            ConfigNode::duration);
    boolean rfc1337 = pick(f, "rfc1337", base, TcpSettings::rfc1337, ConfigNode::bool);
    boolean acceptSyn =
        pick(f, "acceptSynInTimeWait", base, TcpSettings::acceptSynInTimeWait, ConfigNode::bool);
    String congestionControl =
        pick(
            f,
            "congestionControl",
            base,
            TcpSettings::congestionControl,
            n -> {
              String name = n.text();
              if (!netsim.tcp.CongestionControls.NAMES.contains(name)) {
                throw n.error(
                    "unknown congestion control "
                        + quote(name)
                        + " (known: "
                        + String.join(", ", netsim.tcp.CongestionControls.NAMES)
                        + ")");
              }
              return name;
            });
    int initialWindow =
        pick(f, "initialWindow", base, TcpSettings::initialWindow, n -> (int) n.integer(0, 1000));
    boolean nagle = pick(f, "nagle", base, TcpSettings::nagle, ConfigNode::bool);
    boolean delayedAck = pick(f, "delayedAck", base, TcpSettings::delayedAck, ConfigNode::bool);
    long delayedAckTimeout =
        pick(
            f,
            "delayedAckTimeout",
            base,
            TcpSettings::delayedAckTimeout,
            ConfigBinder::positiveDuration);
    boolean keepalive = pick(f, "keepalive", base, TcpSettings::keepalive, ConfigNode::bool);
    long keepaliveIdle =
        pick(f, "keepaliveIdle", base, TcpSettings::keepaliveIdle, ConfigBinder::positiveDuration);
    long keepaliveInterval =
        pick(
            f,
            "keepaliveInterval",
            base,
            TcpSettings::keepaliveInterval,
            ConfigBinder::positiveDuration);
    int keepaliveProbes =
        pick(
            f, "keepaliveProbes", base, TcpSettings::keepaliveProbes, n -> (int) n.integer(1, 255));
    Fields cf = f.get("counterfactual").fields(COUNTERFACTUAL);
    TcpSettings.Counterfactual cbase = base == null ? null : base.counterfactual();
    TcpSettings.Counterfactual counterfactual =
        new TcpSettings.Counterfactual(
            pick(
                cf,
                "twoWayHandshake",
                cbase,
                TcpSettings.Counterfactual::twoWayHandshake,
                ConfigNode::bool),
            pick(
                cf,
                "zeroTimeWait",
                cbase,
                TcpSettings.Counterfactual::zeroTimeWait,
                ConfigNode::bool));
    String rto =
        "below 1ms, an RTO retransmits every segment whose round trip takes longer,"
            + " before its ACK can arrive (RFC 6298 2.4 asks for at least 1s; Linux uses 200ms)";
    warnBelow(f, initialRto, Time.MILLISECOND, rto, "initialRto");
    warnBelow(f, minRto, Time.MILLISECOND, rto, "minRto");
    warnBelow(
        f,
        granularity,
        Time.MICROSECOND,
        "a clock granularity below 1us is finer than"
            + " any TCP's timers (Linux and FreeBSD tick in 1ms): the RTO may fall to the round trip"
            + " itself (RFC 6298 2.3)",
        "clockGranularity");
    warnBelow(
        f,
        sendBuffer,
        mss,
        "a send buffer smaller than one segment (mss "
            + mss
            + "): no"
            + " segment carries more than "
            + sendBuffer
            + " bytes",
        "sendBuffer",
        "mss");
    warnBelow(
        f,
        receiveBuffer,
        mss,
        "a receive buffer smaller than one segment (mss "
            + mss
            + "): the peer sends at most "
            + receiveBuffer
            + " bytes per window",
        "receiveBuffer",
        "mss");
    if (msl == 0 && !counterfactual.zeroTimeWait()) {
      throw (f.has("msl") ? f.get("msl") : f.node())
          .error(
              "an MSL of 0 takes TIME-WAIT away,"
                  + " which is the counterfactual tcp.counterfactual.zeroTimeWait: set that to run it"
                  + " labelled COUNTERFACTUAL, or give a positive MSL (RFC 9293: 2min; Linux's"
                  + " TIME-WAIT of 60s is an MSL of 30s)");
    }
    return new TcpSettings(
        mss,
        msl,
        initialRto,
        minRto,
        maxRto,
        granularity,
        synRetries,
        synAckRetries,
        maxRetries,
        sendBuffer,
        receiveBuffer,
        windowScaling,
        timestamps,
        sack,
        challengeAcks,
        challengeAckInterval,
        rfc1337,
        acceptSyn,
        congestionControl,
        initialWindow,
        nagle,
        delayedAck,
        delayedAckTimeout,
        keepalive,
        keepaliveIdle,
        keepaliveInterval,
        keepaliveProbes,
        counterfactual);
  }

  /**
   * A warning when {@code value} is below {@code least} and one of {@code keys} was given here (a
   * value inherited was warned about where it was given), at the first key given.
   */
  private static void warnBelow(Fields f, long value, long least, String why, String... keys) {
    if (value >= least) {
      return;
    }
    for (String key : keys) {
      if (f.has(key)) {
        f.get(key).warn(why);
        return;
      }
    }
  }

  private static List<NodeSettings> nodes(ConfigNode list, TcpSettings tcp) {
    List<NodeSettings> nodes = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    for (ConfigNode entry : list.elements()) {
      Fields f = entry.fields(NODE);
      String name = f.require("name").newName();
      if (!names.add(name)) {
        throw f.get("name").error("duplicate node name " + quote(name));
      }
      NodeSettings.Kind kind = NodeSettings.Kind.HOST;
      if (f.has("kind")) {
        String text = f.get("kind").text();
        switch (text) {
          case "host" -> kind = NodeSettings.Kind.HOST;
          case "router" -> kind = NodeSettings.Kind.ROUTER;
          default ->
              throw f.get("kind").error("unknown node kind '" + text + "' (known: host, router)");
        }
      }
      String address = null;
      TcpSettings hostTcp = tcp;
      if (kind == NodeSettings.Kind.HOST) {
        ConfigNode a = f.require("address");
        address = a.text();
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
        String previous = addresses.putIfAbsent(parsed.toString(), name);
        if (previous != null) {
          throw a.error("address " + address + " is already taken by node " + quote(previous));
        }
        if (f.has("tcp")) {
          hostTcp = tcp(f.get("tcp"), tcp);
        }
      } else {
        for (String key : new String[] {"address", "tcp", "crashAt", "restartAt"}) {
          if (f.has(key)) {
            throw f.get(key).error("a router has no " + key);
          }
        }
      }
      long crashAt = f.has("crashAt") ? f.get("crashAt").duration() : -1;
      long restartAt = f.has("restartAt") ? f.get("restartAt").duration() : -1;
      if (restartAt >= 0 && (crashAt < 0 || restartAt < crashAt)) {
        throw f.get("restartAt").error("restartAt needs a crashAt at or before it");
      }
      nodes.add(new NodeSettings(name, kind, address, hostTcp, crashAt, restartAt));
    }
    return nodes;
  }

  /**
   * Why {@code address} cannot be a TCP host's own address (RFC 1122 3.2.1.3: the source of a
   * datagram must be a unicast address of the host), or null when it can.
   */
  private static String unusable(Ipv4Address address) {
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

  private static NodeSettings node(ConfigNode at, List<NodeSettings> nodes, boolean host) {
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

  private static List<LinkSettings> links(
      ConfigNode list, List<NodeSettings> nodes, DirectionSettings defaults) {
    List<LinkSettings> links = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (ConfigNode entry : list.elements()) {
      Fields f = entry.fields(LINK);
      String a = node(f.require("a"), nodes, false).name();
      String b = node(f.require("b"), nodes, false).name();
      if (a.equals(b)) {
        throw f.get("b").error("a link needs two different nodes; got " + quote(a) + " twice");
      }
      String name = f.has("name") ? f.get("name").newName() : a + "-" + b;
      if (!names.add(name)) {
        throw (f.has("name") ? f.get("name") : entry)
            .error("duplicate link name '" + name + "' (give the link a name of its own)");
      }
      DirectionSettings both = direction(f, defaults);
      DirectionSettings aToB =
          f.has("a_to_b") ? direction(f.get("a_to_b").fields(DIRECTION), both) : both;
      DirectionSettings bToA =
          f.has("b_to_a") ? direction(f.get("b_to_a").fields(DIRECTION), both) : both;
      links.add(new LinkSettings(name, a, b, aToB, bToA));
    }
    return links;
  }

  static DirectionSettings direction(Fields f, DirectionSettings base) {
    long bandwidth = pick(f, "bandwidth", base, DirectionSettings::bandwidth, ConfigNode::rate);
    long delay = pick(f, "delay", base, DirectionSettings::delay, ConfigNode::duration);
    long jitter = pick(f, "jitter", base, DirectionSettings::jitter, ConfigNode::duration);
    String distribution =
        pick(
            f,
            "jitterDistribution",
            base,
            DirectionSettings::jitterDistribution,
            n -> known(n, LinkConfigs.JITTER_DISTRIBUTIONS));
    boolean jitterReorders =
        pick(f, "jitterReorders", base, DirectionSettings::jitterReorders, ConfigNode::bool);
    QueueSettings queue =
        f.has("queue") || base == null
            ? queue(f.require("queue"), base == null ? null : base.queue())
            : base.queue();
    LossSettings loss = f.has("loss") || base == null ? loss(f.require("loss")) : base.loss();
    double duplicate =
        pick(f, "duplicate", base, DirectionSettings::duplicate, ConfigNode::probability);
    double corrupt = pick(f, "corrupt", base, DirectionSettings::corrupt, ConfigNode::probability);
    double reorder = pick(f, "reorder", base, DirectionSettings::reorder, ConfigNode::probability);
    int reorderGap =
        pick(
            f,
            "reorderGap",
            base,
            DirectionSettings::reorderGap,
            n -> (int) n.integer(0, Integer.MAX_VALUE));
    boolean up = pick(f, "up", base, DirectionSettings::up, ConfigNode::bool);
    DirectionSettings settings =
        new DirectionSettings(
            bandwidth,
            delay,
            jitter,
            distribution,
            jitterReorders,
            queue,
            loss,
            duplicate,
            corrupt,
            reorder,
            reorderGap,
            up);
    try {
      LinkConfigs.of(settings); // sim-net's own checks, reported here with the location
    } catch (IllegalArgumentException e) {
      throw (f.has("loss") ? f.get("loss") : f.node()).error(e.getMessage());
    }
    return settings;
  }

  private static String known(ConfigNode node, Registry<?> registry) {
    String name = node.text();
    try {
      registry.get(name);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
    return name;
  }

  private static QueueSettings queue(ConfigNode node, QueueSettings base) {
    Fields f = node.fields(QUEUE);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (base != null) {
      parameters.putAll(base.parameters());
    }
    for (String key : QUEUE_PARAMETERS) {
      if (f.has(key)) {
        ConfigNode value = f.get(key);
        switch (key) {
          // CoDel's times, and RED's numbers: within the bounds of every duration and number
          // (sim-net would read "Infinity" or "0x1p3" as a double).
          case "target", "interval" -> value.duration();
          case "min", "max", "probability", "weight" -> value.decimal();
          default -> {}
        }
        parameters.put(key, value.text());
      }
    }
    QueueSettings queue =
        new QueueSettings(
            pick(f, "kind", base, QueueSettings::kind, n -> known(n, LinkConfigs.QUEUES)),
            pick(f, "packets", base, QueueSettings::packets, n -> (int) n.integer(1, 1_000_000)),
            pick(f, "bytes", base, QueueSettings::bytes, n -> n.size(0, 1L << 40)),
            parameters);
    try {
      LinkConfigs.QUEUES.get(queue.kind()).apply(queue);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
    return queue;
  }

  /** A number is Bernoulli loss; a mapping names the model and its parameters. */
  private static LossSettings loss(ConfigNode node) {
    if (!node.isMapping()) {
      if (node.isNumber() || node.text().trim().endsWith("%")) {
        double p = node.probability();
        return p == 0 ? LossSettings.NONE : new LossSettings("bernoulli", p, 0, 0, 0);
      }
      throw node.error(
          "expected a loss probability such as 0.01 or a mapping such as"
              + " {model: gilbert-elliott, p: 0.01, r: 0.3}; got "
              + node.describe());
    }
    Fields f = node.fields(LOSS);
    String model = f.has("model") ? known(f.get("model"), LinkConfigs.LOSS_MODELS) : "bernoulli";
    switch (model) {
      case "none":
        return LossSettings.NONE;
      case "bernoulli":
        for (String key : new String[] {"r", "1-h", "1-k"}) {
          if (f.has(key)) {
            throw f.get(key).error("bernoulli loss takes only p");
          }
        }
        return new LossSettings(model, f.require("p").probability(), 0, 0, 0);
      default:
        double p = f.require("p").probability();
        return new LossSettings(
            model,
            p,
            f.has("r") ? f.get("r").probability() : 1 - p,
            f.has("1-h") ? f.get("1-h").probability() : 1,
            f.has("1-k") ? f.get("1-k").probability() : 0);
    }
  }

  private static List<ChangeSettings> changes(ConfigNode list, List<LinkSettings> links) {
    record Pending(long at, int index, ConfigNode node) {}
    List<Pending> pending = new ArrayList<>();
    List<ConfigNode> entries = list.elements();
    for (int i = 0; i < entries.size(); i++) {
      Fields f = entries.get(i).fields(CHANGE);
      pending.add(new Pending(f.require("at").duration(), i, entries.get(i)));
    }
    pending.sort(Comparator.comparingLong(Pending::at).thenComparingInt(Pending::index));
    Map<String, DirectionSettings> current = new LinkedHashMap<>();
    for (LinkSettings link : links) {
      current.put(link.name() + "/a_to_b", link.aToB());
      current.put(link.name() + "/b_to_a", link.bToA());
    }
    List<ChangeSettings> changes = new ArrayList<>();
    for (Pending p : pending) {
      Fields f = p.node().fields(CHANGE);
      ConfigNode linkNode = f.require("link");
      String linkName = linkNode.name();
      if (links.stream().noneMatch(l -> l.name().equals(linkName))) {
        throw linkNode.error(
            "no link named "
                + quote(linkName)
                + " (known: "
                + String.join(", ", links.stream().map(LinkSettings::name).toList())
                + ")");
      }
      String direction = f.has("direction") ? f.get("direction").text() : "both";
      List<String> directions =
          switch (direction) {
            case "both" -> List.of("a_to_b", "b_to_a");
            case "a_to_b", "b_to_a" -> List.of(direction);
            default ->
                throw f.get("direction")
                    .error("unknown direction '" + direction + "' (known: both, a_to_b, b_to_a)");
          };
      int given = (f.has("set") ? 1 : 0) + (f.has("down") ? 1 : 0) + (f.has("up") ? 1 : 0);
      if (given != 1) {
        throw p.node().error("a change needs exactly one of set, down, up");
      }
      for (String d : directions) {
        String key = linkName + "/" + d;
        DirectionSettings next;
        if (f.has("set")) {
          next = direction(f.get("set").fields(DIRECTION), current.get(key));
        } else if (f.has("down")) {
          next = current.get(key).withUp(!f.get("down").bool());
        } else {
          next = current.get(key).withUp(f.get("up").bool());
        }
        current.put(key, next);
        changes.add(new ChangeSettings(p.at(), linkName, d.equals("a_to_b"), next));
      }
    }
    return changes;
  }

  private static List<PartitionSettings> partitions(ConfigNode list, List<NodeSettings> nodes) {
    List<PartitionSettings> partitions = new ArrayList<>();
    for (ConfigNode entry : list.elements()) {
      Fields f = entry.fields(PARTITION);
      long at = f.require("at").duration();
      long until = f.has("until") ? f.get("until").duration() : -1;
      if (until >= 0 && until <= at) {
        throw f.get("until").error("until must come after at");
      }
      List<List<String>> sides = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      List<ConfigNode> sideNodes = f.require("sides").elements();
      if (sideNodes.size() < 2) {
        throw f.get("sides")
            .error("a partition needs at least two sides, e.g. [[client]," + " [server]]");
      }
      for (ConfigNode side : sideNodes) {
        List<String> names = new ArrayList<>();
        for (ConfigNode member : side.elements()) {
          String name = node(member, nodes, false).name();
          if (!seen.add(name)) {
            throw member.error("node " + quote(name) + " is on two sides");
          }
          names.add(name);
        }
        sides.add(List.copyOf(names));
      }
      partitions.add(new PartitionSettings(at, until, List.copyOf(sides)));
    }
    return partitions;
  }

  // --- Applications ---------------------------------------------------------------------------

  private static AppSettings app(Fields f, AppSettings base) {
    long send = pick(f, "send", base, AppSettings::send, n -> n.size(0, 1L << 40));
    Moment sendAt =
        pick(
            f,
            "sendAt",
            base,
            AppSettings::sendAt,
            n -> {
              Moment m = moment(n);
              if (m.kind() != Moment.Kind.AT && m.kind() != Moment.Kind.AFTER) {
                throw n.error(
                    "expected a time such as \"2s\" or a time after the connection is"
                        + " established such as \"+500ms\"; got "
                        + quote(n.text()));
              }
              return m;
            });
    Moment close = pick(f, "close", base, AppSettings::close, ConfigBinder::moment);
    long closeDelay = pick(f, "closeDelay", base, AppSettings::closeDelay, ConfigNode::duration);
    String closeHow =
        pick(
            f,
            "closeHow",
            base,
            AppSettings::closeHow,
            n -> {
              String text = n.text();
              if (!text.equals("close") && !text.equals("shutdown")) {
                throw n.error("unknown closeHow " + quote(text) + " (known: close, shutdown)");
              }
              return text;
            });
    Moment abort = pick(f, "abort", base, AppSettings::abort, ConfigBinder::moment);
    return new AppSettings(send, sendAt, close, closeDelay, closeHow, abort);
  }

  /** done, eof, never, an absolute time ("2s") or a time after establishment ("+500ms"). */
  static Moment moment(ConfigNode node) {
    String text = node.text().trim();
    switch (text) {
      case "done":
        return new Moment(Moment.Kind.DONE, 0);
      case "eof":
        return new Moment(Moment.Kind.EOF, 0);
      case "never":
        return Moment.NEVER_MOMENT;
      default:
        boolean after = text.startsWith("+");
        try {
          return new Moment(
              after ? Moment.Kind.AFTER : Moment.Kind.AT,
              node.duration(after ? text.substring(1) : text));
        } catch (ConfigException e) {
          if (e.problem().startsWith("out of range")) {
            throw e;
          }
          throw node.error(
              "expected done, eof, never, a time such as \"2s\" or a time after"
                  + " the connection is established such as \"+500ms\"; got "
                  + quote(text));
        }
    }
  }

  private static ListenerSettings listenerDefaults(ConfigNode node, ListenerSettings base) {
    Fields f = node.fields("backlog", "send", "sendAt", "close", "closeDelay", "closeHow", "abort");
    int backlog =
        pick(f, "backlog", base, ListenerSettings::backlog, n -> (int) n.integer(1, 65535));
    return new ListenerSettings(null, 0, backlog, 0, app(f, base == null ? null : base.app()));
  }

  private static ClientSettings clientDefaults(ConfigNode node, ClientSettings base) {
    Fields f =
        node.fields(
            "connections", "pause", "send", "sendAt", "close", "closeDelay", "closeHow", "abort");
    int connections =
        pick(f, "connections", base, ClientSettings::connections, n -> (int) n.integer(1, 100_000));
    long pause = pick(f, "pause", base, ClientSettings::pause, ConfigNode::duration);
    return new ClientSettings(
        null, null, 0, 0, 0, connections, pause, app(f, base == null ? null : base.app()));
  }

  private static ListenerSettings listener(
      ConfigNode entry, ListenerSettings defaults, List<NodeSettings> nodes) {
    Fields f = entry.fields(LISTENER);
    String host = node(f.require("host"), nodes, true).name();
    int port = (int) f.require("port").integer(1, 65535);
    int backlog = f.has("backlog") ? (int) f.get("backlog").integer(1, 65535) : defaults.backlog();
    long at = f.has("at") ? f.get("at").duration() : 0;
    return new ListenerSettings(host, port, backlog, at, app(f, defaults.app()));
  }

  private static ClientSettings client(
      ConfigNode entry, ClientSettings defaults, List<NodeSettings> nodes) {
    Fields f = entry.fields(CLIENT);
    String host = node(f.require("host"), nodes, true).name();
    ConfigNode connect = f.require("connect");
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
    if (remote.equals(host)) {
      throw connect.error("a client cannot connect to its own host " + quote(host));
    }
    long at = f.has("at") ? f.get("at").duration() : 0;
    int localPort = f.has("localPort") ? (int) f.get("localPort").integer(1, 65535) : 0;
    int connections =
        f.has("connections")
            ? (int) f.get("connections").integer(1, 100_000)
            : defaults.connections();
    long pause = f.has("pause") ? f.get("pause").duration() : defaults.pause();
    return new ClientSettings(
        host, remote, port, at, localPort, connections, pause, app(f, defaults.app()));
  }

  // --- Fault rules ----------------------------------------------------------------------------

  private static List<RuleSettings> rules(
      ConfigNode list, List<NodeSettings> nodes, List<LinkSettings> links) {
    List<RuleSettings> rules = new ArrayList<>();
    for (ConfigNode entry : list.elements()) {
      rules.add(rule(entry, nodes, links));
    }
    return rules;
  }

  private static RuleSettings rule(
      ConfigNode entry, List<NodeSettings> nodes, List<LinkSettings> links) {
    Fields f = entry.fields(RULE);
    String name = f.has("name") ? f.get("name").newName() : null;
    ConfigNode onNode = f.require("on");
    String on = onNode.text().trim();
    String linkName = null;
    boolean aToB = false;
    String nodeName = null;
    int arrow = on.indexOf("->");
    if (arrow >= 0) {
      String from = on.substring(0, arrow).trim();
      String to = on.substring(arrow + 2).trim();
      List<String> candidates = new ArrayList<>();
      for (LinkSettings link : links) {
        boolean forward = link.a().equals(from) && link.b().equals(to);
        boolean backward = link.b().equals(from) && link.a().equals(to);
        if ((forward || backward) && (!f.has("link") || link.name().equals(f.get("link").text()))) {
          candidates.add(link.name());
          linkName = link.name();
          aToB = forward;
        }
      }
      if (candidates.isEmpty()) {
        List<String> known = new ArrayList<>();
        for (LinkSettings link : links) {
          known.add(link.directionName(true));
          known.add(link.directionName(false));
        }
        throw onNode.error(
            "no link direction " + quote(on) + " (known: " + String.join(", ", known) + ")");
      }
      if (candidates.size() > 1) {
        throw onNode.error(
            quote(on)
                + " is ambiguous: links "
                + String.join(", ", candidates)
                + " join these nodes; name one with link:");
      }
      on = from + "->" + to;
    } else {
      nodeName = node(onNode, nodes, false).name();
      if (f.has("link")) {
        throw f.get("link").error("link: only goes with a link direction in on: (\"a->b\")");
      }
    }
    Match match = match(f.get("match"), nodes);
    Selection selection = f.has("select") ? selection(f.get("select")) : Selection.every();
    ConfigNode actionNode = f.require("action");
    String verb = actionNode.text();
    FaultAction action;
    long releaseAt = -1;
    switch (verb) {
      case "drop" -> action = FaultAction.drop();
      case "delay" -> {
        long by = f.require("delay").duration();
        if (by == 0) {
          throw f.get("delay").error("a delay must be positive");
        }
        action = FaultAction.delay(by);
      }
      case "delay-arrival" -> {
        long by = f.require("delay").duration();
        if (by == 0) {
          throw f.get("delay").error("a delay must be positive");
        }
        action = FaultAction.delayArrival(by);
      }
      case "hold-until" -> action = FaultAction.holdUntil(f.require("until").duration());
      case "hold" -> {
        action = FaultAction.hold();
        releaseAt = f.has("releaseAt") ? f.get("releaseAt").duration() : -1;
      }
      case "release-at" -> {
        action = FaultAction.hold();
        releaseAt = f.require("releaseAt").duration();
      }
      case "duplicate" -> action = FaultAction.duplicate();
      case "corrupt" ->
          action =
              f.has("bit")
                  ? FaultAction.corruptBit((int) f.get("bit").integer(0, 65535 * 8))
                  : FaultAction.corrupt();
      default ->
          throw actionNode.error(
              "unknown action " + quote(verb) + " (known: " + String.join(", ", ACTIONS) + ")");
    }
    checkOnlyFor(f, "delay", verb, "delay", "delay-arrival");
    checkOnlyFor(f, "until", verb, "hold-until");
    checkOnlyFor(f, "releaseAt", verb, "hold", "release-at");
    checkOnlyFor(f, "bit", verb, "corrupt");
    boolean continues = f.has("continue") && f.get("continue").bool();
    if (continues && verb.equals("drop")) {
      throw f.get("continue").error("a dropped packet cannot continue to the later rules");
    }
    return new RuleSettings(
        name, on, linkName, aToB, nodeName, match, selection, action, releaseAt, continues);
  }

  private static void checkOnlyFor(Fields f, String key, String verb, String... verbs) {
    if (f.has(key) && !List.of(verbs).contains(verb)) {
      throw f.get(key)
          .error(key + " goes only with action " + String.join(" or ", verbs) + ", not " + verb);
    }
  }

  /** "every", "nth N" or "first K". */
  private static Selection selection(ConfigNode node) {
    String text = node.text().trim().toLowerCase(Locale.ROOT);
    String[] parts = text.split("\\s+");
    try {
      if (parts.length == 1 && parts[0].equals("every")) {
        return Selection.every();
      }
      if (parts.length == 2 && parts[0].equals("nth")) {
        return Selection.nth(Long.parseLong(parts[1]));
      }
      if (parts.length == 2 && parts[0].equals("first")) {
        return Selection.first(Long.parseLong(parts[1]));
      }
    } catch (IllegalArgumentException e) {
      throw node.error(
          "expected every, \"nth N\" or \"first K\" with N, K at least 1; got '"
              + node.text()
              + "'");
    }
    throw node.error("expected every, \"nth N\" or \"first K\"; got " + quote(node.text()));
  }

  private static Match match(ConfigNode node, List<NodeSettings> nodes) {
    Fields f = node.fields(MATCH);
    Match.Builder m = Match.builder();
    try {
      if (f.has("flags")) {
        m.flags(flags(f.get("flags")));
      }
      if (f.has("flagsContain")) {
        m.flagsContain(nonZero(f.get("flagsContain")));
      }
      if (f.has("flagsExclude")) {
        m.flagsExclude(nonZero(f.get("flagsExclude")));
      }
      if (f.has("seq")) {
        m.sequenceNumber(f.get("seq").integer(0, 0xFFFF_FFFFL));
      }
      if (f.has("ack")) {
        m.acknowledgmentNumber(f.get("ack").integer(0, 0xFFFF_FFFFL));
      }
      if (f.has("dataLength")) {
        ConfigNode length = f.get("dataLength");
        if (length.isMapping()) {
          Fields range = length.fields("min", "max");
          long min = range.has("min") ? range.get("min").integer(0, Integer.MAX_VALUE) : 0;
          long max =
              range.has("max") ? range.get("max").integer(0, Integer.MAX_VALUE) : Integer.MAX_VALUE;
          if (max < min) {
            throw length.error("empty range: min " + min + " > max " + max);
          }
          m.dataLength((int) min, (int) max);
        } else {
          m.dataLength((int) length.integer(0, Integer.MAX_VALUE));
        }
      }
      if (f.has("srcPort")) {
        m.sourcePort((int) f.get("srcPort").integer(0, 65535));
      }
      if (f.has("dstPort")) {
        m.destinationPort((int) f.get("dstPort").integer(0, 65535));
      }
      if (f.has("src")) {
        m.source(address(f.get("src")));
      }
      if (f.has("dst")) {
        m.destination(address(f.get("dst")));
      }
      if (f.has("sender")) {
        m.senderNode(node(f.get("sender"), nodes, true).name());
      }
      if (f.has("senderState")) {
        ConfigNode state = f.get("senderState");
        String text = state.text();
        try {
          TcpState.valueOf(text);
        } catch (IllegalArgumentException e) {
          List<String> known = new ArrayList<>();
          for (TcpState s : TcpState.values()) {
            known.add(s.name());
          }
          throw state.error(
              "unknown TCP state " + quote(text) + " (known: " + String.join(", ", known) + ")");
        }
        m.senderState(text);
      }
      long from = f.has("from") ? f.get("from").duration() : 0;
      long until = f.has("until") ? f.get("until").duration() : Long.MAX_VALUE;
      if (until <= from) {
        throw f.get("until").error("empty time window: until must come after from");
      }
      if (from != 0 || until != Long.MAX_VALUE) {
        m.during(from, until);
      }
      return m.build();
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static int flags(ConfigNode node) {
    try {
      return TcpFlags.parse(node.text());
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static int nonZero(ConfigNode node) {
    int flags = flags(node);
    if (flags == 0) {
      throw node.error("expected at least one flag such as \"ACK\" or \"SYN|ACK\"");
    }
    return flags;
  }

  private static Ipv4Address address(ConfigNode node) {
    try {
      return Ipv4Address.parse(node.text());
    } catch (IllegalArgumentException e) {
      throw node.error("expected an IPv4 address such as 10.0.0.1; got " + quote(node.text()));
    }
  }

  private static long positiveDuration(ConfigNode node) {
    long d = node.duration();
    if (d <= 0) {
      throw node.error("must be positive");
    }
    return d;
  }
}
