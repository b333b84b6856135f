package netsim.tcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.fault.FaultRule;
import netsim.net.link.Link;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;

/**
 * Two hosts, client C = 10.0.0.1 and server S = 10.0.0.2, joined by one link with a one-way delay,
 * each with a TCP stack, and a recorder that writes what happens in the format of the Linux
 * reference traces in {@code shared/reference/linux}: {@code "C->S SA 0 1 0"} (flags S SA A PA FA R
 * RA, seq relative to the sender's ISN, ack relative to the receiver's or "-", length), plus drops
 * and state changes. Every run is a function of the seed.
 */
final class Testbed {
  static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.1");
  static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.2");
  static final int PORT = 80;

  /** A setup step applied to a testbed before its applications start, such as a fault rule. */
  @FunctionalInterface
  interface Rule {
    void apply(Testbed testbed);
  }

  final Simulator sim = new Simulator();
  final Network net;
  final Host clientHost;
  final Host serverHost;
  final Link link;
  final TcpStack client;
  final TcpStack server;

  /** Segments in the reference format, with times: "t_ms dir flags seq ack len". */
  final List<String> timeline = new ArrayList<>();

  /** Segments without times: "C->S SA 0 1 0", and "C->S A 102 102 0 dropped(rule)". */
  final List<String> segments = new ArrayList<>();

  /** State changes: "C CLOSED->SYN_SENT (OPEN)". */
  final List<String> states = new ArrayList<>();

  final List<String> appEvents = new ArrayList<>();

  /** Bytes each side's application received, by host name. */
  final Map<String, ByteArrayOutputStream> received = new LinkedHashMap<>();

  private final Map<Endpoint, Integer> isns = new LinkedHashMap<>();

  Testbed(long seed, long oneWayDelay, TcpConfig clientConfig, TcpConfig serverConfig) {
    net = new Network(sim, new RandomStreams(seed));
    clientHost = net.addHost("C", CLIENT);
    serverHost = net.addHost("S", SERVER);
    LinkConfig config = LinkConfig.builder().delay(oneWayDelay).build();
    link = net.connect(clientHost, serverHost, config, config);
    net.computeRoutes();
    client = TcpStack.install(clientHost, clientConfig);
    server = TcpStack.install(serverHost, serverConfig);
    received.put("C", new ByteArrayOutputStream());
    received.put("S", new ByteArrayOutputStream());
    net.addObserver(
        new PacketObserver() {
          @Override
          public void onSend(long time, Host host, Packet packet) {
            record(time, packet, "");
          }

          @Override
          public void onDrop(
              long time, Node node, LinkDirection on, Packet packet, DropCause cause) {
            record(time, packet, " dropped(" + cause.traceName() + ")");
          }
        });
    client.addObserver(observer("C"));
    server.addObserver(observer("S"));
  }

  /** Records the state changes and application events of host {@code node}'s stack. */
  private TcpObserver observer(String node) {
    return new TcpObserver() {
      @Override
      public void onStateChange(
          long time,
          FourTuple connection,
          TcpState from,
          TcpState to,
          StateCause cause,
          int causeFlags) {
        states.add(node + " " + from + "->" + to + " (" + cause.traceName(causeFlags) + ")");
      }

      @Override
      public void onAppEvent(long time, FourTuple connection, AppEvent event, long bytes) {
        appEvents.add(node + " " + event.traceName());
      }
    };
  }

  /** A testbed with the given delay and the same configuration on both sides. */
  static Testbed of(long seed, String oneWayDelay, TcpConfig config) {
    return new Testbed(seed, Time.parse(oneWayDelay), config, config);
  }

  private void record(long time, Packet packet, String suffix) {
    TcpSegment seg = (TcpSegment) packet.payload();
    Endpoint from = new Endpoint(packet.source(), seg.sourcePort());
    Endpoint to = new Endpoint(packet.destination(), seg.destinationPort());
    boolean fromAConnection =
        packet.senderState() != null && !packet.senderState().equals(TcpState.CLOSED.name());
    if (seg.has(TcpFlags.SYN) && suffix.isEmpty() && fromAConnection) {
      isns.put(from, seg.seq()); // a new incarnation starts a new relative numbering
    }
    String dir = (packet.source().equals(CLIENT) ? "C->S" : "S->C");
    int seq = seg.seq() - isns.getOrDefault(from, 0);
    String ack =
        seg.has(TcpFlags.ACK) ? Integer.toString(seg.ack() - isns.getOrDefault(to, 0)) : "-";
    String line =
        dir
            + " "
            + shortFlags(seg.flags())
            + " "
            + seq
            + " "
            + ack
            + " "
            + seg.dataLength()
            + suffix;
    segments.add(line);
    timeline.add(String.format(Locale.ROOT, "%.3f ", time / 1e6) + line);
  }

  /** The reference traces' flag letters: S SA A PA FA R RA ... */
  static String shortFlags(int flags) {
    StringBuilder text = new StringBuilder();
    if ((flags & TcpFlags.SYN) != 0) {
      text.append('S');
    }
    if ((flags & TcpFlags.FIN) != 0) {
      text.append('F');
    }
    if ((flags & TcpFlags.RST) != 0) {
      text.append('R');
    }
    if ((flags & TcpFlags.PSH) != 0) {
      text.append('P');
    }
    if ((flags & TcpFlags.ACK) != 0) {
      text.append('A');
    }
    return text.toString();
  }

  // --- Applications ------------------------------------------------------------------------------

  /** A handler that records the bytes it receives under the host's name and runs extra steps. */
  TcpHandler recorder(String host, Consumer<TcpConnection> onPeerClosed) {
    return new TcpHandler() {
      @Override
      public void onData(TcpConnection connection, ReceivedData data) {
        received.get(host).writeBytes(data.toArray());
      }

      @Override
      public void onPeerClosed(TcpConnection connection) {
        if (onPeerClosed != null) {
          onPeerClosed.accept(connection);
        }
      }
    };
  }

  /** The server listens on port 80; its application is {@code handler} for every child. */
  TcpListener listen(TcpHandler handler) {
    return server.listen(PORT, 16, child -> handler);
  }

  TcpConnection connect(TcpHandler handler) {
    return client.connect(new Endpoint(SERVER, PORT), handler);
  }

  /** Runs {@code action} at absolute virtual time {@code at}. */
  void at(String at, Runnable action) {
    sim.scheduleAt(Time.parse(at), action);
  }

  /** Runs {@code action} {@code delay} after now (from inside an event). */
  void after(String delay, Runnable action) {
    sim.schedule(Time.parse(delay), action);
  }

  /** Adds a fault rule on the client-to-server direction. */
  void onClientToServer(FaultRule rule) {
    link.aToB().faults().add(rule);
  }

  /** Adds a fault rule on the server-to-client direction. */
  void onServerToClient(FaultRule rule) {
    link.bToA().faults().add(rule);
  }

  void run() {
    sim.run();
  }

  void runUntil(String time) {
    sim.runUntil(Time.parse(time));
  }

  /** Everything recorded, one line per item, for byte-for-byte determinism checks. */
  String fullRecord() {
    return String.join("\n", timeline)
        + "\n--\n"
        + String.join("\n", states)
        + "\n--\n"
        + String.join("\n", appEvents);
  }
}
