package netsim.scenario.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.StopReason;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.PacketTap;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.Link;
import netsim.net.link.LinkDecisions;
import netsim.net.link.LinkDirection;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.config.ChangeSettings;
import netsim.scenario.config.ClientSettings;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;
import netsim.scenario.config.ListenerSettings;
import netsim.scenario.config.NodeSettings;
import netsim.scenario.config.PartitionSettings;
import netsim.scenario.config.RuleSettings;
import netsim.scenario.config.UdpSinkSettings;
import netsim.scenario.config.UdpSourceSettings;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.LinkChange;
import netsim.scenario.trace.RunIndex;
import netsim.tcp.Endpoint;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpStack;
import netsim.udp.UdpStack;

/**
 * One run of an experiment: builds the network, TCP stacks, applications, fault rules and scheduled
 * changes from an {@link ExperimentConfig}, runs the simulation to its stop condition and returns
 * what happened. Deterministic: the same config and seed give the same result.
 */
public final class Experiment {
  private final ExperimentConfig config;
  private final Simulator simulator = new Simulator();
  private final Network network;
  private final RunIndex index = new RunIndex();
  private final Recorder recorder = new Recorder(index);
  private final ConnectionLog connectionLog = new ConnectionLog();
  private final Map<String, TcpObserver> observers = new LinkedHashMap<>();
  private final Activity activity = new Activity(simulator);
  private final Map<String, TcpStack> stacks = new LinkedHashMap<>();
  private final Map<String, Link> links = new LinkedHashMap<>();
  private final List<ClientApp> clients = new ArrayList<>();
  private final List<FlowClientApp> flowClients = new ArrayList<>();
  private final PendingRequests pending = new PendingRequests();
  private final List<ServerApp> servers = new ArrayList<>();
  private final List<AppRecord> records = new ArrayList<>();
  private final List<FaultChain> chains = new ArrayList<>();
  private final Map<String, UdpStack> udpStacks = new LinkedHashMap<>();
  private final List<UdpSourceApp> udpSources = new ArrayList<>();
  private final List<DatagramFlow> datagramFlows = new ArrayList<>();

  /**
   * Builds the run; {@code sinks} receive its events as they happen, from the first (a listener's
   * OPEN while the run is built) to the last. The run keeps no list of its events, so its memory
   * does not grow with its length: what is made of them is made by the sinks.
   */
  public Experiment(ExperimentConfig config, EventSink... sinks) {
    this.config = config;
    this.network = new Network(simulator, new RandomStreams(config.seed()));
    recorder.add(connectionLog);
    for (EventSink sink : sinks) {
      recorder.add(sink);
    }
    recorder.start();
    build();
  }

