package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ObjectArrays;
import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.Host;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * The TCP of one host: demultiplexes arriving segments by 4-tuple to connections, to listeners (RFC
 * 9293 3.10.7.2) or to the closed-port rule (3.10.7.1); allocates ephemeral ports and ISNs; and
 * drives each connection's timers on the simulator. A segment for an existing connection is
 * demultiplexed without allocating ({@link ConnectionTable}).
 *
 * <p>It sends through a {@link SegmentOutput}, so it runs on a sim-net {@link Host} ({@link
 * #install}) or alone in a test or a packetdrill script.
 */
public final class TcpStack {

  /** Where the stack's segments go. */
  @FunctionalInterface
  public interface SegmentOutput {
    /**
     * Sends {@code segment} to {@code destination}.
     *
     * @param senderState the sending connection's state (e.g. "TIME_WAIT"), metadata for fault
     *     rules
     * @param ecn the ECN field of the IP packet (RFC 3168 5): ECT(0) on new data of a connection
     *     that uses ECN, otherwise Not-ECT
     */
    void send(Ipv4Address destination, TcpSegment segment, String senderState, Ecn ecn);
  }

  /** The first ephemeral port (RFC 6335's dynamic range). */
  public static final int FIRST_EPHEMERAL_PORT = 49152;

  private final Simulator simulator;
  private final String node;
  private final Ipv4Address address;
  private final TcpConfig config;
  private final SegmentOutput output;
  private final IsnGenerator isns;
  private final ConnectionTable connections = new ConnectionTable();

  /** The listeners by port, and in the order they were opened. */
  private final PortMap<TcpListener> listeners = new PortMap<>();

  private final List<TcpListener> listenerOrder = new ArrayList<>();

  /** How many connections use each local port, for choosing a free ephemeral port. */
  private final PortMap<PortUse> portsInUse = new PortMap<>();

  /** Every connection ever made, in order of creation: live, or reduced to its record. */
  private final List<HistorySlot> history = new ArrayList<>();

  /** The environment of every connection of this stack. */
  private final ConnectionEnvironment environment = new ConnectionEnvironment();

  /** An array, not a list: the per-segment loops over it allocate no iterator. */
  private TcpObserver[] observers = new TcpObserver[0];

  private int nextEphemeral = FIRST_EPHEMERAL_PORT;

  /** Whether the host's own egress queue refuses every packet ({@link #refuseEgress}). */
  private boolean egressRefused;

  /** The count of connections on one local port. */
  private static final class PortUse {
    int connections;
  }

  /**
   * One connection in the history: the connection while it lives, then only its record, so that an
   * ended connection's buffers can be collected; and, for a listener's child, its listener (read
   * only when the child changes state).
   */
  private static final class HistorySlot {
    @Nullable TcpConnection live;
    @Nullable ConnectionRecord ended;
    final @Nullable TcpListener parent;

    HistorySlot(TcpConnection live, @Nullable TcpListener parent) {
      this.live = live;
      this.parent = parent;
    }

    ConnectionRecord record() {
      return live != null ? ConnectionRecord.of(live) : checkNotNull(ended);
    }
  }

  public TcpStack(
      Simulator simulator,
      RandomStreams streams,
      String node,
      Ipv4Address address,
      TcpConfig config,
      SegmentOutput output) {
    this.simulator = checkNotNull(simulator, "simulator");
    this.node = checkNotNull(node, "node");
    this.address = checkNotNull(address, "address");
    this.config = checkNotNull(config, "config");
    this.output = checkNotNull(output, "output");
    this.isns = new IsnGenerator(streams.get("tcp/" + node + "/isn"));
  }

  /**
   * Makes the host's own egress queue refuse every packet from now on, or take them again: a local
   * queue with no room, as Linux's {@code tc qdisc add ... pfifo limit 0} installs. The connections
   * send nothing then, and new data waits for the probe timer to try again (Linux's resource
   * probes, tcp_send_probe0).
   */
  public void refuseEgress(boolean refuse) {
    egressRefused = refuse;
  }

  /**
   * Puts a TCP stack on a sim-net host: it receives the host's protocol-6 packets, and a SYN it
   * drops for a full backlog is reported as a drop with cause {@link DropCause#BACKLOG}.
   */
  public static TcpStack install(Host host, TcpConfig config) {
    TcpStack stack =
        new TcpStack(
            host.network().simulator(),
            host.network().streams(),
            host.name(),
            host.address(),
            config,
            host::send);
    host.register(
        TcpSegment.PROTOCOL,
        packet -> {
          if (!stack.receive(
              packet.source(), packet.destination(), (TcpSegment) packet.payload(), packet.ecn())) {
            host.discard(packet, DropCause.BACKLOG);
          }
        });
    return stack;
  }

  public String node() {
    return node;
  }

  public Ipv4Address address() {
    return address;
  }

  public TcpConfig config() {
    return config;
  }

  public Simulator simulator() {
    return simulator;
  }

  /**
   * Adds an observer of this stack's connections and listeners (it hears of no other stack). The
   * congestion figures ({@link TcpObserver#onCongestion}) are followed only while the stack has
   * observers: one added while connections live hears of each one's figures at its next segment or
   * timer.
   */
  public void addObserver(TcpObserver observer) {
    observers = ObjectArrays.concat(observers, checkNotNull(observer, "observer"));
  }

  // ---------------------------------------------------------------------------------------------
  // Application API
  // ---------------------------------------------------------------------------------------------

  /**
   * A passive OPEN on {@code port}.
   *
   * @param backlog how many connections may wait in SYN-RECEIVED at once
   */
  public TcpListener listen(int port, int backlog, TcpListener.Acceptor acceptor) {
    checkArgument(port > 0 && port <= 0xFFFF, "port out of range 1-65535: %s", port);
    checkArgument(backlog > 0, "backlog must be at least 1, got %s", backlog);
    checkArgument(!listeners.containsKey(port), "%s already listens on port %s", node, port);
    TcpListener listener =
        new TcpListener(
            this, new Endpoint(address, port), backlog, checkNotNull(acceptor, "acceptor"));
    listeners.put(port, listener);
    listenerOrder.add(listener);
    report(
        FourTuple.listener(listener.local()), TcpState.CLOSED, TcpState.LISTEN, StateCause.OPEN, 0);
    return listener;
  }

  void closeListener(TcpListener listener, StateCause cause) {
    listeners.remove(listener.local().port());
    listenerOrder.remove(listener);
    report(FourTuple.listener(listener.local()), TcpState.LISTEN, TcpState.CLOSED, cause, 0);
  }

  /** An active OPEN from an ephemeral port. */
  public TcpConnection connect(Endpoint remote, TcpHandler handler) {
    return connect(allocateEphemeralPort(), remote, handler);
  }

  /**
   * An active OPEN from a fixed local port (for simultaneous open, or to reuse a 4-tuple). When a
   * connection with this 4-tuple exists, in any state, TIME-WAIT included, only this OPEN fails
   * (RFC 9293 3.10.1: "error: connection already exists"): observers hear the application event
   * "open-failed", nothing is sent, and the existing connection carries on.
   *
   * @throws ConnectionExistsException if a connection with this 4-tuple exists
   */
  public TcpConnection connect(int localPort, Endpoint remote, TcpHandler handler) {
    checkArgument(localPort > 0 && localPort <= 0xFFFF, "port out of range 1-65535: %s", localPort);
    FourTuple tuple = new FourTuple(new Endpoint(address, localPort), checkNotNull(remote));
    TcpConnection existing = connections.get(tuple);
    if (existing != null) {
      long now = simulator.now();
      for (TcpObserver observer : observers) {
        observer.onAppEvent(now, tuple, AppEvent.OPEN_FAILED, 0);
      }
      throw new ConnectionExistsException(tuple, existing.state());
    }
    TcpConnection connection = create(tuple, handler, null);
    connection.open();
    return connection;
  }

  /**
   * The host crashes: every connection and listener vanishes without sending anything (for
   * half-open connections, RFC 9293 3.5.1); each state change reports the cause {@link
   * StateCause#HOST_CRASH}.
   */
  public void crash() {
    for (TcpConnection connection : connections.values()) {
      connection.vanish();
    }
    for (TcpListener listener : new ArrayList<>(listenerOrder)) {
      listener.close(StateCause.HOST_CRASH);
    }
  }

  /** The connections that exist now (not CLOSED), in order of creation. */
  public List<TcpConnection> connections() {
    return connections.values();
  }

  /**
   * A record of every connection this stack ever made, in order of creation, ended ones included.
   * Only the record of an ended connection is kept, never the connection.
   */
  public List<ConnectionRecord> history() {
    List<ConnectionRecord> records = new ArrayList<>(history.size());
    for (HistorySlot slot : history) {
      records.add(slot.record());
    }
    return records;
  }

  /** How many connections this stack ever made. */
  public int connectionsMade() {
    return history.size();
  }

  public List<TcpListener> listeners() {
    return List.copyOf(listenerOrder);
  }

  /** The live connection with this 4-tuple, or null. */
  public @Nullable TcpConnection connection(FourTuple tuple) {
    return connections.get(tuple);
  }

  // ---------------------------------------------------------------------------------------------
  // Arrivals
  // ---------------------------------------------------------------------------------------------

  /**
   * A segment from {@code source} arrives for this host.
   *
   * @return false if the stack dropped it unanswered because a listener's backlog was full (the
   *     only drop that is not an RFC 9293 rule); true otherwise
   */
  public boolean receive(Ipv4Address source, Ipv4Address destination, TcpSegment seg) {
    return receive(source, destination, seg, Ecn.NOT_ECT);
  }

  /**
   * A segment from {@code source} arrives for this host in an IP packet whose ECN field is {@code
   * ecn} (RFC 3168: CE is a router's congestion mark).
   *
   * @return as {@link #receive(Ipv4Address, Ipv4Address, TcpSegment)}
   */
  public boolean receive(Ipv4Address source, Ipv4Address destination, TcpSegment seg, Ecn ecn) {
    if (config.dropSynFin() && seg.has(TcpFlags.SYN) && seg.has(TcpFlags.FIN)) {
      // FreeBSD's net.inet.tcp.drop_synfin: tcp_input drops a SYN+FIN segment before it looks
      // for a connection, whatever the state (a violation of the TCP specification, on purpose).
      return true;
    }
    TcpConnection connection =
        demultiplex(destination.bits(), ConnectionTable.key(source, seg), seg);
    long iss = -1;
    if (connection != null && isNewIncarnation(connection, seg)) {
      // RFC 6191: a new SYN with a higher sequence number (or, in Linux, timestamp) ends
      // TIME-WAIT early and is looked up again (Linux: only by a listener); in Linux, the new ISS
      // follows the old SND.NXT.
      iss = connection.newIncarnationIss();
      connection.endTimeWaitForNewSyn();
      connection = null;
    }
    if (connection != null) {
      connection.heardFrom(seg.origin());
      connection.onSegment(seg, ecn);
      return true;
    }
    FourTuple tuple =
        new FourTuple(
            new Endpoint(destination, seg.destinationPort()),
            new Endpoint(source, seg.sourcePort()));
    TcpListener listener = listeners.get(seg.destinationPort());
    if (listener != null) {
      return listenArrives(listener, tuple, seg, iss);
    }
    closedArrives(tuple, seg);
    return true;
  }

  /**
   * The connection this stack maps to the 4-tuple of local address {@code localAddress} and key
   * {@code key}, or null: always exactly what {@code connections.get(localAddress, key)} returns.
   * The segment's hint ({@link TcpSegment#hint}) is taken instead of the table's lookup only when
   * it is mapped by this stack's table now, to this very 4-tuple ({@link
   * TcpConnection#isMappedAs}): the table's keys being unique, the table would give it too. A hint
   * of another stack, of a connection that left the table (closed, back in LISTEN, replaced by a
   * new incarnation), of another 4-tuple or none at all leads to the table. So an established
   * connection's segment reads the connection's first line, which its processing reads next anyway,
   * and no slot of the table's array: among thousands of connections, one cache miss less in a
   * chain of dependent ones (as Linux's early demux takes the socket a packet's route caches).
   */
  @Nullable TcpConnection demultiplex(int localAddress, long key, TcpSegment seg) {
    TcpConnection hint = seg.hint();
    if (hint != null && hint.isMappedAs(environment, localAddress, key)) {
      return hint;
    }
    return connections.get(localAddress, key);
  }

  private boolean isNewIncarnation(TcpConnection connection, TcpSegment seg) {
    return config.acceptSynInTimeWait()
        && connection.state() == TcpState.TIME_WAIT
        && seg.has(TcpFlags.SYN)
        && !seg.has(TcpFlags.ACK)
        && !seg.has(TcpFlags.RST)
        && connection.acceptsNewIncarnation(seg)
        // FreeBSD's tcp_twcheck ends TIME-WAIT and looks the SYN up again, for a listener or for
        // CLOSED's reset; Linux's TCP_TW_SYN only when a listener takes it.
        && (config.profile().timeWaitSynRestarts() || listeners.containsKey(seg.destinationPort()));
  }

  /** RFC 9293 3.10.7.1: no TCB. */
  private void closedArrives(FourTuple tuple, TcpSegment seg) {
    // "An incoming segment containing a RST is discarded."
    if (seg.has(TcpFlags.RST)) {
      return;
    }
    TcpSegment.Builder reset =
        TcpSegment.builder(tuple.local().port(), tuple.remote().port()).flags(TcpFlags.RST);
    if (seg.has(TcpFlags.ACK)) {
      // "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>"
      reset.seq(seg.ack());
    } else {
      // "If the ACK bit is off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN>
      // <CTL=RST,ACK>"
      reset.seq(0).ack(seg.seq() + seg.seqLength());
    }
    output.send(tuple.remote().address(), reset.build(), TcpState.CLOSED.name(), Ecn.NOT_ECT);
  }

  /**
   * RFC 9293 3.10.7.2: LISTEN. Returns false for a SYN dropped for a full backlog.
   *
   * @param iss the ISS of the new connection, or -1 for the ISN generator's
   */
  private boolean listenArrives(TcpListener listener, FourTuple tuple, TcpSegment seg, long iss) {
    // "First, check for a RST. An incoming RST segment could not be valid ... ignored."
    if (seg.has(TcpFlags.RST)) {
      return true;
    }
    // "Second, check for an ACK. Any acknowledgment is bad if it arrives on a connection still
    // in the LISTEN state. An acceptable reset segment should be formed ... <SEQ=SEG.ACK>
    // <CTL=RST>"
    if (seg.has(TcpFlags.ACK)) {
      output.send(
          tuple.remote().address(),
          TcpSegment.builder(tuple.local().port(), tuple.remote().port())
              .seq(seg.ack())
              .flags(TcpFlags.RST)
              .build(),
          TcpState.LISTEN.name(),
          Ecn.NOT_ECT);
      return true;
    }
    // "Third, check for a SYN."
    if (!seg.has(TcpFlags.SYN)) {
      return true; // "Fourth, other data or control ... drop the segment and return."
    }
    if (!listener.hasRoom()) {
      // The SYN queue is full: drop the SYN unanswered, as Linux does without syncookies; the
      // peer's retransmission may find room.
      listener.refuse();
      return false;
    }
    TcpConnection child = create(tuple, null, listener, iss);
    child.setHandler(listener.accept(child));
    child.heardFrom(seg.origin()); // its SYN,ACK then carries the hint to the peer's connection
    child.acceptSyn(seg);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Connections and their timers
  // ---------------------------------------------------------------------------------------------

  private TcpConnection create(
      FourTuple tuple, @Nullable TcpHandler handler, @Nullable TcpListener parent) {
    return create(tuple, handler, parent, -1);
  }

  /** A new connection whose ISS is {@code chosenIss}, or the ISN generator's when it is -1. */
  private TcpConnection create(
      FourTuple tuple, @Nullable TcpHandler handler, @Nullable TcpListener parent, long chosenIss) {
    // Everything that makes garbage (the ISN's and the timestamp offset's hashes) comes first, so
    // that the connection's objects are allocated side by side: among thousands of connections,
    // what one segment reads then spans fewer cache lines.
    int iss = chosenIss >= 0 ? (int) chosenIss : isns.isn(tuple, simulator.now());
    long tsOffset = isns.timestampOffset(tuple);
    TcpConfig connectionConfig = parent == null ? config : parent.childConfig();
    TcpConnection connection =
        new TcpConnection(connectionConfig, tuple, iss, tsOffset, environment, handler);
    connection.historyIndex(history.size());
    history.add(new HistorySlot(connection, parent));
    connections.put(connection);
    usePort(tuple.local().port(), 1);
    long now = simulator.now();
    for (TcpObserver observer : observers) {
      observer.onCreated(now, connection);
    }
    return connection;
  }

  private int allocateEphemeralPort() {
    for (int tries = 0; tries <= 0xFFFF - FIRST_EPHEMERAL_PORT; tries++) {
      int port = nextEphemeral;
      nextEphemeral = port == 0xFFFF ? FIRST_EPHEMERAL_PORT : port + 1;
      if (!listeners.containsKey(port) && !portInUse(port)) {
        return port;
      }
    }
    throw new IllegalStateException(node + " has no free ephemeral port");
  }

  private boolean portInUse(int port) {
    return portsInUse.containsKey(port);
  }

  /** Counts a connection more ({@code delta} 1) or less (-1) on local port {@code port}. */
  private void usePort(int port, int delta) {
    PortUse use = portsInUse.get(port);
    if (use == null) {
      use = new PortUse();
      portsInUse.put(port, use);
    }
    use.connections += delta;
    if (use.connections == 0) {
      portsInUse.remove(port);
    }
  }

  private void report(
      FourTuple tuple, TcpState from, TcpState to, StateCause cause, int causeFlags) {
    long now = simulator.now();
    for (TcpObserver observer : observers) {
      observer.onStateChange(now, tuple, from, to, cause, causeFlags);
    }
  }

  /**
   * The environment of this stack's connections, one for all of them, so that a segment's arrival
   * reads no object of the stack's per connection: the clock, the output and the observers are the
   * stack's; the peer's address is the connection's own ({@link TcpConnection#remoteAddress}); the
   * connection's timer is its {@link TcpTimers}, which the segment reads anyway; and its place in
   * the history is looked up only when it changes state.
   */
  private final class ConnectionEnvironment implements TcpConnection.Environment {
    @Override
    public long now() {
      return simulator.now();
    }

    @Override
    public Simulator simulator() {
      return simulator;
    }

    /** "tcp/NODE/TUPLE". */
    @Override
    public String timerLabel(TcpConnection connection) {
      return "tcp/" + node + "/" + connection.tuple();
    }

    @Override
    public void transmit(TcpConnection connection, TcpSegment segment, Ecn ecn) {
      output.send(connection.remoteAddress(), segment, connection.state().name(), ecn);
    }

    @Override
    public boolean egressRefuses() {
      return egressRefused;
    }

    @Override
    public void stateChanged(
        TcpConnection connection, TcpState from, TcpState to, StateCause cause, int causeFlags) {
      report(connection.tuple(), from, to, cause, causeFlags);
      HistorySlot slot = history.get(connection.historyIndex());
      if (slot.live != connection) {
        return; // it left the table
      }
      TcpListener parent = slot.parent;
      if (parent != null) {
        if (to == TcpState.SYN_RECEIVED) {
          parent.childEmbryonic(1);
        } else if (from == TcpState.SYN_RECEIVED) {
          parent.childEmbryonic(-1);
          if (to == TcpState.ESTABLISHED) {
            parent.childEstablished();
          }
        }
      }
      if (to == TcpState.CLOSED || to == TcpState.LISTEN) {
        // A closed TCB is deleted; a child back in LISTEN is released to its listener. Only
        // its record stays.
        connection.timers().retire();
        connections.remove(connection.tuple());
        usePort(connection.tuple().local().port(), -1);
        slot.ended = ConnectionRecord.of(connection);
        slot.live = null;
      }
    }

    /**
     * Queues the connection's expiry at its earliest deadline (never once it left the table: its
     * timers are retired).
     */
    @Override
    public void timersChanged(TcpConnection connection) {
      connection.timers().scheduleEarliest(simulator.now());
    }

    @Override
    public void appEvent(TcpConnection connection, AppEvent event, long bytes) {
      long now = simulator.now();
      for (TcpObserver observer : observers) {
        observer.onAppEvent(now, connection.tuple(), event, bytes);
      }
    }

    @Override
    public boolean observesCongestion() {
      return observers.length > 0;
    }

    @Override
    public void congestionChanged(TcpConnection connection) {
      long now = simulator.now();
      for (TcpObserver observer : observers) {
        observer.onCongestion(now, connection);
      }
    }

    @Override
    public void retransmitted(
        TcpConnection connection, TcpSegment segment, RetransmitReason reason) {
      long now = simulator.now();
      for (TcpObserver observer : observers) {
        observer.onRetransmit(now, connection.tuple(), segment, reason);
      }
    }
  }
}
