package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkPositionIndexes;
import static com.google.common.base.Preconditions.checkState;
import static netsim.tcp.TcpFlags.ACK;
import static netsim.tcp.TcpFlags.ECE;
import static netsim.tcp.TcpFlags.FIN;
import static netsim.tcp.TcpFlags.RST;
import static netsim.tcp.TcpFlags.SYN;
import static netsim.tcp.TcpState.CLOSED;
import static netsim.tcp.TcpState.CLOSE_WAIT;
import static netsim.tcp.TcpState.CLOSING;
import static netsim.tcp.TcpState.ESTABLISHED;
import static netsim.tcp.TcpState.FIN_WAIT_1;
import static netsim.tcp.TcpState.FIN_WAIT_2;
import static netsim.tcp.TcpState.LAST_ACK;
import static netsim.tcp.TcpState.LISTEN;
import static netsim.tcp.TcpState.SYN_RECEIVED;
import static netsim.tcp.TcpState.SYN_SENT;
import static netsim.tcp.TcpState.TIME_WAIT;
import static netsim.tcp.TcpTimers.Kind.DELAYED_ACK;
import static netsim.tcp.TcpTimers.Kind.FIN_WAIT_2_TIMEOUT;
import static netsim.tcp.TcpTimers.Kind.KEEPALIVE;
import static netsim.tcp.TcpTimers.Kind.PERSIST;
import static netsim.tcp.TcpTimers.Kind.RETRANSMIT;

