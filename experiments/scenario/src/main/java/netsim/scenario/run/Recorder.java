package netsim.scenario.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import netsim.net.Host;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import netsim.net.packet.Payload;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.LinkChange;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.StateCause;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpSegment;
import netsim.tcp.TcpState;
import netsim.udp.UdpDatagram;
import org.jspecify.annotations.Nullable;

/**
 * Turns what happens in a run into {@link TraceEvent}s and hands each to the {@link EventSink}s
 * that want its kind (a TCP segment's, a congestion change and an application event as {@link
 * PacketFields}, {@link CongestionFields} and {@link ApplicationFields} filled in place: {@link
 * EventSink#packet}, {@link EventSink#congestion}, {@link EventSink#application}), in the order
 * things happen, which is the order of virtual time: packets from sim-net, state changes,
 * application events, retransmissions and congestion changes from sim-tcp (through one {@link
 * #tcp(int) observer per host}), and the run's own actions. An event no sink wants is not built.
 */
public final class Recorder implements PacketObserver {
  private static final EventSink[] NONE = new EventSink[0];

  private final RunIndex index;
  private final List<EventSink> sinks = new ArrayList<>();

  /** The sinks of each kind, by {@link EventKind#ordinal()}; fixed when the run starts. */
  private final EventSink[][] byKind = new EventSink[EventKind.values().length][];

  /** The sender's state of the last send, and its name: see {@link #senderState}. */
  private TcpState lastState = TcpState.CLOSED;

  private String lastStateName = TcpState.CLOSED.name();

  /** The fields of the packet event being handed to the sinks. */
  private final PacketFields fields = new PacketFields();

  /** The fields of the congestion event being handed to the sinks. */
  private final CongestionFields congestion = new CongestionFields();

  /** The fields of the application event being handed to the sinks. */
  private final ApplicationFields application = new ApplicationFields();

  public Recorder(RunIndex index) {
    this.index = index;
    Arrays.fill(byKind, NONE);
  }

  /** The names behind the ids of this run's events. */
  public RunIndex index() {
    return index;
  }

  /** Adds a sink; call it before {@link #start()}. */
  public void add(EventSink sink) {
    sinks.add(sink);
  }

  /** Tells every sink the run starts, and fixes which sinks receive which kinds. */
  public void start() {
    Map<EventKind, List<EventSink>> wanted = new EnumMap<>(EventKind.class);
    for (EventSink sink : sinks) {
      for (EventKind kind : sink.kinds()) {
        wanted.computeIfAbsent(kind, k -> new ArrayList<>()).add(sink);
      }
    }
    for (Map.Entry<EventKind, List<EventSink>> entry : wanted.entrySet()) {
      byKind[entry.getKey().ordinal()] = entry.getValue().toArray(NONE);
    }
    for (EventSink sink : sinks) {
      sink.start(index);
    }
  }

  /** Tells every sink the run has ended. */
  public void end(RunResult result) {
    for (EventSink sink : sinks) {
      sink.end(result);
    }
  }

  /** Whether some sink wants events of {@code kind}: if none does, build none. */
  public boolean wants(EventKind kind) {
    return byKind[kind.ordinal()].length > 0;
  }

  private void emit(TraceEvent event) {
    for (EventSink sink : byKind[event.kind().ordinal()]) {
      sink.accept(event);
    }
  }

  /** A scheduled change did {@code what} to link direction {@code link}. */
  public void linkChanged(long time, LinkDirection link, LinkChange what) {
    if (wants(EventKind.LINK)) {
      emit(new TraceEvent.Link(time, link.id(), what));
    }
  }

  /** Host {@code node} crashed or restarted. */
  public void hostChanged(long time, Node node, HostChange what) {
    if (wants(EventKind.HOST)) {
      emit(new TraceEvent.Host(time, node.id(), what));
    }
  }

  /** An application of host {@code node} did {@code event} on {@code connection}. */
  public void appEvent(long time, Node node, FourTuple connection, AppEvent event, long bytes) {
    application(time, node.id(), connection, event, bytes);
  }

  /**
   * Hands an application event to the sinks of {@link EventKind#APP} as {@link #application},
   * filled in place: no object per application event.
   */
  private void application(long time, int node, FourTuple connection, AppEvent event, long bytes) {
    EventSink[] wanting = byKind[EventKind.APP.ordinal()];
    if (wanting.length > 0) {
      application.set(time, node, connection, event, bytes);
      for (EventSink sink : wanting) {
        sink.application(application);
      }
    }
  }

  @Override
  public void onSend(long time, Host host, Packet packet) {
    if (wants(EventKind.UDP_SEND) && packet.payload() instanceof UdpDatagram d) {
      emit(datagram(time, EventKind.UDP_SEND, host.id(), -1, packet, d, null));
    } else if (wants(EventKind.SEND) && isTcp(packet)) {
      packet(time, EventKind.SEND, host.id(), -1, packet, senderState(packet.senderState()), null);
    }
  }

  /**
   * The state named {@code name}, or null: sim-net knows no TCP types and carries the sender's
   * state by its enum name. Sends come in runs from one state, so the last answer is kept and a
   * send costs no lookup by name.
   */
  private TcpState senderState(String name) {
    if (name == null) {
      return null;
    }
    if (!name.equals(lastStateName)) {
      lastState = TcpState.valueOf(name);
      lastStateName = name;
    }
    return lastState;
  }