  private void build() {
    network.addObserver(recorder);
    for (NodeSettings node : config.nodes()) {
      if (node.kind() == NodeSettings.Kind.HOST) {
        Host host = network.addHost(node.name(), Ipv4Address.parse(node.address()));
        index.nodes().put(host.id(), host.name());
        TcpStack stack = TcpStack.install(host, node.tcp());
        TcpObserver observer = recorder.tcp(host.id());
        stack.addObserver(observer);
        stacks.put(node.name(), stack);
        observers.put(node.name(), observer);
      } else {
        Node router = network.addRouter(node.name());
        index.nodes().put(router.id(), router.name());
      }
    }
    for (LinkSettings link : config.links()) {
      Link built =
          network.connect(
              link.name(),
              network.node(link.a()),
              network.node(link.b()),
              link.aToB(),
              link.bToA());
      links.put(link.name(), built);
      index.links().put(built.aToB().id(), built.aToB().name());
      index.links().put(built.bToA().id(), built.bToA().name());
    }
    network.computeRoutes();
    for (RuleSettings rule : config.rules()) {
      FaultChain chain =
          rule.node() != null
              ? network.node(rule.node()).faults()
              : direction(rule.link(), rule.aToB()).faults();
      FaultRule built =
          FaultRule.of(
              rule.name(), rule.match(), rule.selection(), rule.action(), rule.continues());
      chain.add(built);
      if (!chains.contains(chain)) {
        chains.add(chain);
      }
      if (rule.releaseAt() >= 0) {
        simulator.scheduleAt(rule.releaseAt(), built::release);
      }
    }
    for (ChangeSettings change : config.changes()) {
      LinkDirection direction = direction(change.link(), change.aToB());
      simulator.scheduleAt(
          change.at(),
          () -> {
            boolean wasUp = direction.isUp();
            direction.reconfigure(change.settings());
            LinkChange what =
                wasUp && !direction.isUp()
                    ? LinkChange.DOWN
                    : !wasUp && direction.isUp() ? LinkChange.UP : LinkChange.SET;
            recorder.linkChanged(simulator.now(), direction, what);
          });
    }
    for (PartitionSettings partition : config.partitions()) {
      List<LinkDirection> cut = new ArrayList<>();
      for (LinkSettings link : config.links()) {
        if (side(partition, link.a()) != side(partition, link.b())
            && side(partition, link.a()) >= 0
            && side(partition, link.b()) >= 0) {
          cut.add(links.get(link.name()).aToB());
          cut.add(links.get(link.name()).bToA());
        }
      }
      simulator.scheduleAt(partition.at(), () -> setUp(cut, false));
      if (partition.until() >= 0) {
        simulator.scheduleAt(partition.until(), () -> setUp(cut, true));
      }
    }
    for (ListenerSettings listener : config.listeners()) {
      ServerApp server =
          new ServerApp(
              listener,
              stacks.get(listener.host()),
              activity,
              observers.get(listener.host()),
              config.seed(),
              records,
              pending);
      servers.add(server);
      server.start();
    }
    for (ClientSettings client : config.clients()) {
      Ipv4Address remote = Ipv4Address.parse(config.node(client.remoteHost()).address());
      if (client.flows() != null) {
        FlowClientApp flows =
            new FlowClientApp(
                client,
                stacks.get(client.host()),
                new Endpoint(remote, client.remotePort()),
                activity,
                observers.get(client.host()),
                config.seed(),
                records,
                network.streams().get("flow-arrivals/" + client.name()),
                network.streams().get("flow-sizes/" + client.name()));
        flowClients.add(flows);
        flows.start();
        continue;
      }
      ClientApp app =
          new ClientApp(
              client,
              stacks.get(client.host()),
              remote,
              activity,
              observers.get(client.host()),
              config.seed(),
              records,
              pending);
      clients.add(app);
      app.start();
    }
    buildUdp();
    for (NodeSettings node : config.nodes()) {
      if (node.crashAt() >= 0) {
        activity.at(node.crashAt(), () -> crash(node.name()));
      }
      if (node.restartAt() >= 0) {
        activity.at(node.restartAt(), () -> restart(node.name()));
      }
    }
  }

  /** UDP on the hosts that send or receive datagrams, their sinks bound, their sources started. */
  private void buildUdp() {
    Map<Long, DatagramFlow> bySource = new LinkedHashMap<>();
    for (UdpSinkSettings sink : config.udpSinks()) {
      udp(sink.host()).bind(sink.port(), new UdpSinkApp(bySource));
    }
    if (!config.udpSources().isEmpty()) {
      network.addObserver(new DatagramDrops(bySource));
    }
    for (UdpSourceSettings source : config.udpSources()) {
      if (source.localPort() != 0) {
        udp(source.host()).reserve(source.localPort()); // before any ephemeral port is chosen
      }
    }
    for (UdpSourceSettings source : config.udpSources()) {
      UdpStack stack = udp(source.host());
      int port = source.localPort() == 0 ? stack.reserveEphemeral() : source.localPort();
      Ipv4Address local = stack.host().address();
      Ipv4Address remote = Ipv4Address.parse(config.node(source.remoteHost()).address());
      DatagramFlow flow =
          new DatagramFlow(
              source.name(),
              source.host(),
              source.remoteHost(),
              local + ":" + port + "-" + remote + ":" + source.remotePort(),
              source.at(),
              source.traffic().until());
      datagramFlows.add(flow);
      bySource.put(UdpSinkApp.key(local, port), flow);
      UdpSourceApp app =
          new UdpSourceApp(
              source,
              stack,
              remote,
              port,
              activity,
              network.streams().get("udp-source/" + source.name()),
              flow);
      udpSources.add(app);
      app.start();
    }
  }

  /** The UDP of {@code host}, installed when first asked for. */
  private UdpStack udp(String host) {
    return udpStacks.computeIfAbsent(host, h -> UdpStack.install(network.host(h)));
  }

  private void setUp(List<LinkDirection> directions, boolean up) {
    for (LinkDirection d : directions) {
      if (d.isUp() != up) {
        d.setUp(up);
        recorder.linkChanged(simulator.now(), d, up ? LinkChange.UP : LinkChange.DOWN);
      }
    }
  }

