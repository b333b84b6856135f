package netsim.scenario.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netsim.net.Host;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.StateCause;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpSegment;
import netsim.tcp.TcpState;

/**
 * Records a run's events as {@link TraceEvent}s in the order they happen, which is the order of
 * virtual time: packets from sim-net, state changes, application events, retransmissions and
 * congestion changes from sim-tcp (through one {@link #tcp(String) observer per host}), and the
 * run's own actions.
 */
public final class Recorder implements PacketObserver {
  private final List<TraceEvent> events = new ArrayList<>();

  /*
   * Names shared by the events that use them: a run keeps every event, so each endpoint, 4-tuple
   * and flag combination is one string, not one per event. Looked up only, never iterated.
   */
  private final Map<Long, String> endpoints = new HashMap<>();
  private final Map<FourTuple, String> connections = new HashMap<>();
  private final String[] flagNames = new String[256];
  private final String[] rcvCauses = new String[256];

  /** Everything recorded, in order. */
  public List<TraceEvent> events() {
    return Collections.unmodifiableList(events);
  }

  public void add(TraceEvent event) {
    events.add(event);
  }

  @Override
  public void onSend(long time, Host host, Packet packet) {
    events.add(packet(time, "send", host.name(), packet, packet.senderState(), null, null));
  }

  @Override
  public void onReceive(long time, Host host, Packet packet) {
    events.add(packet(time, "recv", host.name(), packet, null, null, null));
  }

  @Override
  public void onDuplicate(long time, LinkDirection link, Packet original, Packet copy) {
    events.add(new TraceEvent.Duplicate(time, link.name(), original.id(), copy.id()));
  }

  @Override
  public void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {
    Payload p = packet.payload();
    events.add(
        new TraceEvent.Rule(
            time,
            chain.name(),
            rule.name(),
            rule.action().verb().traceName(),
            packet.id(),
            flags(p.flags()),
            p.sequenceNumber(),
            p.dataLength()));
  }

  @Override
  public void onDrop(long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
    events.add(
        packet(
            time,
            "drop",
            node.name(),
            packet,
            null,
            link == null ? null : link.name(),
            cause.traceName()));
  }

  private TraceEvent.Packet packet(
      long time, String ev, String node, Packet packet, String state, String link, String cause) {
    Payload p = packet.payload();
    return new TraceEvent.Packet(
        time,
        ev,
        node,
        packet.id(),
        endpoint(packet.source(), p.sourcePort()),
        endpoint(packet.destination(), p.destinationPort()),
        flags(p.flags()),
        p.sequenceNumber(),
        p.acknowledgmentNumber(),
        p.dataLength(),
        state,
        link,
        cause);
  }

  /** "10.0.0.1:49152", made once per endpoint and shared by every event that names it. */
  private String endpoint(Ipv4Address address, int port) {
    long key = Integer.toUnsignedLong(address.bits()) << 16 | port;
    String name = endpoints.get(key);
    if (name == null) {
      name = address + ":" + port;
      endpoints.put(key, name);
    }
    return name;
  }

  /** "10.0.0.1:49152-10.0.0.2:80", made once per 4-tuple. */
  private String conn(FourTuple connection) {
    return connections.computeIfAbsent(connection, FourTuple::toString);
  }

  /** "SYN|ACK", made once per combination of flags. */
  private String flags(int bits) {
    if (bits < 0 || bits >= flagNames.length) {
      return TcpFlags.format(bits);
    }
    String name = flagNames[bits];
    if (name == null) {
      name = TcpFlags.format(bits);
      flagNames[bits] = name;
    }
    return name;
  }

  /** "rcv SYN|ACK", made once per combination of flags; other causes are constants. */
  private String cause(StateCause cause, int causeFlags) {
    if (cause != StateCause.RCV || causeFlags < 0 || causeFlags >= rcvCauses.length) {
      return cause.traceName(causeFlags);
    }
    String name = rcvCauses[causeFlags];
    if (name == null) {
      name = cause.traceName(causeFlags);
      rcvCauses[causeFlags] = name;
    }
    return name;
  }

  /** The observer of the TCP stack on host {@code node}: its events name that host. */
  public TcpObserver tcp(String node) {
    return new HostObserver(node);
  }

  /** sim-tcp's ssthresh before it is first set (see {@link TcpObserver#onCongestion}). */
  private static final long SSTHRESH_UNSET = Long.MAX_VALUE / 4;

  /** Records one host's TCP events. */
  private final class HostObserver implements TcpObserver {
    private final String node;

    HostObserver(String node) {
      this.node = node;
    }

    @Override
    public void onStateChange(
        long time,
        FourTuple connection,
        TcpState from,
        TcpState to,
        StateCause cause,
        int causeFlags) {
      events.add(
          new TraceEvent.State(
              time, node, conn(connection), from.name(), to.name(), cause(cause, causeFlags)));
    }

    @Override
    public void onAppEvent(long time, FourTuple connection, AppEvent event, long bytes) {
      events.add(new TraceEvent.App(time, node, conn(connection), event.traceName(), bytes));
    }

    @Override
    public void onCongestion(long time, TcpConnection connection) {
      long ssthresh = connection.ssthresh();
      long srtt = connection.srtt();
      events.add(
          new TraceEvent.Congestion(
              time,
              node,
              conn(connection.tuple()),
              connection.cwnd(),
              ssthresh >= SSTHRESH_UNSET ? TraceEvent.Congestion.UNSET : ssthresh,
              srtt < 0 ? TraceEvent.Congestion.UNSET : srtt,
              connection.rto(),
              connection.bytesInFlight()));
    }

    @Override
    public void onRetransmit(
        long time, FourTuple connection, TcpSegment segment, RetransmitReason reason) {
      events.add(
          new TraceEvent.Retransmit(
              time,
              node,
              conn(connection),
              flags(segment.flags()),
              segment.sequenceNumber(),
              segment.dataLength(),
              reason.traceName()));
    }
  }
}