  @Override
  public void onReceive(long time, Host host, Packet packet) {
    if (wants(EventKind.UDP_RECV) && packet.payload() instanceof UdpDatagram d) {
      emit(datagram(time, EventKind.UDP_RECV, host.id(), -1, packet, d, null));
    } else if (wants(EventKind.RECV) && isTcp(packet)) {
      packet(time, EventKind.RECV, host.id(), -1, packet, null, null);
    }
  }

  @Override
  public void onDuplicate(long time, LinkDirection link, Packet original, Packet copy) {
    if (wants(EventKind.DUP)) {
      emit(new TraceEvent.Duplicate(time, link.id(), original.id(), copy.id()));
    }
  }

  @Override
  public void onRule(long time, FaultChain chain, FaultRule rule, Packet packet) {
    if (wants(EventKind.RULE)) {
      Payload p = packet.payload();
      emit(
          new TraceEvent.Rule(
              time,
              index.chains().intern(chain.name()),
              index.rules().intern(rule.name()),
              rule.action().verb(),
              packet.id(),
              p.flags(),
              p.sequenceNumber(),
              p.dataLength()));
    }
  }

  @Override
  public void onDrop(
      long time, Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {
    if (wants(EventKind.UDP_DROP) && packet.payload() instanceof UdpDatagram d) {
      emit(
          datagram(
              time,
              EventKind.UDP_DROP,
              node.id(),
              link == null ? -1 : link.id(),
              packet,
              d,
              cause));
    } else if (wants(EventKind.DROP) && isTcp(packet)) {
      packet(time, EventKind.DROP, node.id(), link == null ? -1 : link.id(), packet, null, cause);
    }
  }

  @Override
  public void onMark(long time, Node node, LinkDirection link, Packet packet) {
    if (wants(EventKind.MARK)) {
      packet(time, EventKind.MARK, node.id(), link.id(), packet, null, null);
    }
  }

  /** Whether {@code packet} is a TCP segment's: of the transports a run has, not UDP's. */
  private static boolean isTcp(Packet packet) {
    return !(packet.payload() instanceof UdpDatagram);
  }

  private static TraceEvent.Datagram datagram(
      long time,
      EventKind kind,
      int node,
      int link,
      Packet packet,
      UdpDatagram datagram,
      DropCause cause) {
    return new TraceEvent.Datagram(
        time,
        kind,
        node,
        link,
        packet.id(),
        packet.source().bits(),
        datagram.sourcePort(),
        packet.destination().bits(),
        datagram.destinationPort(),
        datagram.dataLength(),
        datagram.number(),
        cause);
  }

  /**
   * Hands a TCP segment's event to the sinks of its kind as {@link #fields}, filled in place: no
   * object per packet event.
   */
  private void packet(
      long time,
      EventKind kind,
      int node,
      int link,
      Packet packet,
      @Nullable TcpState state,
      @Nullable DropCause cause) {
    // a TCP segment's fields read through its final class, calls the client compiler (./netsim
    // run's only one) binds and inlines; any other payload's through the interface
    Payload p = packet.payload();
    TcpSegment s = p instanceof TcpSegment segment ? segment : null;
    fields.set(
        time,
        kind,
        node,
        link,
        packet.id(),
        packet.source().bits(),
        s != null ? s.sourcePort() : p.sourcePort(),
        packet.destination().bits(),
        s != null ? s.destinationPort() : p.destinationPort(),
        s != null ? s.flags() : p.flags(),
        s != null ? s.sequenceNumber() : p.sequenceNumber(),
        s != null ? s.acknowledgmentNumber() : p.acknowledgmentNumber(),
        s != null ? s.dataLength() : p.dataLength(),
        state,
        cause,
        packet.ecn());
    for (EventSink sink : byKind[kind.ordinal()]) {
      sink.packet(fields);
    }
  }

  /** The observer of the TCP stack on the host with id {@code node}: its events carry that id. */
  public TcpObserver tcp(int node) {
    return new HostObserver(node);
  }

  /** sim-tcp's ssthresh before it is first set (see {@link TcpObserver#onCongestion}). */
  private static final long SSTHRESH_UNSET = Long.MAX_VALUE / 4;

  /** Records one host's TCP events. */
  private final class HostObserver implements TcpObserver {
    private final int node;

    HostObserver(int node) {
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
      if (wants(EventKind.STATE)) {
        emit(new TraceEvent.State(time, node, connection, from, to, cause, causeFlags));
      }
    }

    @Override
    public void onAppEvent(long time, FourTuple connection, AppEvent event, long bytes) {
      application(time, node, connection, event, bytes);
    }

    /** Hands the change to the sinks of {@link EventKind#CC} as {@link #congestion}, in place. */
    @Override
    public void onCongestion(long time, TcpConnection connection) {
      EventSink[] wanting = byKind[EventKind.CC.ordinal()];
      if (wanting.length > 0) {
        long ssthresh = connection.info().ssthresh();
        long srtt = connection.info().srtt();
        congestion.set(
            time,
            node,
            connection.tuple(),
            connection.info().cwnd(),
            ssthresh >= SSTHRESH_UNSET ? TraceEvent.NONE : ssthresh,
            srtt < 0 ? TraceEvent.NONE : srtt,
            connection.info().rto(),
            connection.info().bytesInFlight());
        for (EventSink sink : wanting) {
          sink.congestion(congestion);
        }
      }
    }

    @Override
    public void onRetransmit(
        long time, FourTuple connection, TcpSegment segment, RetransmitReason reason) {
      if (wants(EventKind.RTX)) {
        emit(
            new TraceEvent.Retransmit(
                time,
                node,
                connection,
                segment.flags(),
                segment.sequenceNumber(),
                segment.dataLength(),
                reason));
      }
    }
  }
}