  private static int side(PartitionSettings partition, String node) {
    for (int i = 0; i < partition.sides().size(); i++) {
      if (partition.sides().get(i).contains(node)) {
        return i;
      }
    }
    return -1;
  }

  private LinkDirection direction(String link, boolean aToB) {
    Link l = links.get(link);
    return aToB ? l.aToB() : l.bToA();
  }

  private void crash(String host) {
    recorder.hostChanged(simulator.now(), network.node(host), HostChange.CRASH);
    for (ClientApp client : clients) {
      if (client.host().equals(host)) {
        client.stop();
      }
    }
    for (FlowClientApp client : flowClients) {
      if (client.host().equals(host)) {
        client.stop();
      }
    }
    for (UdpSourceApp source : udpSources) {
      if (source.host().equals(host)) {
        source.stop();
      }
    }
    stacks.get(host).crash();
  }

  private void restart(String host) {
    recorder.hostChanged(simulator.now(), network.node(host), HostChange.RESTART);
    for (ServerApp server : servers) {
      if (server.host().equals(host)) {
        server.restart();
      }
    }
  }

  /** Captures every packet crossing the interfaces of {@code host}. */
  public void tap(String host, PacketTap tap) {
    Node node = network.node(host);
    network.tap(node, tap);
  }

  /** Lets {@code observer} see every packet event of the run; call it before {@link #run()}. */
  public void observe(PacketObserver observer) {
    network.addObserver(observer);
  }

  /**
   * Lets {@code decisions} see every random decision the run's link directions make, where they
   * make it; call it before {@link #run()}.
   */
  public void observeDecisions(LinkDecisions decisions) {
    network.addDecisionObserver(decisions);
  }

  /** The virtual time now (nanoseconds): for an observer whose callbacks carry no time. */
  public long now() {
    return simulator.now();
  }

  /** The links by name, in config order. */
  public Map<String, Link> links() {
    return java.util.Collections.unmodifiableMap(links);
  }

  /**
   * The applications' records, growing as the run makes connections (a client's names its flow):
   * for a sink that names flows while the run goes. Read it between events only.
   */
  public List<AppRecord> apps() {
    return java.util.Collections.unmodifiableList(records);
  }

  /** The hosts, in config order. */
  public List<String> hosts() {
    return new ArrayList<>(stacks.keySet());
  }

  /**
   * Runs to the stop condition: {@code stop.at}, or no event left, or (with {@code whenAllClosed})
   * the first moment when every connection is CLOSED, no packet is in the network and no
   * application action is pending.
   */
  public RunResult run() {
    return run((now, events) -> {});
  }

  /** Runs as {@link #run()} does, telling {@code watcher} each time virtual time advances. */
  public RunResult run(Watcher watcher) {
    long stopAt = config.stop().at();
    boolean whenAllClosed = config.stop().whenAllClosed();
    String reason;
    while (true) {
      StopReason stop =
          simulator.runInstants(
              stopAt,
              now -> {
                watcher.advanced(now, simulator.executedEvents());
                return whenAllClosed && allClosed();
              });
      reason =
          switch (stop) {
            case EMPTY -> "no event left";
            case TIME_LIMIT -> "time limit " + netsim.core.Time.format(stopAt);
            case CONDITION -> "all connections closed";
            case EVENT_LIMIT -> "event limit";
            case STOPPED -> null; // by an event: the run goes on to its own stop condition
          };
      if (reason != null) {
        break;
      }
    }
    watcher.ended(simulator.now(), simulator.executedEvents());
    List<ServerAppView> listeners = new ArrayList<>();
    for (ServerApp server : servers) {
      listeners.add(new ServerAppView(server.host(), server.listener()));
    }
    RunResult result =
        new RunResult(
            config,
            simulator.now(),
            reason,
            index,
            connectionLog.reports(stacks),
            stacks,
            links,
            records,
            listeners,
            chains,
            datagramFlows);
    recorder.end(result);
    return result;
  }

  private boolean allClosed() {
    if (!activity.idle() || network.packetsInFlight() > 0) {
      return false;
    }
    for (TcpStack stack : stacks.values()) {
      if (!stack.connections().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Sees a run advance, on the run's thread (a progress display); it cannot change the run. */
  @FunctionalInterface
  public interface Watcher {
    /** Virtual time has reached {@code now} (ns); {@code events} events have run so far. */
    void advanced(long now, long events);

    /** The run stopped at {@code now}, after {@code events} events. */
    default void ended(long now, long events) {}
  }

  /** A listener at the end of a run. */
  public record ServerAppView(String host, netsim.tcp.TcpListener listener) {}
}
