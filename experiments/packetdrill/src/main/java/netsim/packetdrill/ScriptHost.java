package netsim.packetdrill;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpConfig;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpSegment;
import netsim.tcp.TcpStack;

/**
 * The endpoint under test: one {@link TcpStack} on its own in virtual time, whose segments are
 * captured instead of sent anywhere, and into which a script's inbound segments are injected.
 * Addresses and ports are packetdrill's defaults: the endpoint is 192.168.0.1, the script's remote
 * side 192.0.2.1; a listener binds port 8080 and {@code connect()} goes to port 8080.
 *
 * <p>The stack is created when first needed (a listen, a connect or an inbound segment), so that
 * socket options set before that (buffer sizes, MSS) shape its configuration.
 */
final class ScriptHost {
  static final Ipv4Address LOCAL = Ipv4Address.parse("192.168.0.1");
  static final Ipv4Address REMOTE = Ipv4Address.parse("192.0.2.1");

  /** The port {@code bind()} gives and {@code connect()} goes to, as packetdrill's default. */
  static final int SCRIPT_PORT = 8080;

  /** The remote side's port when it opens a connection to a listener. */
  static final int REMOTE_PORT = 49999;

  private final Simulator simulator = new Simulator();
  private final RandomStreams streams;
  private final Deque<SentSegment> sent = new ArrayDeque<>();
  private final IntConsumer synSent;
  private TcpConfig.Builder config;
  private TcpStack stack;
  private FourTuple target =
      new FourTuple(new Endpoint(LOCAL, SCRIPT_PORT), new Endpoint(REMOTE, REMOTE_PORT));
  private boolean stopOnSend;
  private boolean egressRefused;

  /**
   * @param synSent told the sequence number of every SYN the stack sends (the model's ISN)
   */
  ScriptHost(TcpConfig config, long seed, IntConsumer synSent) {
    this.config = config.toBuilder();
    this.streams = new RandomStreams(seed);
    this.synSent = synSent;
  }

  Simulator simulator() {
    return simulator;
  }

  long now() {
    return simulator.now();
  }

  /** The configuration the stack will have; changes after the stack exists are ignored. */
  TcpConfig.Builder config() {
    return config;
  }

  boolean started() {
    return stack != null;
  }

  /** The stack, created on first use. */
  TcpStack stack() {
    if (stack == null) {
      stack = new TcpStack(simulator, streams, "local", LOCAL, config.build(), this::capture);
      stack.refuseEgress(egressRefused);
    }
    return stack;
  }

  /**
   * From now on the host's own queue refuses every packet ({@code tc qdisc add ... pfifo limit 0}):
   * see {@link TcpStack#refuseEgress}.
   */
  void refuseEgress() {
    egressRefused = true;
    if (stack != null) {
      stack.refuseEgress(true);
    }
  }

  /** The 4-tuple inbound segments use: the last connect()'s, else a listener's at port 8080. */
  FourTuple target() {
    return target;
  }

  void target(FourTuple tuple) {
    target = tuple;
  }

  /**
   * Injects a segment from the remote side, now, in an IP packet whose ECN field is {@code ecn}.
   */
  void inject(TcpSegment segment, Ecn ecn) {
    stack().receive(REMOTE, LOCAL, segment, ecn);
  }

  /** Segments sent and not yet taken, oldest first. */
  Deque<SentSegment> sent() {
    return sent;
  }

  /** While set, the simulator stops after the event in which a segment is sent. */
  void stopOnSend(boolean value) {
    stopOnSend = value;
  }

  private void capture(Ipv4Address destination, TcpSegment segment, String senderState, Ecn ecn) {
    if (segment.has(TcpFlags.SYN) && !segment.has(TcpFlags.RST)) {
      synSent.accept(segment.seq());
    }
    sent.add(new SentSegment(simulator.now(), segment, ecn));
    if (stopOnSend) {
      simulator.stop();
    }
  }
}