import java.util.EnumSet;
import java.util.Set;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.cc.CongestionControl;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection (a TCB) and its state machine, as RFC 9293 section 3.10 describes the event
 * processing: user calls (OPEN, SEND, CLOSE, ABORT), SEGMENT ARRIVES in its order of checks
 * (sequence number, RST, SYN, ACK, URG, text, FIN), and timeouts.
 *
 * <p>The connection does no I/O and never touches the scheduler. It sends segments and reports
 * state changes through its {@link Environment}, and says when it next needs attention with {@link
 * #pollAt()}; the {@link TcpStack} (or a test) calls {@link #onSegment} and {@link #onTimer}. That
 * keeps every rule testable by driving exact segments in.
 *
 * <p>The send side is addressed by stream position: position 0 is our SYN, positions 1.. are data
 * bytes, and the FIN follows the last byte written. On the wire, position p is sequence number ISS
 * + p. Where the RFC says SND.NXT for the ACK check and for the sequence number of a segment
 * without data (an ACK, a RST), we use SND.MAX, the highest position ever sent, because our SND.NXT
 * moves back on retransmission and the RFC's does not.
 *
 * <p>Data transfer is handed to parts of the connection: the {@link SendSide} (the send sequence
 * space, segmentation with Nagle and sender silly-window avoidance, zero-window probes, RTT timing
 * and the retransmission timer, congestion control ({@link CongestionControl}) with its {@link
 * LossRecovery}: RFC 5681, RFC 6582), the {@link ReceiveSide} (the receive sequence space,
 * reassembly, the offered window, delayed acknowledgments), the {@link SegmentWriter} (what each
 * segment carries: the options the SYN exchange settled, the window field, ECN marks) and the
 * {@link TcpTimers}. The connection keeps connection management: the user calls, the order of
 * checks of an arriving segment, the FIN step, every state change, and which timer to handle. What
 * it shows of itself (cwnd, RTT, counters, deadlines) is read through its {@link TcpInfo}.
 *
 * <p><b>The parts are layers of this one object, not objects beside it</b>: its superclasses, each
 * one concept in a file of its own, in the order {@link TcpTimers} (the deadlines), {@link
 * TransmissionControlBlock} (the variables every arriving segment reads, of every part, as RFC 9293
 * 3.3.1 draws the TCB: the sequence spaces, TS.Recent, the state, the demultiplexing hint's check),
 * {@link SegmentWriter}, {@link ReceiveSide} (what only text reads: a sender's ACK reads none of
 * its fields) and {@link SendSide} (what only sending reads: a receiver's segment reads none of its
 * fields). HotSpot lays a superclass's fields out first, so a segment reads the connection's first
 * lines and, of the sides, only the one it needs. Among thousands of connections every separate
 * object a segment reads is a cache miss of its own: as six objects the parts made the 10,000-flow
 * event read 16% more lines past the L2 cache (benchmarks/RESULTS.md, session 21). The send buffer,
 * the RTT estimator and the congestion window stay objects.
 *
 * <p>The layers add nothing to this class's public API: their methods are package-private, the
 * connection's event in the simulator is a small {@link TcpTimers} object of its own made right
 * after the connection, and the {@link LossRecovery} and the TSO chunks reach the send side through
 * small adapters made with them. Only the class line shows the chain ({@code extends SendSide}, a
 * package-private class no caller outside can name).
 */
public final class TcpConnection extends SendSide {

  /**
   * What a connection needs from around it: a clock, the simulator its timer runs in, and a way to
   * send and to report. A stack has one for all its connections: what differs between them is read
   * from the connection passed in.
   */
  public interface Environment {
    long now();

    /**
     * The simulator that runs the connection's timer ({@link TcpTimers}, the connection's one event
     * there) when {@link #timersChanged} schedules it; one that drives the timers by hand ({@link
     * #pollAt()}, {@link #onTimer()}) may give one it never runs.
     */
    Simulator simulator();

    /** The name of the connection's timer in determinism reports, e.g. "tcp/NODE/TUPLE". */
    default String timerLabel(TcpConnection connection) {
      return "tcp/" + connection.tuple();
    }

    /**
     * Sends {@code segment} in an IP packet whose ECN field is {@code ecn}: ECT(0) on new data of a
     * connection that uses ECN (RFC 3168 6.1.1), otherwise Not-ECT.
     */
    void transmit(TcpConnection connection, TcpSegment segment, Ecn ecn);

    /**
     * Whether the host's own egress queue refuses every packet now (a queue of no room, such as
     * Linux's {@code tc qdisc add ... pfifo limit 0}): nothing the connection sends leaves the
     * host, and new data waits for the probe timer to try again.
     */
    default boolean egressRefuses() {
      return false;
    }

    /**
     * The connection changed state.
     *
     * @param causeFlags for {@link StateCause#RCV}, the flags its trace text names; otherwise 0
     */
    void stateChanged(
        TcpConnection connection, TcpState from, TcpState to, StateCause cause, int causeFlags);

    /** The connection's earliest deadline ({@link #pollAt()}) may have changed. */
    void timersChanged(TcpConnection connection);

    /** An event the application sees (for traces), with a byte count for DATA. */
    default void appEvent(TcpConnection connection, AppEvent event, long bytes) {}

    /** A segment is sent again. */
    default void retransmitted(
        TcpConnection connection, TcpSegment segment, RetransmitReason reason) {}

    /** cwnd, ssthresh, SRTT, RTO or the bytes in flight changed. */
    default void congestionChanged(TcpConnection connection) {}

    /**
     * Whether anyone hears of {@link #congestionChanged}: when not, the connection does not read
     * its congestion figures after each segment (on a path where every object of a connection is a
     * cache miss, the congestion window and the RTT estimator are two).
     */
    default boolean observesCongestion() {
      return true;
    }
  }

  /**
   * The handler of a connection made without one (a listener's child until its application takes
   * over): it ignores every event, and having no state it is shared.
   */
  private static final TcpHandler NO_HANDLER = new TcpHandler() {};

  /**
   * Whether a handler class overrides {@link TcpHandler#onData} (it, a superclass or an interface
   * between declares it), found once per class, as {@code PacketEvents} finds the methods a packet
   * observer overrides.
   */
  private static final ClassValue<Boolean> READS_DATA =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("onData", TcpConnection.class, ReceivedData.class)
                    .getDeclaringClass()
                != TcpHandler.class;
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TcpHandler has no onData", e);
          }
        }
      };

  /** {@link #pollAt()} when no timer is running. */
  public static final long NEVER = TcpTimers.NEVER;

  /** RFC 9293 3.7.1: the MSS to assume when the peer sends none. */
  public static final int DEFAULT_PEER_MSS = 536;

  private final FourTuple tuple;

  /**
   * The states this connection has been in, one bit per state (by ordinal; {@link TcpState}'s 11
   * fit in 16).
   */
  private char visited;

  /**
   * What the observers last heard of cwnd, ssthresh, SRTT, RTO and flight; made when one listens.
   */
  private @Nullable CongestionReport congestionReport;

  /**
   * Callbacks held while segments are in process ({@link #callbacksHeld} says whether it holds
   * any).
   */
  private final HeldCallbacks held;

  /** The read-only view of this connection's figures, made when first asked ({@link #info()}). */
  private @Nullable TcpInfo info;

  /**
   * Where the connection's stack keeps it in its history ({@link TcpStack#history()}), or -1 for a
   * connection no stack made.
   */
  private int historyIndex = -1;

  /**
   * A new connection in CLOSED.
   *
   * @param iss the initial send sequence number (RFC 9293 3.4.1)
   * @param tsOffset the per-connection offset of our timestamp clock (RFC 7323 5.4)
   */
  public TcpConnection(
      TcpConfig config,
      FourTuple tuple,
      int iss,
      long tsOffset,
      Environment env,
      @Nullable TcpHandler handler) {
    super(
        checkNotNull(env, "env").simulator(),
        checkNotNull(tuple, "tuple"),
        env,
        checkNotNull(config, "config"),
        tsOffset,
        iss);
    this.tuple = tuple;
    this.handler = handler == null ? NO_HANDLER : handler;
    this.handlerReadsData = READS_DATA.get(this.handler.getClass());
    this.held = new HeldCallbacks();
    this.ecn = EcnEndpoint.of(config.ecn());
    visit(CLOSED);
  }

  // ---------------------------------------------------------------------------------------------
  // User calls (RFC 9293 3.10.1 - 3.10.5)
  // ---------------------------------------------------------------------------------------------

  /** RFC 9293 3.10.1 OPEN, active: send a SYN and enter SYN-SENT. */
  public void open() {
    checkState(state == CLOSED, "OPEN in state %s", state);
    setState(SYN_SENT, StateCause.OPEN);
    output();
    env.timersChanged(this);
  }

  /**
   * RFC 9293 3.10.7.2, a SYN arrives for a listener: this new TCB, born in LISTEN, takes the SYN
   * and answers SYN,ACK in SYN-RECEIVED (or, under the two-way handshake counterfactual, goes
   * straight to ESTABLISHED).
   */
  void acceptSyn(TcpSegment syn) {
    checkState(state == CLOSED, "a listener's child starts fresh, not in %s", state);
    segmentsInProcess++;
    passiveOpen = true;
    state = LISTEN;
    visit(LISTEN);
    synchronize(syn.seq());
    takeSynOptions(syn, this);
    updateWindow(syn);
    if (config.twoWayHandshake()) {
      // COUNTERFACTUAL: no third step. Our SYN is taken as known to the peer at once.
      setState(ESTABLISHED, StateCause.RCV_SYN_TWO_WAY);
      output();
      takeSynAsAcknowledged();
      stop(RETRANSMIT);
      established();
    } else {
      setState(SYN_RECEIVED, StateCause.RCV, SYN);
      output();
    }
    releaseCallbacks();
    env.timersChanged(this);
  }

  /**
   * RFC 9293 3.10.2 SEND: queues data. Returns how many bytes the send buffer took; when fewer than
   * offered, {@link TcpHandler#onWritable} follows once space is free.
   *
   * @throws IllegalStateException after the sending side was closed ("connection closing")
   */
  public int send(byte[] data) {
    return send(data, 0, data.length);
  }

  /** {@link #send(byte[])} for part of an array. */
  public int send(byte[] data, int offset, int length) {
    return send(data, offset, length, false);
  }

  /**
   * {@link #send(byte[], int, int)}, saying whether more data follows at once (Linux's MSG_MORE):
   * if so, this write sends no partial segment, and no PSH marks its end. The hold is this call's
   * only, as Linux's tcp_push corks the push of that sendmsg alone: an ACK that arrives later sends
   * the partial segment as far as Nagle's algorithm and TCP_CORK let it.
   */
  public int send(byte[] data, int offset, int length, boolean more) {
    checkWritable();
    return sent(append(data, offset, length, more), length);
  }

  /**
   * Linux's MSG_EOR: the bytes sent so far end a record. No segment, sent or resent, carries bytes
   * of both sides of its end, and Nagle's algorithm or a cork does not hold the record's last
   * segment once more data follows it (Linux's skb EOR mark: tcp_skb_can_collapse_to,
   * tcp_skb_can_collapse, tcp_write_xmit).
   */
  public void endRecord() {
    markRecordEnd();
  }

  /**
   * {@link #send(byte[], int, int)} of bytes that never change: the send buffer refers to them
   * instead of copying them, so a write of them costs the same whatever its length.
   */
  public int send(SharedBytes data, int offset, int length) {
    checkPositionIndexes(offset, offset + length, data.length());
    checkWritable();
    return sent(append(data, offset, length, false), length);
  }

  /** {@link #send(SharedBytes, int, int)} of all of {@code data}. */
  public int send(SharedBytes data) {
    return send(data, 0, data.length());
  }

  /** RFC 9293 3.10.2 SEND: the errors of a write. */
  private void checkWritable() {
    checkState(state != CLOSED && state != LISTEN, "connection does not exist (state %s)", state);
    checkState(!finQueued, "connection closing: the sending side is shut down (state %s)", state);
  }

  /** The send buffer took {@code accepted} of the {@code offered} bytes of a write: send them. */
  private int sent(int accepted, int offered) {
    wantsWritable = accepted < offered;
    if (state == ESTABLISHED || state == CLOSE_WAIT) {
      output();
      reportCongestion();
      env.timersChanged(this);
    }
    writePushed();
    return accepted;
  }

  /**
   * Nagle's algorithm for this connection (RFC 9293 3.7.4; the TCP_NODELAY socket option turns it
   * off). Turning it off sends what it held, and pushes out a partial segment held by {@link
   * #setCork} once, as Linux does on setting TCP_NODELAY.
   */
  public void setNagle(boolean on) {
    nagle(on);
    if (!on) {
      pushPartial();
    }
  }

  /**
   * Linux's TCP_CORK: while set, only full-sized segments are sent; clearing it sends what waited,
   * as far as Nagle's algorithm lets it.
   */
  public void setCork(boolean on) {
    cork(on);
    if (!on && (state == ESTABLISHED || state == CLOSE_WAIT)) {
      output();
      reportCongestion();
      env.timersChanged(this);
    }
  }

  /** Sends what may go now, a partial last segment included. */
  private void pushPartial() {
    if (state == ESTABLISHED || state == CLOSE_WAIT) {
      forceSmallSegment(true);
      output();
      forceSmallSegment(false);
      reportCongestion();
      env.timersChanged(this);
    }
  }

  /** Bytes the send buffer can still take. */
  public int sendBufferFree() {
    return bufferFree();
  }

  /**
   * Pauses or resumes handing received data to the application. While paused, data waits in the
   * receive buffer and the offered window shrinks, down to zero; resuming delivers what waited and
   * announces the reopened window.
   */
  public void setReading(boolean on) {
    setReadingData(on);
    if (on && state != CLOSED && openWindowAfterRead()) {
      ackNow(); // a window update (RFC 9293 3.8.6.2.2)
      output();
      env.timersChanged(this);
    }
  }

  /** Bytes received in order that the application has not taken yet. */
  public int unreadBytes() {
    return bytesUnread();
  }

  /**
   * RFC 9293 3.10.4 CLOSE: "I have no more data to send". The FIN follows the data already queued.
   * Receiving goes on. Calling it again is harmless.
   */
  public void shutdownOutput() {
    switch (state) {
      case SYN_SENT -> {
        // "Delete the TCB and return 'error: closing' responses to any queued SENDs."
        enterClosed(StateCause.CLOSE);
      }
      case SYN_RECEIVED, ESTABLISHED -> {
        queueFin();
        setState(FIN_WAIT_1, StateCause.CLOSE);
      }
      case CLOSE_WAIT -> {
        // RFC 9293 fixes RFC 793 here: CLOSE-WAIT goes to LAST-ACK.
        queueFin();
        setState(LAST_ACK, StateCause.CLOSE);
      }
      default -> {
        // LISTEN, CLOSED, or already closing: nothing more to do.
        return;
      }
    }
    output();
    reportCongestion();
    env.timersChanged(this);
  }

  /**
   * CLOSE from an application that will read no more: as {@link #shutdownOutput()}, and data that
   * arrives afterwards is acknowledged (RFC 9293 keeps receiving in FIN-WAIT) but not delivered.
   */
  public void close() {
    stopDelivering();
    orphaned = true;
    shutdownOutput();
    if (state == FIN_WAIT_2) {
      startFinWait2Timer();
      env.timersChanged(this);
    }
  }

  /**
   * TCP_USER_TIMEOUT (RFC 5482, as Linux's tcp(7) gives it): "the maximum amount of time ... that
   * transmitted data may remain unacknowledged". Once set, a retransmission timeout in a
   * synchronized state gives up when this much time has passed since the first timeout of the run,
   * whatever the number of retries, and no later timeout waits past that moment (Linux's
   * tcp_write_timeout and tcp_clamp_rto_to_user_timeout). In SYN-SENT and SYN-RECEIVED the SYN
   * retry count still applies as well. 0 turns it off.
   */
  public void setUserTimeout(long timeout) {
    checkArgument(timeout >= 0, "user timeout must not be negative: %s", timeout);
    setTimersUserTimeout(timeout);
  }

  /**
   * RFC 9293 3.10.5 ABORT: reset the peer where a connection exists, and enter CLOSED. The reset is
   * {@code <SEQ=SND.NXT><CTL=RST>}, or, where the host does so ({@link
   * HostProfile#rstAckOnAbort()}), a RST,ACK of RCV.NXT with the connection's timestamps. In
   * CLOSING and LAST-ACK only a host that resets there ({@link
   * HostProfile#abortResetsWhenClosing()}, FreeBSD's tcp_drop) sends one.
   */
  public void abort() {
    switch (state) {
      case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT ->
          // "Send a reset segment: <SEQ=SND.NXT><CTL=RST>" (the RFC's SND.NXT is our SND.MAX)
          transmit(dropReset());
      case CLOSING, LAST_ACK -> {
        // RFC 9293: "respond with ok and delete the TCB"; FreeBSD's tcp_drop resets in every
        // state after a SYN arrived (TCPS_HAVERCVDSYN): CLOSED's tcp_output sends RST,ACK.
        if (config.profile().abortResetsWhenClosing()) {
          transmit(dropReset());
        }
      }
      default -> {
        // LISTEN, SYN-SENT: no reset; TIME-WAIT: "respond with ok".
      }
    }
    if (state != CLOSED) {
      enterClosed(StateCause.ABORT);
    }
  }

  /**
   * The host crashed: the TCB vanishes without a word to the peer (RFC 9293 3.5.1, half-open
   * connections). Only a simulation can do this.
   */
  public void vanish() {
    if (state != CLOSED) {
      cancelAck();
      enterClosed(StateCause.HOST_CRASH);
    }
  }

  /**
   * A new SYN for this 4-tuple with a higher sequence number ends TIME-WAIT early (RFC 6191's idea,
   * as Linux does when so configured); the stack hands the SYN to the listener.
   */
  void endTimeWaitForNewSyn() {
    checkState(state == TIME_WAIT, "not in TIME-WAIT but %s", state);
    enterClosed(StateCause.RCV_SYN_NEW_INCARNATION);
  }

  /**
   * Whether {@code syn}, arriving in TIME-WAIT, is new enough to start a new incarnation of the
   * connection (RFC 6191): its sequence number is above RCV.NXT (FreeBSD's tcp_twcheck); with
   * Linux's rule ({@link HostProfile#linuxTimeWaitSyn()}, tcp_timewait_state_process) also when
   * only its timestamp is above TS.Recent, but never when PAWS refuses it.
   */
  boolean acceptsNewIncarnation(TcpSegment syn) {
    if (state != TIME_WAIT) {
      return false;
    }
    boolean newerSequence = Seq.gt(syn.seq(), rcvNxt);
    if (!config.profile().linuxTimeWaitSyn()) {
      return newerSequence;
    }
    boolean stamped = timestampsOn && syn.hasTimestamps();
    if (stamped && pawsRejects(syn)) {
      return false;
    }
    return newerSequence || (stamped && (int) syn.tsVal() - tsRecent > 0);
  }

  /**
   * The ISS of the incarnation that a SYN in TIME-WAIT starts: with Linux's rule the old SND.NXT +
   * 65537 (tcp_timewait_state_process: "isn = tw_snd_nxt + 65535 + 2", never 0), so that it lies
   * above every sequence number of this one; otherwise -1: RFC 6528's generator decides.
   */
  long newIncarnationIss() {
    if (!config.profile().linuxTimeWaitSyn()) {
      return -1;
    }
    int iss = seqOf(sndMax) + 65537;
    return Integer.toUnsignedLong(iss == 0 ? 1 : iss);
  }

  // ---------------------------------------------------------------------------------------------
  // SEGMENT ARRIVES (RFC 9293 3.10.7)
  // ---------------------------------------------------------------------------------------------

  /**
   * Processes an arriving segment addressed to this connection. The application hears of what it
   * brought (established, data, FIN, reset) once the whole segment is processed ({@link
   * HeldCallbacks}), before what is owed is sent.
   */
  public void onSegment(TcpSegment seg) {
    onSegment(seg, Ecn.NOT_ECT);
  }

  /**
   * Processes an arriving segment whose IP packet had the ECN field {@code codepoint} (RFC 3168: CE
   * is a router's congestion mark).
   */
  public void onSegment(TcpSegment seg, Ecn codepoint) {
    if (state == FIN_WAIT_1 || state == FIN_WAIT_2) {
      // FreeBSD's t_rcvtime, for its FIN-WAIT-2 timeout: the segments before FIN-WAIT-1 never
      // count, as FIN-WAIT-2 is entered on one that arrives in FIN-WAIT-1.
      segmentArrived(env.now());
    }
    switch (state) {
      case CLOSED, LISTEN -> {
        // The stack answers for CLOSED (3.10.7.1) and LISTEN (3.10.7.2); nothing to do here.
        return;
      }
      case SYN_SENT -> {
        segmentsInProcess++;
        synSentArrives(seg);
      }
      default -> {
        segmentsInProcess++;
        synchronizedArrives(seg, codepoint);
      }
    }
    releaseCallbacks();
    if (state != CLOSED) {
      output();
      notifyWritable();
    }
    reportCongestion();
    env.timersChanged(this);
  }

  /**
   * Reports cwnd, ssthresh, SRTT, RTO and the bytes in flight when one of them changed since they
   * were last reported ({@link CongestionReport}), if anyone listens.
   */
  private void reportCongestion() {
    if (!env.observesCongestion() || !hasCongestionControl()) {
      return;
    }
    CongestionReport report = congestionReport;
    if (report == null) {
      report = new CongestionReport();
      congestionReport = report;
    }
    if (report.changed(this)) {
      env.congestionChanged(this);
    }
  }

  /** RFC 9293 3.10.7.3: SYN-SENT. */
  private void synSentArrives(TcpSegment seg) {
    // First, check the ACK bit.
    boolean ackAcceptable = false;
    if (seg.has(ACK)) {
      // "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set, if so
      // drop the segment and return) <SEQ=SEG.ACK><CTL=RST> and discard the segment."
      if (Seq.le(seg.ack(), iss()) || Seq.gt(seg.ack(), seqOf(sndMax))) {
        if (!seg.has(RST)) {
          transmit(segment(seg.ack(), 0, RST));
        }
        return;
      }
      // "If SND.UNA < SEG.ACK =< SND.NXT, then the ACK is acceptable."
      ackAcceptable = Seq.lt(seqOf(sndUna), seg.ack());
    }
    // Second, check the RST bit.
    if (seg.has(RST)) {
      // RFC 5961 3.2 and RFC 9293: a RST is believed in SYN-SENT only if it acknowledges our SYN.
      if (ackAcceptable) {
        reset(RST);
      }
      return;
    }
    // Fourth, check the SYN bit.
    if (!seg.has(SYN)) {
      // Fifth: "If neither of the SYN or RST bits is set, then drop the segment and return."
      return;
    }
    synchronize(seg.seq());
    takeSynOptions(seg, this);
    buffersReady(Math.min(peerMss(), config.mss()));
    if (ackAcceptable) {
      acknowledge(seg.ack(), timestampRtt(seg));
    }
    if (sndUna > 0) {
      // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to ESTABLISHED,
      // form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
      updateWindow(seg);
      ackNow();
      setState(ESTABLISHED, StateCause.RCV, seg.flags());
      established();
      // "If there are other controls or text in the segment, then continue processing at the
      // sixth step." The SYN itself is behind us: the text starts at IRS + 1.
      if (state == ESTABLISHED) {
        processTextAndFin(seg, seg.seq() + 1);
      }
    } else {
      // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT>
      // <CTL=SYN,ACK> and send it." (Simultaneous open, RFC 9293 Figure 7.) Our SYN goes out
      // again, now with the ACK. "If there are other controls or text in the segment, queue them
      // for processing after the ESTABLISHED state has been reached": only where the host does.
      updateWindow(seg);
      setState(SYN_RECEIVED, StateCause.RCV, SYN);
      resendSyn();
      if (config.profile().simultaneousOpenTakesText()) {
        if (seg.dataLength() > 0) {
          // FreeBSD's tcp_reass holds the text until ESTABLISHED; a FIN behind it is lost.
          holdSynText(seg);
        } else if (seg.has(FIN)) {
          // FreeBSD's tcp_input takes a FIN without text at once: SYN-RECEIVED -> CLOSE-WAIT,
          // and the SYN,ACK acknowledges the SYN and the FIN.
          finArrives(seg.flags());
        }
      }
    }
  }

  /** RFC 9293 3.10.7.4: SYN-RECEIVED and the synchronized states. */
  private void synchronizedArrives(TcpSegment seg, Ecn codepoint) {
    int seq = seg.seq();
    int segLen = seg.seqLength();
    boolean syn = seg.has(SYN);

    if (timestampsOn && pawsRejects(seg) && !(syn && freebsdPaws())) {
      // RFC 7323 5.3 R1: "treat the arriving segment as not acceptable: Send an acknowledgment in
      // reply as specified in RFC 793 page 69 and drop the segment."
      pawsRejected(seg);
      return;
    }

    if (state == TIME_WAIT
        && config.profile().timeWaitNeedsAck()
        && !seg.has(ACK)
        && !seg.has(RST)) {
      // FreeBSD's tcp_twcheck: "Drop the segment if it does not contain an ACK." A SYN gets here
      // only at or below RCV.NXT (above it, a listener takes it as a new connection, TcpStack):
      // dropped too, unanswered, where RFC 5961 4.2 sends a challenge ACK. (A RST keeps RFC
      // 1337's rule.)
      return;
    }
    if (state == TIME_WAIT && seg.has(FIN) && !seg.has(RST) && !syn && seq + segLen == rcvNxt) {
      // RFC 9293 3.10.7.4, TIME-WAIT: "The only thing that can arrive in this state is a
      // retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout." The
      // ACK echoes the retransmission's timestamp (RFC 7323 4.3 (2): it lies below
      // Last.ACK.sent), so that the peer's RTT sample is its round trip.
      takeTimestamp(seg);
      ackNow();
      startTimeWait();
      return;
    }
    if (state == SYN_RECEIVED && syn && seq == irs() && !seg.has(RST)) {
      if (!seg.has(ACK)) {
        // The peer retransmitted its SYN: our SYN,ACK was lost. Send it again (as BSD and Linux
        // do; the RFC's sequence check would answer with a bare ACK and wait for our timer).
        takeTimestamp(seg);
        resendSyn();
        return;
      }
      // Simultaneous open: the peer's SYN,ACK repeats the SYN we already hold. Take it as the
      // acknowledgment it is (RFC 9293 Figure 7, line 6) and ACK it.
      seq++;
      segLen--;
      syn = false;
      ackNow();
    }

    // First, check the sequence number.
    if (!isAcceptable(seq, segLen)) {
      // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply
      // (unless the RST bit is set, if so drop the segment and return)."
      if (!seg.has(RST)) {
        if (syn) {
          challengeAck(); // RFC 5961 4.2: the reply to a SYN is a (rate-limited) challenge ACK
        } else {
          duplicateArrived(seq, seg.dataLength()); // RFC 2883: a D-SACK, with SACK
          ackNow();
          if (config.profile().oldSegmentAckTaken()
              && state != TIME_WAIT
              && !(state == SYN_RECEIVED && passiveOpen)
              && seg.has(ACK)
              && Seq.le(seq + segLen, rcvNxt)) {
            // FreeBSD's tcp_input.c, for a segment wholly below RCV.NXT: "Send an ACK to
            // resynchronize and drop any data. But keep on processing for RST or ACK." Only its
            // ACK field is left to process (its text and FIN are old). TIME-WAIT (tcp_twcheck)
            // and a listener's embryonic connection (the syncache) do not.
            ackArrives(seg);
          }
        }
      }
      return;
    }
    if (config.profile().dropAckOfUnsentData()
        && state != SYN_RECEIVED
        && !seg.has(RST)
        && !syn
        && seg.has(ACK)
        && Seq.gt(seg.ack(), seqOf(sndMax))) {
      // Linux's tcp_ack: a segment that acknowledges data not yet sent is discarded without a
      // reply, before its timestamp is taken (RFC 9293 3.10.7.4 answers it with an ACK).
      return;
    }
    takeTimestamp(seg); // RFC 7323 5.3 R3, after the window check (R2)
    restartKeepalive();
    if (ecn.arrived(seg, codepoint)) {
      ackNow(); // RFC 3168 6.1.3: the sender hears of the CE mark at once
    }

    // Second, check the RST bit.
    if (seg.has(RST)) {
      rstArrives(seq);
      return;
    }

    // Third, security and precedence: not modelled. Fourth, check the SYN bit.
    if (syn) {
      synArrivesSynchronized(seq);
      return;
    }

    // Fifth, check the ACK field. "If the ACK bit is off, drop the segment and return."
    if (!seg.has(ACK) || !ackArrives(seg)) {
      return;
    }

    if (orphaned && config.profile().resetOnDataAfterClose() && bringsNewText(seg, seq)) {
      // RFC 9293 3.6: "if new data is received after CLOSE is called, its TCP SHOULD send a RST
      // to show that data was lost" (RFC 2525 2.17). Linux's tcp_rcv_state_process and
      // FreeBSD's tcp_input do, with the reset to a segment that has an ACK:
      // <SEQ=SEG.ACK><CTL=RST>.
      transmit(segment(seg.ack(), 0, RST));
      enterClosed(StateCause.RCV, seg.flags());
      return;
    }

    // Sixth, the URG bit: urgent data is not modelled beyond the header field.
    // Seventh and eighth: the segment text and the FIN.
    processTextAndFin(seg, seq);
  }

  /** RFC 7323 4.3 (2): the segment's timestamp becomes TS.Recent if its place allows. */
  private void takeTimestamp(TcpSegment seg) {
    if (timestampsOn) {
      updateTsRecent(seg);
    }
  }

  /** Whether the host runs FreeBSD's PAWS, which leaves a SYN to the SYN rule (RFC 5961 4.2). */
  private boolean freebsdPaws() {
    return config.profile().paws() == HostProfile.Paws.FREEBSD;
  }

  /**
   * RFC 9293 3.10.7.4, second: the RST bit, with RFC 5961 3.2's exact-match rule (unless the host
   * takes RFC 793's rule for RST: {@link TcpConfig#insecureRst()}).
   */
  private void rstArrives(int seq) {
    if (state == TIME_WAIT && config.rfc1337()) {
      // RFC 1337: "ignore RST segments in TIME-WAIT state", so an old RST cannot assassinate it
      // (nor earn a challenge ACK; FreeBSD's tcp_twcheck drops every RST first).
      return;
    }
    if (config.rstChallengeAcks() && seq != rcvNxt) {
      // RFC 5961 3.2: "If the RST bit is set and the sequence number does not exactly match the
      // next expected sequence value, yet is within the current receive window, TCP MUST send an
      // acknowledgment (challenge ACK)."
      challengeAck();
      return;
    }
    switch (state) {
      case SYN_RECEIVED -> {
        if (passiveOpen) {
          // "If this connection was initiated with a passive OPEN (i.e., came from the LISTEN
          // state), then return this connection to LISTEN state and return."
          returnToListen(StateCause.RCV, RST);
        } else {
          // "If this connection was initiated with an active OPEN, then the connection was
          // refused; signal the user 'connection refused'."
          reset(RST);
        }
      }
      // "Any outstanding RECEIVEs and SEND should receive 'reset' responses ... enter CLOSED."
      case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> reset(RST);
      case CLOSING, LAST_ACK -> {
        // "If the RST bit is set, then enter the CLOSED state, delete the TCB, and return."
        // FreeBSD (tcp_input.c) and Linux (tcp_reset) also report the reset to the user here.
        if (config.profile().rstReportedWhenClosing()) {
          reset(RST);
        } else {
          enterClosed(StateCause.RCV, RST);
        }
      }
      case TIME_WAIT -> enterClosed(StateCause.RCV, RST);
      default -> throw new IllegalStateException("RST in " + state);
    }
  }

  /**
   * RFC 9293 3.10.7.4, fourth: a SYN in a synchronized state, whose sequence number is {@code seq}.
   */
  private void synArrivesSynchronized(int seq) {
    if (state == SYN_RECEIVED && passiveOpen) {
      // "In SYN-RECEIVED state, if the connection was initiated with a passive OPEN, then return
      // this connection to the LISTEN state and return."
      returnToListen(StateCause.RCV, SYN);
      return;
    }
    if (state == TIME_WAIT && config.profile().timeWaitSynRestarts()) {
      // FreeBSD's tcp_twcheck has no SYN rule (RFC 5961 or insecure_syn): a SYN it did not take
      // as a new connection (a SYN,ACK anywhere; one without ACK at or below RCV.NXT was dropped
      // already) is acknowledged as any segment that is not a duplicate ACK.
      ackNow();
      return;
    }
    if (config.synChallengeAcks()) {
      // RFC 5961 4.2: "If the SYN bit is set, irrespective of the sequence number, TCP MUST send
      // an ACK (also referred to as challenge ACK) to the remote peer."
      challengeAck();
    } else if (config.challengeAcks() && !seqInWindow(seq)) {
      // FreeBSD's insecure_syn (tcp_input.c) takes RFC 793's reset only for a SYN whose own
      // sequence number lies in the window, RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND; a SYN,FIN
      // that starts below RCV.NXT and only reaches into the window gets RFC 5961's challenge ACK.
      challengeAck();
    } else {
      // RFC 793's rule (RFC 5961 off, or FreeBSD's insecure_syn): a SYN in the window is an
      // error; reset the connection, with the reset the host sends when it drops one.
      transmit(dropReset());
      reset(SYN);
    }
  }

  /**
   * RFC 9293 3.10.7.4, fifth: the ACK field. Returns false if the segment is done with (dropped, or
   * it closed the connection).
   */
  private boolean ackArrives(TcpSegment seg) {
    int ack = seg.ack();
    // RFC 5961 5.2: "the ACK value is considered acceptable only if it is in the range of
    // ((SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT)". Otherwise send a (challenge) ACK.
    boolean tooNew = Seq.gt(ack, seqOf(sndMax));
    boolean tooOld =
        config.challengeAcks()
            && Seq.lt(ack, seqOf(sndUna) - (int) Math.min(maxSndWnd, Integer.MAX_VALUE));
    if (state == SYN_RECEIVED) {
      // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue processing";
      // "If the segment acknowledgment is not acceptable, form a reset segment
      // <SEQ=SEG.ACK><CTL=RST> and send it."
      if (!Seq.lt(seqOf(sndUna), ack) || tooNew) {
        transmit(segment(ack, 0, RST));
        return false;
      }
      acknowledge(ack, timestampRtt(seg));
      updateWindow(seg);
      if (passiveOpen) {
        buffersReady(Math.min(peerMss(), config.mss())); // an active open has them already
      }
      setState(ESTABLISHED, StateCause.RCV, seg.flags());
      established();
      if (state != ESTABLISHED) {
        return false;
      }
      // The text of a simultaneous open's SYN, held until now (FreeBSD's tcp_reass(tp, NULL) in
      // the SYN-RECEIVED ACK branch), if any.
      receiveHeldSynText();
    } else if (tooNew || tooOld) {
      // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the
      // segment, and return."
      if (config.challengeAcks()) {
        challengeAck();
      } else {
        ackNow();
      }
      return false;
    } else {
      // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK"; duplicates are ignored
      // by the state machine, and counted for fast retransmit (RFC 5681 2: same ACK, no data,
      // no SYN or FIN, data outstanding, the same window). With SACK, RFC 6675 5: the
      // scoreboard takes the SACK blocks first, and a duplicate is an ACK that SACKs new data.
      boolean ecnEcho = ecn.isOn() && seg.has(ECE);
      if (!quietAckArrived(seg, ecnEcho)) {
        ackArrived(seg, ecnEcho, timestampRtt(seg));
      }
    }

    boolean finAcked = finAcked();
    switch (state) {
      case FIN_WAIT_1 -> {
        // "In addition to the processing for the ESTABLISHED state, if the FIN segment is now
        // acknowledged, then enter FIN-WAIT-2 and continue processing in that state." When the
        // segment also carries the peer's FIN, the FIN step takes us from FIN-WAIT-1 straight to
        // TIME-WAIT ("if our FIN has been ACKed (perhaps in this segment)").
        if (finAcked && !carriesNextFin(seg)) {
          setState(FIN_WAIT_2, StateCause.RCV, seg.flags());
          if (orphaned) {
            startFinWait2Timer();
          }
        }
      }
      case CLOSING -> {
        // "If the ACK acknowledges our FIN, then enter the TIME-WAIT state; otherwise, ignore
        // the segment." Once in TIME-WAIT, the segment's text and FIN are processed on.
        if (finAcked) {
          setState(TIME_WAIT, StateCause.RCV, seg.flags());
          startTimeWait();
        }
        return finAcked;
      }
      case LAST_ACK -> {
        // "The only thing that can arrive in this state is an acknowledgment of our FIN. If our
        // FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return."
        if (finAcked) {
          enterClosed(StateCause.RCV, seg.flags());
        }
        return false;
      }
      case TIME_WAIT -> {
        // "The only thing that can arrive in this state is a retransmission of the remote FIN.
        // Acknowledge it, and restart the 2 MSL timeout." Whatever else passed the sequence
        // check is acknowledged the same way, except a bare duplicate ACK at RCV.NXT, which
        // (as in BSD and Linux) gets no answer, so that two endpoints cannot trade ACKs.
        if (seg.seqLength() > 0 || seg.seq() != rcvNxt) {
          ackNow();
          startTimeWait();
        }
      }
      default -> {
        // ESTABLISHED, FIN-WAIT-2, CLOSE-WAIT: the ESTABLISHED processing above is all.
      }
    }
    return true;
  }

  /**
   * Whether {@code seg}, whose text starts at {@code textSeq}, brings text beyond RCV.NXT in a
   * state that takes text (FIN-WAIT-1 or -2 once the application closed).
   */
  private boolean bringsNewText(TcpSegment seg, int textSeq) {
    int length = seg.dataLength();
    return (state == FIN_WAIT_1 || state == FIN_WAIT_2)
        && length > 0
        && Seq.gt(textSeq + length, rcvNxt);
  }

  /** Whether the segment's FIN comes right after RCV.NXT's data, so the FIN step will take it. */
  private boolean carriesNextFin(TcpSegment seg) {
    int finSeq = seg.seq() + seg.dataLength();
    int rcvNxt = this.rcvNxt;
    return seg.has(FIN) && Seq.le(seg.seq(), rcvNxt) && Seq.ge(finSeq, rcvNxt);
  }

  /**
   * RFC 9293 3.10.7.4, seventh (segment text) and eighth (FIN).
   *
   * @param textSeq the sequence number of the segment's first data byte (past any SYN)
   */
  private void processTextAndFin(TcpSegment seg, int textSeq) {
    switch (state) {
      case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> {
        // "Once in the ESTABLISHED state, it is possible to deliver segment data to user
        // RECEIVE buffers ... send an acknowledgment of the form <SEQ=SND.NXT><ACK=RCV.NXT>
        // <CTL=ACK>."
        if (seg.dataLength() > 0) {
          receiveText(textSeq, seg);
        }
        int finSeq = textSeq + seg.dataLength();
        if (seg.has(FIN) && Seq.gt(finSeq, rcvNxt)) {
          holdFin(finSeq);
        }
        if ((seg.has(FIN) && finSeq == rcvNxt) || (finPending && heldFinIsNext())) {
          finArrives(seg.flags());
        }
      }
      default -> {
        // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has been
        // received from the remote side. Ignore the segment text." A FIN at RCV.NXT is still
        // taken by the eighth step: "advance RCV.NXT over the FIN, and send an acknowledgment
        // for the FIN", and the state remains; FreeBSD takes only the first FIN (tcp_input.c
        // advances rcv_nxt only while no FIN was received).
        if (seg.has(FIN)
            && textSeq + seg.dataLength() == rcvNxt
            && !config.profile().finAfterFinIgnored()) {
          finArrives(seg.flags());
        }
      }
    }
  }

  /** RFC 9293 3.10.7.4, eighth: the FIN, arriving on a segment with {@code flags}. */
  private void finArrives(int flags) {
    // "Advance RCV.NXT over the FIN, and send an acknowledgment for the FIN."
    takeFin();
    switch (state) {
      case SYN_RECEIVED, ESTABLISHED -> {
        setState(CLOSE_WAIT, StateCause.RCV, flags);
        if (config.delayedAck()) {
          // The passive closer's ACK may wait, as Linux's does, in case its FIN can join it.
          delayAck();
        } else {
          ackNow();
        }
      }
      case FIN_WAIT_1 -> {
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start the
        // time-wait timer, turn off the other timers; otherwise, enter the CLOSING state."
        ackNow();
        if (finAcked()) {
          setState(TIME_WAIT, StateCause.RCV, flags);
          startTimeWait();
        } else {
          setState(CLOSING, StateCause.RCV, flags);
        }
      }
      case FIN_WAIT_2 -> {
        // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other "
        ackNow();
        setState(TIME_WAIT, StateCause.RCV, flags);
        startTimeWait();
      }
      default -> ackNow(); // CLOSE-WAIT, CLOSING, LAST-ACK: remain.
    }
    if (!peerFinSeen) {
      peerFinSeen = true;
      notifyApplication(AppEvent.PEER_CLOSED, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Timeouts (RFC 9293 3.10.8, RFC 6298)
  // ---------------------------------------------------------------------------------------------

  /** The earliest time this connection needs {@link #onTimer()}, or {@link #NEVER}. */
  public long pollAt() {
    return earliestDeadline();
  }

  /** This connection as its timers (its {@link TcpTimers} layer), for the stack and for tests. */
  TcpTimers timers() {
    return this;
  }

  /** The name of the connection's timer ({@link Environment#timerLabel}). */
  @Override
  String timerLabel() {
    return env.timerLabel(this);
  }

  /** Where the connection's stack keeps it in its history, or -1 if no stack made it. */
  int historyIndex() {
    return historyIndex;
  }

  @Override
  final TcpConnection connection() {
    return this;
  }

  /** The connection's stack keeps it at {@code index} of its history. */
  void historyIndex(int index) {
    historyIndex = index;
  }

  /** The peer's address, where the connection's segments go. */
  Ipv4Address remoteAddress() {
    return remoteAddress;
  }

  /**
   * Handles the first timer that has expired by now ({@link TcpTimers.Kind}'s order), and with it
   * an expired delayed ACK.
   */
  @Override
  public void onTimer() {
    long now = env.now();
    TcpTimers.Kind due = due(now);
    if (due != null) {
      switch (due) {
        case TIME_WAIT -> {
          // RFC 9293 3.10.8: "If the time-wait timeout expires on a connection, delete the TCB,
          // enter the CLOSED state, and return."
          stop(TcpTimers.Kind.TIME_WAIT);
          enterClosed(StateCause.TIME_WAIT_TIMEOUT);
        }
        case FIN_WAIT_2_TIMEOUT -> finWait2Timeout();
        case RETRANSMIT -> retransmissionTimeout();
        case PERSIST -> persistTimeout();
        case KEEPALIVE -> {
          // RFC 9293 3.8.4 / RFC 1122 4.2.3.6: probe an idle connection, give up after enough.
          long next = Time.after(now, config.keepaliveInterval());
          if (keepaliveProbeDue(config.keepaliveProbes(), next)) {
            // <SEQ=SND.NXT-1> with no data: the peer must answer with an ACK.
            transmit(segment(seqOf(sndNxt) - 1, rcvNxt, ACK));
          } else {
            timeout();
          }
        }
        case LOSS_PROBE, RACK_REORDER -> {
          // RFC 8985's timers, which the loss recovery runs.
          recoveryTimeout(due);
          output();
        }
        case DELAYED_ACK -> {
          // Sent below, also when another timer came first.
        }
      }
    }
    if (isDue(DELAYED_ACK, now) && state != CLOSED) {
      delayedAckExpired();
      output();
    }
    reportCongestion();
    env.timersChanged(this);
  }

  /** RFC 6298 5.4 - 5.6: retransmit the earliest unacknowledged segment and back off. */
  private void retransmissionTimeout() {
    stop(RETRANSMIT);
    long userTimeout = userTimeout();
    int limit =
        switch (state) {
          case SYN_SENT -> config.synRetries();
          case SYN_RECEIVED -> passiveOpen ? config.synAckRetries() : config.synRetries();
          default -> config.maxRetries();
        };
    boolean handshake = state == SYN_SENT || state == SYN_RECEIVED;
    boolean userTimedOut =
        userTimeout > 0 && retries() > 0 && env.now() - firstTimeoutAt() >= userTimeout;
    if (userTimedOut || (retries() >= limit && (userTimeout == 0 || handshake))) {
      // RFC 9293 3.10.8 USER TIMEOUT: "flush all queues, signal the user 'error: connection
      // aborted due to user timeout' ... delete the TCB, enter the CLOSED state".
      if (state == SYN_RECEIVED && passiveOpen) {
        returnToListen(StateCause.USER_TIMEOUT, 0);
      } else {
        timeout();
      }
      return;
    }
    retransmitOnTimeout();
    output();
    startRetransmitTimer();
    clampRetransmitToUserTimeout(firstTimeoutAt());
  }

  /**
   * The application closed and the peer's FIN has not come: the host deletes the connection without
   * a word (Linux's tcp_fin_timeout; FreeBSD's tcp_timer_2msl, which waits until nothing has
   * arrived for that long, looking again every keep-alive interval).
   */
  private void finWait2Timeout() {
    stop(FIN_WAIT_2_TIMEOUT);
    HostProfile host = config.profile();
    long now = env.now();
    if (host.finWait2CountsIdleTime() && now - lastSegmentAt() <= host.finWait2Timeout()) {
      start(FIN_WAIT_2_TIMEOUT, Time.after(now, config.keepaliveInterval()));
      return;
    }
    enterClosed(StateCause.FIN_WAIT_2_TIMEOUT);
  }

  /** In FIN-WAIT-2 after the application closed: the host's FIN-WAIT-2 timeout starts, if any. */
  private void startFinWait2Timer() {
    long timeout = config.profile().finWait2Timeout();
    if (timeout > 0) {
      start(FIN_WAIT_2_TIMEOUT, Time.after(env.now(), timeout));
    }
  }

  /** The user timeout ended the connection (RFC 9293 3.10.8 USER TIMEOUT); for the send side. */
  void userTimedOut() {
    timeout();
  }

  /** The connection gives up: the user hears "timeout", and the TCB is deleted. */
  private void timeout() {
    notifyApplication(AppEvent.TIMEOUT, null);
    enterClosed(StateCause.USER_TIMEOUT);
  }

  /** A segment arrived: the connection is alive; the next probe waits a whole idle time. */
  private void restartKeepalive() {
    if (config.keepalive() && (state == ESTABLISHED || state == CLOSE_WAIT)) {
      restartKeepalive(Time.after(env.now(), config.keepaliveIdle()));
    }
  }

  private void startTimeWait() {
    keepAdvertisedWindow();
    long duration = config.timeWaitDuration();
    startTimeWait(Time.after(env.now(), duration));
    if (duration == 0 && state == TIME_WAIT) {
      // COUNTERFACTUAL zero-length TIME-WAIT: close once the final ACK has gone out.
      output();
      stop(TcpTimers.Kind.TIME_WAIT);
      enterClosed(StateCause.TIME_WAIT_ZERO);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sending
  // ---------------------------------------------------------------------------------------------

  /** Whether the host's own queue refuses every packet now ({@link Environment#egressRefuses}). */
  boolean egressRefuses() {
    return env.egressRefuses();
  }

  /** Sends whatever may be sent now: SYN, data, FIN, or a pending acknowledgment. */
  void output() {
    if (state == CLOSED || state == LISTEN) {
      return;
    }
    if (!env.egressRefuses()) {
      // A refused send leaves the data unsent (Linux's tcp_write_xmit stops when tcp_transmit_skb
      // fails): the probe timer started below retries it (tcp_check_probe_timer).
      if (!sendsNothing()) {
        transmitAll();
      }
    }
    if (ackPending) {
      if (config.profile().finRepeatedOnAck() && !bareAckOwed && finUnacknowledged()) {
        // FreeBSD's tcp_output: while our FIN is unacknowledged every segment carries it, at the
        // FIN's own sequence number ("if resending a FIN, be sure not to use a new sequence
        // number").
        transmit(segment(seqOf(finPosition()), rcvNxt, FIN | ACK));
      } else {
        // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, where the RFC's SND.NXT is our SND.MAX: while we
        // resend, SND.NXT lags behind what the peer may hold, and an ACK below its RCV.NXT would
        // fail its acceptability test unread (FreeBSD's tcp_output uses snd_max likewise).
        transmit(segment(seqOf(sndMax), rcvNxt, ACK));
      }
    }
    bareAckOwed = false;
    if (sndNxt < dataEnd) {
      startPersistIfStalled(); // it tests that data waits first
    }
  }

  /**
   * The reset this host sends when it drops a connection (ABORT, or a SYN under RFC 793's rule):
   * RFC 9293 3.10.5's {@code <SEQ=SND.NXT><CTL=RST>}, or, where the host does so ({@link
   * HostProfile#rstAckOnAbort()}), a RST,ACK of RCV.NXT with the connection's timestamps (Linux's
   * tcp_send_active_reset, FreeBSD's tcp_drop).
   */
  private TcpSegment dropReset() {
    int seq = seqOf(sndMax);
    return config.profile().rstAckOnAbort()
        ? segment(seq, rcvNxt, RST | ACK)
        : segment(seq, 0, RST);
  }

  // ---------------------------------------------------------------------------------------------
  // Bookkeeping
  // ---------------------------------------------------------------------------------------------

  /** Tells the application that its send buffer has room again, if it was waiting for that. */
  private void notifyWritable() {
    if (wantsWritable && state != CLOSED && !finQueued && bufferFree() > 0) {
      wantsWritable = false;
      handler.onWritable(this);
    }
  }

  private void established() {
    restartKeepalive();
    notifyApplication(AppEvent.ESTABLISHED, null);
  }

  /** The peer reset the connection (a segment with {@code flags} arrived). */
  private void reset(int flags) {
    notifyApplication(AppEvent.RESET, null);
    enterClosed(StateCause.RCV, flags);
  }

  private void returnToListen(StateCause cause, int causeFlags) {
    stop(RETRANSMIT);
    cancelAck();
    setState(LISTEN, cause, causeFlags);
  }

  private void enterClosed(StateCause cause) {
    enterClosed(cause, 0);
  }

  private void enterClosed(StateCause cause, int causeFlags) {
    stopAll();
    setState(CLOSED, cause, causeFlags);
    notifyApplication(AppEvent.CLOSED, null);
  }

  /**
   * A segment's processing ends: once the outermost one has, the callbacks it held run ({@link
   * HeldCallbacks#release}).
   */
  private void releaseCallbacks() {
    if (--segmentsInProcess == 0 && callbacksHeld) {
      callbacksHeld = false;
      held.release(this);
    }
  }

  /**
   * Reports {@code event} to the observers at once, and to the application at once or, while a
   * segment is processed, once it is done.
   *
   * @param bytes the bytes delivered, for {@link AppEvent#DATA}; otherwise null
   */
  private void notifyApplication(AppEvent event, @Nullable ReceivedData bytes) {
    env.appEvent(this, event, bytes == null ? 0 : bytes.length());
    if (segmentsInProcess > 0) {
      held.add(event, bytes);
      callbacksHeld = true;
    } else {
      callHandler(event, bytes);
    }
  }

  /** Calls the application's handler for {@code event}. */
  void callHandler(AppEvent event, @Nullable ReceivedData bytes) {
    switch (event) {
      case ESTABLISHED -> handler.onEstablished(this);
      case DATA -> {
        if (handlerReadsData) { // else its onData would do nothing: it is not read at all
          handler.onData(this, checkNotNull(bytes));
        }
      }
      case PEER_CLOSED -> handler.onPeerClosed(this);
      case RESET -> handler.onReset(this);
      case TIMEOUT -> handler.onTimeout(this);
      case CLOSED -> handler.onClosed(this);
      default -> throw new IllegalArgumentException("not a connection's event: " + event);
    }
  }

  private void setState(TcpState next, StateCause cause) {
    setState(next, cause, 0);
  }

  /**
   * Every state change goes through here, so that each one is reported once.
   *
   * @param causeFlags for {@link StateCause#RCV}, the flags the cause names; otherwise 0
   */
  private void setState(TcpState next, StateCause cause, int causeFlags) {
    TcpState previous = state;
    if (previous == next) {
      return;
    }
    checkState(
        TcpTransitions.allows(previous, next),
        "no transition %s -> %s (%s) in RFC 9293",
        previous,
        next,
        cause.traceName(causeFlags));
    state = next;
    if (next == ESTABLISHED && !hasVisited(ESTABLISHED)) {
      established(env.now());
    }
    visit(next);
    env.stateChanged(this, previous, next, cause, causeFlags);
  }

  // ---------------------------------------------------------------------------------------------
  // What the receive side asks of its connection
  // ---------------------------------------------------------------------------------------------

  /** An empty {@link ReceivedData} to fill and {@link #deliver} (for the {@link ReceiveSide}). */
  ReceivedData nextDelivery() {
    return held.nextData(segmentsInProcess > 0);
  }

  /** In-order bytes for the application (from the {@link ReceiveSide}). */
  void deliver(ReceivedData bytes) {
    notifyApplication(AppEvent.DATA, bytes);
  }

  /**
   * Whether a handler hears in-order data delivered now (for the {@link ReceiveSide}): the one in
   * place reads data ({@link #handlerReadsData}), or a callback of this segment is held before it,
   * which may set one that does (the DATA callback goes to the handler in place when it runs). When
   * none does, the receive side fills no {@link ReceivedData} and calls {@link #dataUnheard}.
   */
  boolean dataHeard() {
    return handlerReadsData || callbacksHeld;
  }

  /**
   * {@code length} in-order bytes that no handler hears ({@link #dataHeard}): only the observers
   * hear of them, as of any delivery; the DATA callback, which would do nothing, is not held.
   */
  void dataUnheard(int length) {
    env.appEvent(this, AppEvent.DATA, length);
  }

  // ---------------------------------------------------------------------------------------------
  // Observation
  // ---------------------------------------------------------------------------------------------

  public TcpState state() {
    return state;
  }

  public FourTuple tuple() {
    return tuple;
  }

  /** The 4-tuple's key but for the local address ({@link ConnectionTable#key}). */
  long tupleKey() {
    return tupleKey;
  }

  /** The bits of the 4-tuple's local address. */
  int localAddressBits() {
    return localAddressBits;
  }

  /**
   * Whether the stack of {@code stackEnv} maps this connection now to the 4-tuple of local address
   * {@code localAddress} and key {@code key} ({@link ConnectionTable#key}): then, its keys being
   * unique, the table's lookup of that 4-tuple gives this connection. Reads only this object's
   * first fields.
   */
  boolean isMappedAs(Environment stackEnv, int localAddress, long key) {
    return mapped && env == stackEnv && tupleKey == key && localAddressBits == localAddress;
  }

  /** The table maps this connection ({@code true}) or no longer ({@code false}, for good). */
  void setMapped(boolean mapped) {
    this.mapped = mapped;
    if (!mapped) {
      peer = null;
    }
  }

  /**
   * A segment from {@code origin} (or a segment built by hand, null) reached this connection: the
   * hint this connection's segments carry is now {@code origin}.
   */
  void heardFrom(@Nullable TcpConnection origin) {
    if (origin != null && origin != peer && mapped) {
      peer = origin;
    }
  }

  /** The connection at the other end as last heard, or null ({@link #peer}). */
  @Nullable TcpConnection peer() {
    return peer;
  }

  public Endpoint local() {
    return tuple.local();
  }

  public Endpoint remote() {
    return tuple.remote();
  }

  public TcpConfig config() {
    return config;
  }

  /**
   * Replaces the application handler (a listener's application takes over its children). Set by a
   * callback, it hears the callbacks of the same segment that follow, its data included; set while
   * a segment is processed (by an observer), the data that follows.
   */
  public void setHandler(TcpHandler handler) {
    this.handler = checkNotNull(handler, "handler");
    this.handlerReadsData = READS_DATA.get(handler.getClass());
  }

  /** The states this connection has been in, in enum order. */
  public Set<TcpState> visited() {
    Set<TcpState> states = EnumSet.noneOf(TcpState.class);
    for (TcpState candidate : TcpState.values()) {
      if (hasVisited(candidate)) {
        states.add(candidate);
      }
    }
    return states;
  }

  private void visit(TcpState reached) {
    visited = (char) (visited | 1 << reached.ordinal());
  }

  private boolean hasVisited(TcpState state) {
    return (visited & (1 << state.ordinal())) != 0;
  }

  /** Whether this connection came from a listener. */
  public boolean isPassive() {
    return passiveOpen;
  }

  /** A read-only view of this connection's state and counters (Linux's tcp_info), made once. */
  public TcpInfo info() {
    TcpInfo view = info;
    if (view == null) {
      view = new TcpInfo(this, this, this, this);
      info = view;
    }
    return view;
  }

  @Override
  public String toString() {
    return tuple + " " + state;
  }
}
