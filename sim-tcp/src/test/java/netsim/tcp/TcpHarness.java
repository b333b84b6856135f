package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * Drives one {@link TcpConnection} with exact segments and a frozen virtual clock, and records what
 * it sends, its state changes and what the application hears (smoltcp's socket tests, netty's
 * EmbeddedChannel). Our ISS is {@link #ISS}, the peer's is {@link #PEER_ISS}; our port is 80 for a
 * passive connection and 49152 for an active one, the peer's the other.
 */
final class TcpHarness implements TcpConnection.Environment {
  static final int ISS = 1000;
  static final int PEER_ISS = 5000;
  static final Ipv4Address LOCAL = Ipv4Address.parse("10.0.0.2");
  static final Ipv4Address REMOTE = Ipv4Address.parse("10.0.0.1");
  static final int WINDOW = 64000;

  /** A configuration without options, so that segments stay short in tests. */
  static final TcpConfig CONFIG =
      TcpConfig.builder().windowScaling(false).timestamps(false).receiveBuffer(WINDOW).build();

  /** {@code host}'s configuration without window scaling (timestamps as the host offers them). */
  static TcpConfig configOf(HostProfile host) {
    return TcpConfig.builder().profile(host).windowScaling(false).receiveBuffer(WINDOW).build();
  }

  long now;
  private final Simulator idleSimulator = new Simulator();
  final List<TcpSegment> sent = new ArrayList<>();

  /** The ECN field of the IP packet of each segment in {@link #sent}. */
  final List<Ecn> sentEcn = new ArrayList<>();

  final List<String> transitions = new ArrayList<>();
  final List<String> appEvents = new ArrayList<>();
  final ByteArrayOutputStream received = new ByteArrayOutputStream();
  final TcpConnection connection;
  final int localPort;
  final int remotePort;
  private int sentChecked;

  /** The window the peer advertises in its segments. */
  int peerWindow = WINDOW;

  /** While set, the host's own queue refuses every packet ({@link #egressRefuses}). */
  boolean egressRefused;

  /**
   * Runs once, at the next application event the stack hears of (as it is raised, before the
   * application's callback): e.g. a segment that arrives while another is processed.
   */
  @Nullable Runnable appEventHook;

  TcpHarness(TcpConfig config, boolean passive) {
    localPort = passive ? 80 : 49152;
    remotePort = passive ? 49152 : 80;
    FourTuple tuple =
        new FourTuple(new Endpoint(LOCAL, localPort), new Endpoint(REMOTE, remotePort));
    connection =
        new TcpConnection(
            config,
            tuple,
            ISS,
            0,
            this,
            new TcpHandler() {
              @Override
              public void onData(TcpConnection c, ReceivedData data) {
                received.writeBytes(data.toArray());
              }
            });
  }

  // --- Fixtures, each built from the one before -------------------------------------------------

  /** SYN sent, nothing back yet. */
  static TcpHarness synSent() {
    return synSent(CONFIG);
  }

  /** SYN sent with {@code config}, nothing back yet. */
  static TcpHarness synSent(TcpConfig config) {
    TcpHarness h = new TcpHarness(config, false);
    h.connection.open();
    h.expect("SYN seq=1000");
    return h;
  }

  /** A listener's child that took a SYN and answered SYN,ACK. */
  static TcpHarness synReceived() {
    return synReceived(CONFIG);
  }

  static TcpHarness synReceived(TcpConfig config) {
    return synReceived(config, WINDOW);
  }

  /** A listener's child whose peer advertises {@code peerWindow} bytes. */
  static TcpHarness synReceived(TcpConfig config, int peerWindow) {
    TcpHarness h = new TcpHarness(config, true);
    h.peerWindow = peerWindow;
    h.connection.acceptSyn(h.peer(TcpFlags.SYN, PEER_ISS, 0));
    h.expect("SYN|ACK seq=1000 ack=5001");
    return h;
  }

  /** Handshake done (passive side): ESTABLISHED, nothing in flight. */
  static TcpHarness established() {
    return established(CONFIG);
  }

  /** Handshake done (passive side) with {@code config}. */
  static TcpHarness established(TcpConfig config) {
    TcpHarness h = synReceived(config);
    h.receive("ACK", 5001, 1001);
    h.expectNothing();
    return h;
  }

  /** We closed first: FIN sent, not yet acknowledged. */
  static TcpHarness finWait1() {
    TcpHarness h = established();
    h.connection.shutdownOutput();
    h.expect("FIN|ACK seq=1001 ack=5001");
    return h;
  }

  /** Our FIN acknowledged; waiting for the peer's. */
  static TcpHarness finWait2() {
    TcpHarness h = finWait1();
    h.receive("ACK", 5001, 1002);
    h.expectNothing();
    return h;
  }

  /** Both FINs exchanged and acknowledged: TIME-WAIT. */
  static TcpHarness timeWait() {
    TcpHarness h = finWait2();
    h.receive("FIN|ACK", 5001, 1002);
    h.expect("ACK seq=1002 ack=5002");
    return h;
  }

  /** FINs crossed: CLOSING. */
  static TcpHarness closing() {
    TcpHarness h = finWait1();
    h.receive("FIN|ACK", 5001, 1001);
    h.expect("ACK seq=1002 ack=5002");
    return h;
  }

  /** The peer closed first: CLOSE-WAIT. */
  static TcpHarness closeWait() {
    TcpHarness h = established();
    h.receive("FIN|ACK", 5001, 1001);
    h.expect("ACK seq=1001 ack=5002");
    return h;
  }

  /** The peer closed first and so did we: FIN sent, LAST-ACK. */
  static TcpHarness lastAck() {
    TcpHarness h = closeWait();
    h.connection.shutdownOutput();
    h.expect("FIN|ACK seq=1001 ack=5002");
    return h;
  }

  // --- Driving ----------------------------------------------------------------------------------

  TcpSegment peer(int flags, int seq, int ack) {
    return peer(flags, seq, ack, new byte[0]);
  }

  /** A segment from the peer; its SYNs announce an MSS of 1460 and nothing else. */
  TcpSegment peer(int flags, int seq, int ack, byte[] data) {
    TcpOptions options = (flags & TcpFlags.SYN) != 0 ? PEER_SYN_OPTIONS : TcpOptions.NONE;
    return new TcpSegment(remotePort, localPort, seq, ack, flags, peerWindow, 0, options, data);
  }

  /** A segment from the peer with the timestamp {@code tsVal} (its SYN offers timestamps too). */
  TcpSegment peerWithTimestamp(int flags, int seq, int ack, long tsVal, byte[] data) {
    return peerWithTimestamps(flags, seq, ack, tsVal, 0, data);
  }

  /**
   * A segment from the peer, e.g. {@code stamped("ACK", 5001, 1001, 200, 1000, 0)}, with TSval
   * {@code tsVal}, TSecr {@code tsEcr} and {@code length} bytes of text.
   */
  TcpSegment stamped(String flags, int seq, int ack, long tsVal, long tsEcr, int length) {
    return peerWithTimestamps(TcpFlags.parse(flags), seq, ack, tsVal, tsEcr, new byte[length]);
  }

  private TcpSegment peerWithTimestamps(
      int flags, int seq, int ack, long tsVal, long tsEcr, byte[] data) {
    TcpOptions options =
        new TcpOptions(
            (flags & TcpFlags.SYN) != 0 ? 1460 : -1,
            -1,
            false,
            true,
            tsVal,
            tsEcr,
            com.google.common.collect.ImmutableList.of());
    return new TcpSegment(remotePort, localPort, seq, ack, flags, peerWindow, 0, options, data);
  }

  TcpSegment peerWithTimestamp(int flags, int seq, int ack, long tsVal) {
    return peerWithTimestamp(flags, seq, ack, tsVal, new byte[0]);
  }

  static final TcpOptions PEER_SYN_OPTIONS =
      new TcpOptions(1460, -1, false, false, 0, 0, com.google.common.collect.ImmutableList.of());

  /** A segment from the peer arrives, e.g. {@code receive("FIN|ACK", 5001, 1002)}. */
  void receive(String flags, int seq, int ack) {
    connection.onSegment(peer(TcpFlags.parse(flags), seq, ack));
  }

  void receive(String flags, int seq, int ack, byte[] data) {
    connection.onSegment(peer(TcpFlags.parse(flags), seq, ack, data));
  }

  /** Advances the clock and fires the connection's timer if it is due, like the stack would. */
  void advanceBy(long nanos) {
    long until = now + nanos;
    while (connection.pollAt() <= until) {
      now = Math.max(now, connection.pollAt());
      connection.onTimer();
    }
    now = until;
  }

  void advanceBy(String duration) {
    advanceBy(Time.parse(duration));
  }

  // --- Asserting --------------------------------------------------------------------------------

  /**
   * Asserts exactly these segments were sent since the last check, each described as "FLAGS seq=N
   * ack=N" (ack only with ACK set), with " len=N" when data was carried and " sack=L:R" for each
   * SACK block.
   */
  void expect(String... segments) {
    List<String> actual = new ArrayList<>();
    for (TcpSegment seg : sent.subList(sentChecked, sent.size())) {
      actual.add(describe(seg));
    }
    sentChecked = sent.size();
    assertThat(actual).as("segments sent").containsExactly(segments);
  }

  /**
   * {@code segments} segments of 1460 bytes from {@code firstSeq}, acknowledging 5001, as {@link
   * #expect} describes them, with PSH on those whose 1-based index is in {@code pshAfter}.
   */
  static String[] flight(int firstSeq, int segments, int... pshAfter) {
    String[] expected = new String[segments];
    for (int i = 0; i < segments; i++) {
      boolean psh = false;
      for (int n : pshAfter) {
        psh |= n == i + 1;
      }
      expected[i] =
          (psh ? "PSH|ACK" : "ACK") + " seq=" + (firstSeq + i * 1460) + " ack=5001 len=1460";
    }
    return expected;
  }

  void expectNothing() {
    expect();
  }

  /** Takes what was sent so far as checked, without asserting it. */
  void forgetSent() {
    sentChecked = sent.size();
  }

  static String describe(TcpSegment seg) {
    StringBuilder text =
        new StringBuilder(TcpFlags.format(seg.flags())).append(" seq=").append(seg.seq());
    if (seg.has(TcpFlags.ACK)) {
      text.append(" ack=").append(seg.ack());
    }
    if (seg.dataLength() > 0) {
      text.append(" len=").append(seg.dataLength());
    }
    for (TcpOptions.SackBlock block : seg.options().sackBlocks()) {
      text.append(" sack=").append(block);
    }
    return text.toString();
  }

  TcpState state() {
    return connection.state();
  }

  // --- Environment ------------------------------------------------------------------------------

  @Override
  public long now() {
    return now;
  }

  /** A simulator that never runs: {@link #advanceBy} fires the connection's timers itself. */
  @Override
  public Simulator simulator() {
    return idleSimulator;
  }

  @Override
  public boolean egressRefuses() {
    return egressRefused;
  }

  @Override
  public void transmit(TcpConnection c, TcpSegment segment, Ecn ecn) {
    sent.add(segment);
    sentEcn.add(ecn);
  }

  @Override
  public void stateChanged(
      TcpConnection c, TcpState from, TcpState to, StateCause cause, int causeFlags) {
    transitions.add(from + "->" + to + " (" + cause.traceName(causeFlags) + ")");
  }

  @Override
  public void timersChanged(TcpConnection c) {}

  @Override
  public void appEvent(TcpConnection c, AppEvent event, long bytes) {
    appEvents.add(event.traceName());
    Runnable hook = appEventHook;
    if (hook != null) {
      appEventHook = null;
      hook.run();
    }
  }
}
