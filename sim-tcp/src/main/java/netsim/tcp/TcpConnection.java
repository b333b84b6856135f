package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static netsim.tcp.TcpFlags.ACK;
import static netsim.tcp.TcpFlags.FIN;
import static netsim.tcp.TcpFlags.PSH;
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

import com.google.common.collect.ImmutableList;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import netsim.core.Time;
import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.CongestionControls;

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
 * <p>Data transfer: a sliding window limited by the peer's window and the congestion window ({@link
 * CongestionControl}), sender and receiver silly-window avoidance and Nagle (RFC 9293 3.8.6), fast
 * retransmit and recovery (RFC 5681, RFC 6582), out-of-order reassembly, delayed acknowledgments,
 * the persist timer for zero windows, and keep-alives.
 */
public final class TcpConnection {

  /** What a connection needs from around it: a clock and a way to send and to report. */
  public interface Environment {
    long now();

    void transmit(TcpConnection connection, TcpSegment segment);

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
  }

  /** {@link #pollAt()} when no timer is running. */
  public static final long NEVER = Long.MAX_VALUE;

  /** RFC 9293 3.7.1: the MSS to assume when the peer sends none. */
  static final int DEFAULT_PEER_MSS = 536;

  private static final int TIMESTAMP_OPTION_LENGTH = 12;

  private final TcpConfig config;
  private final FourTuple tuple;
  private final Environment env;
  private TcpHandler handler;

  private TcpState state = CLOSED;
  private final Set<TcpState> visited = EnumSet.noneOf(TcpState.class);

  /** Whether this connection came from a LISTEN (RFC 9293 3.10.7.4: it returns there on RST). */
  private boolean passiveOpen;

  // Send sequence space (RFC 9293 3.3.1), as stream positions; see the class comment.
  private final int iss;
  private long sndUna;
  private long sndNxt;
  private long sndMax;
  private long sndWnd;
  private long maxSndWnd;
  private int sndWl1;
  private int sndWl2;
  private final SendBuffer sendBuffer;
  private boolean finQueued;
  private boolean wantsWritable;

  // Receive sequence space.
  private int irs;
  private int rcvNxt;
  private boolean deliverData = true;
  private boolean peerFinSeen;

  // Options in effect (RFC 7323, RFC 2018).
  private int peerMss = DEFAULT_PEER_MSS;
  private int sndShift;
  private int rcvShift;
  private boolean timestampsOn;
  private long tsRecent;
  private final long tsOffset;
  private boolean sackOn;
  private boolean peerOfferedScaling;
  private boolean peerOfferedTimestamps;
  private boolean peerOfferedSack;

  // Receiving: reassembly, the offered window and the application's reading.
  private final ReassemblyQueue reassembly = new ReassemblyQueue();

  /** The stream offset of RCV.NXT's byte: in-order bytes received so far. */
  private long receivedOffset;

  /** RCV.WND: the window offered, from RCV.NXT. */
  private long rcvWnd;

  /** Bytes received in order while the application was not reading; null when there are none. */
  private ByteArrayOutputStream unread;

  private boolean reading = true;
  private boolean finPending;
  private int pendingFinSeq;

  // Congestion control and loss recovery (RFC 5681, RFC 6582).
  private CongestionControl cc;
  private int duplicateAcks;
  private boolean inRecovery;
  private boolean restartedInRecovery;

  /** One past the highest position sent when recovery began ("recover" of RFC 6582). */
  private long recover;

  private long reportedCwnd = -1;
  private long reportedSsthresh = -1;
  private long reportedSrtt = -1;
  private long reportedRto = -1;
  private long reportedFlight = -1;

  // Output.
  private boolean ackPending;

  /** Full-sized segments received since our last ACK, for delayed ACKs. */
  private int unackedSegments;

  // Timers, as absolute deadlines.
  private long retransmitAt = NEVER;
  private long timeWaitAt = NEVER;
  private long delayedAckAt = NEVER;
  private long persistAt = NEVER;
  private int persistBackoffs;
  private boolean forceSmallSegment;
  private long keepaliveAt = NEVER;
  private int keepalivesUnanswered;
  private int retries;
  private final RttEstimator rtt;
  private long timedPosition = -1;
  private long timedSince;
  private long lastChallengeAck = Long.MIN_VALUE;

  // Counters.
  private long bytesSent;
  private long bytesDelivered;
  private long segmentsSent;
  private long retransmissions;

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
      TcpHandler handler) {
    this.config = checkNotNull(config, "config");
    this.tuple = checkNotNull(tuple, "tuple");
    this.env = checkNotNull(env, "env");
    this.handler = handler == null ? new TcpHandler() {} : handler;
    this.iss = iss;
    this.tsOffset = tsOffset;
    this.sendBuffer = new SendBuffer(config.sendBuffer());
    this.rtt =
        new RttEstimator(
            config.initialRto(), config.minRto(), config.maxRto(), config.clockGranularity());
    this.rcvShift = config.windowScaling() ? config.receiveWindowShift() : 0;
    this.rcvWnd = Math.min(config.receiveBuffer(), 0xFFFF);
    visited.add(CLOSED);
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
    passiveOpen = true;
    state = LISTEN;
    visited.add(LISTEN);
    irs = syn.seq();
    rcvNxt = irs + 1;
    takeSynOptions(syn);
    updateWindow(syn);
    if (config.twoWayHandshake()) {
      // COUNTERFACTUAL: no third step. Our SYN is taken as known to the peer at once.
      setState(ESTABLISHED, StateCause.RCV_SYN_TWO_WAY);
      output();
      sndUna = 1;
      timedPosition = -1;
      stopRetransmitTimer();
      established();
    } else {
      setState(SYN_RECEIVED, StateCause.RCV, SYN);
      output();
    }
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
    checkState(state != CLOSED && state != LISTEN, "connection does not exist (state %s)", state);
    checkState(!finQueued, "connection closing: the sending side is shut down (state %s)", state);
    int accepted = sendBuffer.append(data, offset, length);
    wantsWritable = accepted < length;
    if (state == ESTABLISHED || state == CLOSE_WAIT) {
      output();
      reportCongestion();
      env.timersChanged(this);
    }
    return accepted;
  }

  /** Bytes the send buffer can still take. */
  public int sendBufferFree() {
    return sendBuffer.free();
  }

  /** Bytes of memory the send buffer holds now (it grows with its data; for tests). */
  int sendBufferAllocated() {
    return sendBuffer.allocated();
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
        finQueued = true;
        setState(FIN_WAIT_1, StateCause.CLOSE);
      }
      case CLOSE_WAIT -> {
        // RFC 9293 fixes RFC 793 here: CLOSE-WAIT goes to LAST-ACK.
        finQueued = true;
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
    deliverData = false;
    shutdownOutput();
  }

  /** RFC 9293 3.10.5 ABORT: reset the peer where a connection exists, and enter CLOSED. */
  public void abort() {
    switch (state) {
      case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT ->
          // "Send a reset segment: <SEQ=SND.NXT><CTL=RST>" (the RFC's SND.NXT is our SND.MAX)
          transmit(segment(seqOf(sndMax), 0, RST, null));
      default -> {
        // LISTEN, SYN-SENT: no reset; CLOSING, LAST-ACK, TIME-WAIT: "respond with ok".
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
      ackPending = false;
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

  // ---------------------------------------------------------------------------------------------
  // SEGMENT ARRIVES (RFC 9293 3.10.7)
  // ---------------------------------------------------------------------------------------------

  /** Processes an arriving segment addressed to this connection. */
  public void onSegment(TcpSegment seg) {
    switch (state) {
      case CLOSED, LISTEN -> {
        // The stack answers for CLOSED (3.10.7.1) and LISTEN (3.10.7.2); nothing to do here.
        return;
      }
      case SYN_SENT -> synSentArrives(seg);
      default -> synchronizedArrives(seg);
    }
    if (state != CLOSED) {
      output();
      notifyWritable();
    }
    reportCongestion();
    env.timersChanged(this);
  }

  /** Reports cwnd, ssthresh, SRTT, RTO and the bytes in flight when one of them changed. */
  private void reportCongestion() {
    if (cc == null) {
      return;
    }
    long cwnd = cc.cwnd();
    long ssthresh = cc.ssthresh();
    long flight = flightSize();
    if (cwnd != reportedCwnd
        || ssthresh != reportedSsthresh
        || rtt.srtt() != reportedSrtt
        || rtt.rto() != reportedRto
        || flight != reportedFlight) {
      reportedCwnd = cwnd;
      reportedSsthresh = ssthresh;
      reportedSrtt = rtt.srtt();
      reportedRto = rtt.rto();
      reportedFlight = flight;
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
      if (Seq.le(seg.ack(), iss) || Seq.gt(seg.ack(), seqOf(sndMax))) {
        if (!seg.has(RST)) {
          transmit(segment(seg.ack(), 0, RST, null));
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
    irs = seg.seq();
    rcvNxt = irs + 1;
    takeSynOptions(seg);
    if (ackAcceptable) {
      acknowledge(seg.ack());
    }
    if (sndUna > 0) {
      // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to ESTABLISHED,
      // form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
      updateWindow(seg);
      ackPending = true;
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
      // again, now with the ACK. Text in the SYN is not queued (a deliberate simplification).
      updateWindow(seg);
      setState(SYN_RECEIVED, StateCause.RCV, SYN);
      sndNxt = 0;
    }
  }

  /** RFC 9293 3.10.7.4: SYN-RECEIVED and the synchronized states. */
  private void synchronizedArrives(TcpSegment seg) {
    int seq = seg.seq();
    int segLen = seg.seqLength();
    boolean syn = seg.has(SYN);

    if (state == TIME_WAIT && seg.has(FIN) && !seg.has(RST) && !syn && seq + segLen == rcvNxt) {
      // RFC 9293 3.10.7.4, TIME-WAIT: "The only thing that can arrive in this state is a
      // retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL timeout."
      ackPending = true;
      startTimeWait();
      return;
    }
    if (state == SYN_RECEIVED && syn && seq == irs && !seg.has(RST)) {
      if (!seg.has(ACK)) {
        // The peer retransmitted its SYN: our SYN,ACK was lost. Send it again (as BSD and Linux
        // do; the RFC's sequence check would answer with a bare ACK and wait for our timer).
        sndNxt = 0;
        return;
      }
      // Simultaneous open: the peer's SYN,ACK repeats the SYN we already hold. Take it as the
      // acknowledgment it is (RFC 9293 Figure 7, line 6) and ACK it.
      seq++;
      segLen--;
      syn = false;
      ackPending = true;
    }

    // First, check the sequence number.
    if (!isAcceptable(seq, segLen)) {
      // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply
      // (unless the RST bit is set, if so drop the segment and return)."
      if (!seg.has(RST)) {
        if (syn) {
          challengeAck(); // RFC 5961 4.2: the reply to a SYN is a (rate-limited) challenge ACK
        } else {
          ackPending = true;
        }
      }
      return;
    }
    takeTimestamp(seg);
    restartKeepalive();

    // Second, check the RST bit.
    if (seg.has(RST)) {
      rstArrives(seq);
      return;
    }

    // Third, security and precedence: not modelled. Fourth, check the SYN bit.
    if (syn) {
      synArrivesSynchronized();
      return;
    }

    // Fifth, check the ACK field. "If the ACK bit is off, drop the segment and return."
    if (!seg.has(ACK) || !ackArrives(seg)) {
      return;
    }

    // Sixth, the URG bit: urgent data is not modelled beyond the header field.
    // Seventh and eighth: the segment text and the FIN.
    processTextAndFin(seg, seq);
  }

  /** RFC 7323 4.3: remember the peer's latest timestamp to echo it. */
  private void takeTimestamp(TcpSegment seg) {
    TcpOptions options = seg.options();
    if (timestampsOn && options.timestamps() && (int) options.tsVal() - (int) tsRecent >= 0) {
      tsRecent = options.tsVal();
    }
  }

  /** The acceptability test of RFC 9293 3.10.7.4 (the table of SEG.LEN and RCV.WND). */
  private boolean isAcceptable(int seq, int segLen) {
    int window = (int) rcvWnd;
    if (segLen == 0) {
      return window == 0 ? seq == rcvNxt : Seq.inWindow(seq, rcvNxt, window);
    }
    if (window == 0) {
      return false;
    }
    return Seq.inWindow(seq, rcvNxt, window) || Seq.inWindow(seq + segLen - 1, rcvNxt, window);
  }

  /** RFC 9293 3.10.7.4, second: the RST bit, with RFC 5961 3.2's exact-match rule. */
  private void rstArrives(int seq) {
    if (config.challengeAcks() && seq != rcvNxt) {
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
      case CLOSING, LAST_ACK -> enterClosed(StateCause.RCV, RST);
      case TIME_WAIT -> {
        if (!config.rfc1337()) {
          enterClosed(StateCause.RCV, RST);
        }
        // RFC 1337: ignore RST in TIME-WAIT, so an old RST cannot assassinate it.
      }
      default -> throw new IllegalStateException("RST in " + state);
    }
  }

  /** RFC 9293 3.10.7.4, fourth: a SYN in a synchronized state. */
  private void synArrivesSynchronized() {
    if (state == SYN_RECEIVED && passiveOpen) {
      // "In SYN-RECEIVED state, if the connection was initiated with a passive OPEN, then return
      // this connection to the LISTEN state and return."
      returnToListen(StateCause.RCV, SYN);
      return;
    }
    if (config.challengeAcks()) {
      // RFC 5961 4.2: "If the SYN bit is set, irrespective of the sequence number, TCP MUST send
      // an ACK (also referred to as challenge ACK) to the remote peer."
      challengeAck();
    } else {
      // RFC 793's rule: a SYN in the window is an error; reset the connection.
      transmit(segment(seqOf(sndMax), 0, RST, null));
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
        transmit(segment(ack, 0, RST, null));
        return false;
      }
      acknowledge(ack);
      updateWindow(seg);
      setState(ESTABLISHED, StateCause.RCV, seg.flags());
      established();
      if (state != ESTABLISHED) {
        return false;
      }
    } else if (tooNew || tooOld) {
      // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the
      // segment, and return."
      if (config.challengeAcks()) {
        challengeAck();
      } else {
        ackPending = true;
      }
      return false;
    } else {
      // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK"; duplicates are ignored
      // by the state machine, and counted for fast retransmit (RFC 5681 2: same ACK, no data,
      // no SYN or FIN, data outstanding, the same window).
      if (Seq.lt(seqOf(sndUna), ack)) {
        acknowledge(ack);
      } else if (cc != null
          && ack == seqOf(sndUna)
          && seg.seqLength() == 0
          && sndMax > sndUna
          && sndWnd > 0
          && scaledWindow(seg) == sndWnd) {
        duplicateAckArrives();
      }
      // "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK), set SND.WND <-
      // SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK."
      if (Seq.lt(sndWl1, seg.seq()) || (sndWl1 == seg.seq() && Seq.le(sndWl2, ack))) {
        updateWindow(seg);
      }
    }

    boolean finAcked = finQueued && sndUna > finPosition();
    switch (state) {
      case FIN_WAIT_1 -> {
        // "In addition to the processing for the ESTABLISHED state, if the FIN segment is now
        // acknowledged, then enter FIN-WAIT-2 and continue processing in that state." When the
        // segment also carries the peer's FIN, the FIN step takes us from FIN-WAIT-1 straight to
        // TIME-WAIT ("if our FIN has been ACKed (perhaps in this segment)").
        if (finAcked && !carriesNextFin(seg)) {
          setState(FIN_WAIT_2, StateCause.RCV, seg.flags());
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
          ackPending = true;
          startTimeWait();
        }
      }
      default -> {
        // ESTABLISHED, FIN-WAIT-2, CLOSE-WAIT: the ESTABLISHED processing above is all.
      }
    }
    return true;
  }

  /** Whether the segment's FIN comes right after RCV.NXT's data, so the FIN step will take it. */
  private boolean carriesNextFin(TcpSegment seg) {
    int finSeq = seg.seq() + seg.data().length;
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
        byte[] data = seg.data();
        if (data.length > 0) {
          receiveText(textSeq, data);
        }
        int finSeq = textSeq + data.length;
        if (seg.has(FIN) && Seq.gt(finSeq, rcvNxt)) {
          // A FIN beyond a gap waits for the gap to be filled.
          finPending = true;
          pendingFinSeq = finSeq;
          ackNow();
        }
        if ((seg.has(FIN) && finSeq == rcvNxt) || (finPending && pendingFinSeq == rcvNxt)) {
          finArrives(seg.flags());
        }
      }
      default -> {
        // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has been
        // received from the remote side. Ignore the segment text." A FIN at RCV.NXT is still
        // taken by the eighth step: "advance RCV.NXT over the FIN, and send an acknowledgment
        // for the FIN", and the state remains.
        if (seg.has(FIN) && textSeq + seg.data().length == rcvNxt) {
          finArrives(seg.flags());
        }
      }
    }
  }

  /**
   * Takes segment text: in-order bytes go to the application (with any held data they make
   * contiguous), out-of-order bytes are held; what lies outside the window is dropped.
   */
  private void receiveText(int textSeq, byte[] data) {
    int offset = Seq.diff(textSeq, rcvNxt);
    int from = Math.max(0, -offset);
    int to = (int) Math.min(data.length, rcvWnd - offset);
    if (from >= to) {
      ackNow(); // a duplicate, or nothing inside the window
      return;
    }
    byte[] fresh = from == 0 && to == data.length ? data : Arrays.copyOfRange(data, from, to);
    if (offset + from > 0) {
      // Out of order: hold it, and say at once where the gap begins (RFC 5681 4.2).
      reassembly.add(receivedOffset + offset + from, fresh);
      ackNow();
      return;
    }
    boolean gapWasOpen = !reassembly.isEmpty();
    accept(fresh);
    byte[] filled = reassembly.drain(receivedOffset);
    if (filled.length > 0) {
      accept(filled);
    }
    if (gapWasOpen || !config.delayedAck()) {
      ackNow(); // RFC 5681 4.2: a segment that fills a gap is acknowledged at once
    } else {
      // RFC 9293 3.8.6.3 / RFC 1122 4.2.3.2: ACK at least every second full-sized segment,
      // and never later than the delayed-ACK timeout.
      if (data.length >= sendMss()) {
        unackedSegments++;
      }
      if (unackedSegments >= 2) {
        ackNow();
      } else if (delayedAckAt == NEVER) {
        delayedAckAt = Time.after(env.now(), config.delayedAckTimeout());
      }
    }
  }

  /** In-order bytes: advance RCV.NXT, shrink the window, and give them to the application. */
  private void accept(byte[] bytes) {
    rcvNxt += bytes.length;
    receivedOffset += bytes.length;
    rcvWnd = Math.max(0, rcvWnd - bytes.length);
    bytesDelivered += bytes.length;
    if (!deliverData) {
      openWindow(); // the application closed: bytes are acknowledged and discarded
    } else if (reading) {
      env.appEvent(this, AppEvent.DATA, bytes.length);
      handler.onData(this, bytes);
      openWindow();
    } else {
      if (unread == null) {
        unread = new ByteArrayOutputStream(bytes.length);
      }
      unread.writeBytes(bytes);
    }
  }

  /**
   * Receiver silly-window avoidance (RFC 9293 3.8.6.2.2): the window grows only by at least
   * min(half the buffer, one MSS) at a time. Returns whether it grew.
   */
  private boolean openWindow() {
    long free = Math.min(config.receiveBuffer() - unreadBytes(), 0xFFFFL << rcvShift);
    if (free - rcvWnd >= Math.min(config.receiveBuffer() / 2, sendMss())) {
      rcvWnd = free;
      return true;
    }
    return false;
  }

  /** RFC 9293 3.10.7.4, eighth: the FIN, arriving on a segment with {@code flags}. */
  private void finArrives(int flags) {
    // "Advance RCV.NXT over the FIN, and send an acknowledgment for the FIN."
    finPending = false;
    rcvNxt++;
    switch (state) {
      case SYN_RECEIVED, ESTABLISHED -> {
        setState(CLOSE_WAIT, StateCause.RCV, flags);
        if (config.delayedAck()) {
          // The passive closer's ACK may wait, as Linux's does, in case its FIN can join it.
          if (delayedAckAt == NEVER) {
            delayedAckAt = Time.after(env.now(), config.delayedAckTimeout());
          }
        } else {
          ackNow();
        }
      }
      case FIN_WAIT_1 -> {
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start the
        // time-wait timer, turn off the other timers; otherwise, enter the CLOSING state."
        ackNow();
        if (sndUna > finPosition()) {
          setState(TIME_WAIT, StateCause.RCV, flags);
          startTimeWait();
        } else {
          setState(CLOSING, StateCause.RCV, flags);
        }
      }
      case FIN_WAIT_2 -> {
        // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other timers."
        ackNow();
        setState(TIME_WAIT, StateCause.RCV, flags);
        startTimeWait();
      }
      default -> ackNow(); // CLOSE-WAIT, CLOSING, LAST-ACK: remain.
    }
    if (!peerFinSeen) {
      peerFinSeen = true;
      env.appEvent(this, AppEvent.PEER_CLOSED, 0);
      handler.onPeerClosed(this);
    }
  }

  /** Schedules an immediate acknowledgment (sent by the next output). */
  private void ackNow() {
    ackPending = true;
  }

  /**
   * Pauses or resumes handing received data to the application. While paused, data waits in the
   * receive buffer and the offered window shrinks, down to zero; resuming delivers what waited and
   * announces the reopened window.
   */
  public void setReading(boolean on) {
    reading = on;
    if (on && unread != null) {
      byte[] waiting = unread.toByteArray();
      unread = null; // its memory goes with it
      if (deliverData) {
        env.appEvent(this, AppEvent.DATA, waiting.length);
        handler.onData(this, waiting);
      }
    }
    if (on && state != CLOSED && openWindow()) {
      ackNow(); // a window update (RFC 9293 3.8.6.2.2)
      output();
      env.timersChanged(this);
    }
  }

  /** Bytes received in order that the application has not taken yet. */
  public int unreadBytes() {
    return unread == null ? 0 : unread.size();
  }

  // ---------------------------------------------------------------------------------------------
  // Timeouts (RFC 9293 3.10.8, RFC 6298)
  // ---------------------------------------------------------------------------------------------

  /** The earliest time this connection needs {@link #onTimer()}, or {@link #NEVER}. */
  public long pollAt() {
    return Math.min(
        Math.min(retransmitAt, timeWaitAt),
        Math.min(delayedAckAt, Math.min(persistAt, keepaliveAt)));
  }

  /** Handles every timer that has expired by now. */
  public void onTimer() {
    long now = env.now();
    if (timeWaitAt <= now) {
      // RFC 9293 3.10.8: "If the time-wait timeout expires on a connection, delete the TCB,
      // enter the CLOSED state, and return."
      timeWaitAt = NEVER;
      enterClosed(StateCause.TIME_WAIT_TIMEOUT);
    } else if (retransmitAt <= now) {
      retransmissionTimeout();
    } else if (persistAt <= now) {
      persistTimeout();
    } else if (keepaliveAt <= now) {
      keepaliveTimeout();
    }
    if (delayedAckAt <= now && state != CLOSED) {
      ackNow();
      output();
    }
    reportCongestion();
    env.timersChanged(this);
  }

  /** RFC 6298 5.4 - 5.6: retransmit the earliest unacknowledged segment and back off. */
  private void retransmissionTimeout() {
    retransmitAt = NEVER;
    int limit =
        switch (state) {
          case SYN_SENT -> config.synRetries();
          case SYN_RECEIVED -> passiveOpen ? config.synAckRetries() : config.synRetries();
          default -> config.maxRetries();
        };
    if (retries >= limit) {
      // RFC 9293 3.10.8 USER TIMEOUT: "flush all queues, signal the user 'error: connection
      // aborted due to user timeout' ... delete the TCB, enter the CLOSED state".
      if (state == SYN_RECEIVED && passiveOpen) {
        returnToListen(StateCause.USER_TIMEOUT, 0);
      } else {
        timeout();
      }
      return;
    }
    retries++;
    retransmissions++;
    rtt.backOff();
    timedPosition = -1; // Karn: no RTT sample from a retransmitted segment
    if (cc != null && sndMax > sndUna) {
      // RFC 5681 3.1 (4) and RFC 6582 4: collapse to the loss window; leave recovery.
      cc.onTimeout(env.now(), flightSize());
      inRecovery = false;
      duplicateAcks = 0;
      recover = sndMax;
    }
    // Go back to the first unacknowledged segment; the window allows one segment at first.
    sndNxt = sndUna;
    TcpSegment first = nextSegment();
    if (first != null) {
      env.retransmitted(this, first, RetransmitReason.RTO);
      transmit(first);
    }
    output();
    startRetransmitTimer();
  }

  /** The connection gives up: the user hears "timeout", and the TCB is deleted. */
  private void timeout() {
    env.appEvent(this, AppEvent.TIMEOUT, 0);
    handler.onTimeout(this);
    enterClosed(StateCause.USER_TIMEOUT);
  }

  /**
   * RFC 9293 3.8.6.1: the peer's window is zero and data waits; probe it with one byte beyond the
   * window, backing off like the RTO, until the window opens.
   */
  private void persistTimeout() {
    persistAt = NEVER;
    long dataEnd = 1 + sendBuffer.end();
    if (sndNxt >= dataEnd) {
      return;
    }
    if (sndWnd > 0) {
      // RFC 9293 3.8.6.2.1's override timeout: send what the small window allows.
      forceSmallSegment = true;
      output();
      forceSmallSegment = false;
      return;
    }
    TcpSegment probe = segment(seqOf(sndNxt), rcvNxt, ACK, sendBuffer.copy(sndNxt - 1, 1));
    sndMax = Math.max(sndMax, sndNxt + 1);
    env.retransmitted(this, probe, RetransmitReason.PROBE);
    transmit(probe);
    persistBackoffs++;
    startPersistTimer();
  }

  private void startPersistTimer() {
    long interval = rtt.rto();
    for (int i = 0; i < persistBackoffs && interval < config.maxRto(); i++) {
      interval *= 2;
    }
    persistAt = Time.after(env.now(), Math.min(interval, config.maxRto()));
  }

  /** RFC 9293 3.8.4 / RFC 1122 4.2.3.6: probe an idle connection, give up after enough. */
  private void keepaliveTimeout() {
    keepaliveAt = NEVER;
    if (keepalivesUnanswered >= config.keepaliveProbes()) {
      timeout();
      return;
    }
    // <SEQ=SND.NXT-1> with no data: the peer must answer with an ACK.
    transmit(segment(seqOf(sndNxt) - 1, rcvNxt, ACK, null));
    keepalivesUnanswered++;
    keepaliveAt = Time.after(env.now(), config.keepaliveInterval());
  }

  /** A segment arrived: the connection is alive; the next probe waits a whole idle time. */
  private void restartKeepalive() {
    if (config.keepalive() && (state == ESTABLISHED || state == CLOSE_WAIT)) {
      keepalivesUnanswered = 0;
      keepaliveAt = Time.after(env.now(), config.keepaliveIdle());
    }
  }

  private void startTimeWait() {
    // "Start the time-wait timer, turn off the other timers."
    stopRetransmitTimer();
    persistAt = NEVER;
    keepaliveAt = NEVER;
    long duration = config.timeWaitDuration();
    timeWaitAt = Time.after(env.now(), duration);
    if (duration == 0 && state == TIME_WAIT) {
      // COUNTERFACTUAL zero-length TIME-WAIT: close once the final ACK has gone out.
      output();
      timeWaitAt = NEVER;
      enterClosed(StateCause.TIME_WAIT_ZERO);
    }
  }

  private void startRetransmitTimer() {
    retransmitAt = Time.after(env.now(), rtt.rto());
  }

  private void stopRetransmitTimer() {
    retransmitAt = NEVER;
  }

  // ---------------------------------------------------------------------------------------------
  // Sending
  // ---------------------------------------------------------------------------------------------

  /** Sends whatever may be sent now: SYN, data, FIN, or a pending acknowledgment. */
  private void output() {
    if (state == CLOSED || state == LISTEN) {
      return;
    }
    TcpSegment next;
    while ((next = nextSegment()) != null) {
      transmit(next);
    }
    if (ackPending) {
      // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, where the RFC's SND.NXT is our SND.MAX: while we
      // resend, SND.NXT lags behind what the peer may hold, and an ACK below its RCV.NXT would
      // fail its acceptability test unread (FreeBSD's tcp_output uses snd_max likewise).
      transmit(segment(seqOf(sndMax), rcvNxt, ACK, null));
    }
    if (sndNxt < 1 + sendBuffer.end()
        && sndMax == sndUna
        && sndUna > 0
        && retransmitAt == NEVER
        && persistAt == NEVER
        && state.isSynchronized()) {
      // Data waits but nothing is in flight, so no ACK will come to move it: the window is
      // closed, or too small to be worth a segment. The persist timer will force it.
      startPersistTimer();
    }
  }

  /**
   * The next segment to send from SND.NXT, or null if nothing may be sent. Advances SND.NXT and
   * starts the retransmission timer and RTT timing as RFC 6298 says.
   */
  private TcpSegment nextSegment() {
    return nextSegment(Math.min(sndWnd, cwnd()));
  }

  /** {@link #nextSegment()} with the send window limited to {@code window} bytes. */
  private TcpSegment nextSegment(long window) {
    long position = sndNxt;
    if (position == 0) {
      return sendSyn();
    }
    if (state == SYN_SENT || (state == SYN_RECEIVED && sndUna == 0)) {
      return null; // data waits for ESTABLISHED (RFC 9293 3.10.2)
    }
    long dataEnd = 1 + sendBuffer.end();
    long windowEnd = sndUna + window;
    int mss = sendMss();
    long limit = Math.min(Math.min(dataEnd, windowEnd), position + mss);
    int length = (int) Math.max(0, limit - position);
    boolean fin = finQueued && position + length == dataEnd;
    if (length == 0 && !fin) {
      return null;
    }
    if (length > 0
        && length < mss
        && position >= sndMax
        && !mayDispatchSmall(position, length, dataEnd)) {
      return null;
    }
    byte[] data = length == 0 ? null : sendBuffer.copy(position - 1, length);
    int flags = ACK | (fin ? FIN : 0) | (length > 0 && position + length == dataEnd ? PSH : 0);
    TcpSegment seg = segment(seqOf(position), rcvNxt, flags, data);
    bytesSent += Math.max(0, position + length - Math.max(position, sndMax)); // new bytes only
    advance(position, length + (fin ? 1 : 0));
    return seg;
  }

  /**
   * Sender silly-window avoidance and Nagle (RFC 9293 3.8.6.2.1 and 3.7.4) for a new segment
   * shorter than the MSS: send it if it empties the send buffer and nothing is outstanding (or
   * Nagle is off), or if it is at least half the largest window the peer ever offered.
   */
  private boolean mayDispatchSmall(long position, int length, long dataEnd) {
    if (forceSmallSegment) {
      return true;
    }
    boolean emptiesBuffer = position + length == dataEnd;
    boolean nothingOutstanding = sndMax == sndUna;
    if (emptiesBuffer && (nothingOutstanding || !config.nagle())) {
      return true;
    }
    return maxSndWnd > 0 && length >= maxSndWnd / 2;
  }

  private long flightSize() {
    return sndMax - sndUna;
  }

  private TcpSegment sendSyn() {
    int flags = state == SYN_SENT ? SYN : SYN | ACK;
    TcpSegment seg = segment(iss, rcvNxt, flags, null);
    advance(0, 1);
    return seg;
  }

  /** Moves SND.NXT past a segment of {@code length} sequence numbers at {@code position}. */
  private void advance(long position, int length) {
    sndNxt = position + length;
    if (sndNxt > sndMax) {
      if (timedPosition < 0 && position >= sndMax) {
        // RFC 6298 3: time one segment at a time, never a retransmitted one (Karn).
        timedPosition = position;
        timedSince = env.now();
      }
      sndMax = sndNxt;
    }
    if (length > 0 && retransmitAt == NEVER) {
      // RFC 6298 5.1: "Every time a packet containing data is sent (including a
      // retransmission), if the timer is not running, start it running."
      startRetransmitTimer();
    }
  }

  private int sendMss() {
    return Math.min(peerMss, config.mss()) - (timestampsOn ? TIMESTAMP_OPTION_LENGTH : 0);
  }

  /** A segment from this connection, with the window and options every segment carries. */
  private TcpSegment segment(int seq, int ack, int flags, byte[] data) {
    boolean syn = (flags & SYN) != 0;
    TcpOptions options = syn ? synOptions() : TcpOptions.NONE;
    if ((syn ? options.timestamps() : timestampsOn) && (flags & RST) == 0) {
      options = options.withTimestamps(timestampNow(), (flags & ACK) != 0 ? tsRecent : 0);
    }
    int windowField = (int) Math.min(0xFFFF, syn ? rcvWnd : rcvWnd >> rcvShift);
    return new TcpSegment(
        tuple.local().port(),
        tuple.remote().port(),
        seq,
        (flags & ACK) != 0 ? ack : 0,
        flags,
        (flags & RST) != 0 && (flags & ACK) == 0 ? 0 : windowField,
        0,
        options,
        data);
  }

  /**
   * The options of our SYN (what we offer) or SYN,ACK (only what the peer's SYN offered, also after
   * a simultaneous open: RFC 7323 2.2, "A TCP MAY send a Window Scale option in a <SYN,ACK> segment
   * only if it received a Window Scale option in the initial <SYN>", and 3.2 likewise for
   * timestamps; RFC 2018 for SACK-permitted).
   */
  private TcpOptions synOptions() {
    boolean active = !passiveOpen && state == SYN_SENT;
    boolean scaling = config.windowScaling() && (active || peerOfferedScaling);
    boolean timestamps = config.timestamps() && (active || peerOfferedTimestamps);
    boolean sack = config.sackPermitted() && (active || peerOfferedSack);
    return new TcpOptions(
        config.mss(),
        scaling ? config.receiveWindowShift() : -1,
        sack,
        timestamps,
        0,
        0,
        ImmutableList.of());
  }

  private long timestampNow() {
    return (env.now() / Time.MILLISECOND + tsOffset) & 0xFFFF_FFFFL;
  }

  private void transmit(TcpSegment seg) {
    if (seg.has(ACK)) {
      ackPending = false;
      delayedAckAt = NEVER;
      unackedSegments = 0;
    }
    segmentsSent++;
    env.transmit(this, seg);
  }

  /** RFC 5961 7: a challenge ACK, at most one per configured interval. */
  private void challengeAck() {
    long now = env.now();
    long interval = config.challengeAckInterval();
    if (interval > 0 && lastChallengeAck != Long.MIN_VALUE && now - lastChallengeAck < interval) {
      return;
    }
    lastChallengeAck = now;
    ackPending = true;
  }

  // ---------------------------------------------------------------------------------------------
  // Bookkeeping
  // ---------------------------------------------------------------------------------------------

  /** SND.UNA <- SEG.ACK: release acknowledged data, take an RTT sample, manage the timer. */
  private void acknowledge(int ack) {
    long position = sndUna + Seq.diff(ack, seqOf(sndUna));
    if (position <= sndUna) {
      return;
    }
    long acked = position - Math.max(sndUna, 1); // the SYN does not count as data
    sndUna = position;
    if (sndNxt < sndUna) {
      sndNxt = sndUna;
    }
    sendBuffer.release(Math.max(0, sndUna - 1));
    if (timedPosition >= 0 && sndUna > timedPosition) {
      rtt.sample(env.now() - timedSince);
      timedPosition = -1;
    }
    retries = 0;
    boolean partialAck = false;
    if (cc != null && acked > 0) {
      partialAck = congestionOnAck(acked);
    }
    // RFC 6298 5.2 and 5.3: stop the timer when all is acknowledged, else restart it (RFC 6582
    // 3.2 step 5: on the first partial ACK of a recovery only).
    if (sndUna >= sndMax) {
      stopRetransmitTimer();
    } else if (!partialAck || !restartedInRecovery) {
      restartedInRecovery = partialAck;
      startRetransmitTimer();
    }
  }

  /**
   * New data was acknowledged: grow the window, or continue or end loss recovery (RFC 5681 3.2, RFC
   * 6582 3.2). Returns whether the ACK was a partial ACK of a NewReno recovery.
   */
  private boolean congestionOnAck(long acked) {
    duplicateAcks = 0;
    if (!inRecovery) {
      cc.onAck(env.now(), acked, rtt.srtt());
      return false;
    }
    long smss = sendMss();
    if (!cc.newRenoRecovery() || sndUna >= recover) {
      // Reno: the first new ACK ends recovery, cwnd = ssthresh ("deflating" the window).
      // NewReno full ACK, RFC 6582 3.2 step 3 (1): cwnd = min(ssthresh, max(FlightSize, SMSS)
      // + SMSS).
      inRecovery = false;
      restartedInRecovery = false;
      cc.setCwnd(
          cc.newRenoRecovery()
              ? Math.min(cc.ssthresh(), Math.max(flightSize(), smss) + smss)
              : cc.ssthresh());
      return false;
    }
    // RFC 6582 3.2 step 4, a partial ACK: retransmit the first unacknowledged segment, deflate
    // the window by the data acknowledged, and add back one SMSS if that was at least one.
    retransmitFirstUnacknowledged(RetransmitReason.FAST);
    cc.setCwnd(cc.cwnd() - acked + (acked >= smss ? smss : 0));
    return true;
  }

  /** RFC 5681 3.2: three duplicate ACKs mean a segment was lost; further ones inflate cwnd. */
  private void duplicateAckArrives() {
    duplicateAcks++;
    if (inRecovery) {
      cc.setCwnd(cc.cwnd() + sendMss()); // step 5: each further duplicate inflates the window
      return;
    }
    // RFC 6582 3.2 step 2: no new recovery until the ACKs cover what was sent at the last one.
    if (duplicateAcks == 3 && (!cc.newRenoRecovery() || sndUna >= recover)) {
      inRecovery = true;
      recover = sndMax;
      cc.onFastRetransmit(env.now(), flightSize());
      timedPosition = -1; // Karn
      retransmitFirstUnacknowledged(RetransmitReason.FAST);
    }
  }

  /** Sends the segment at SND.UNA again, whatever the windows, without moving SND.NXT back. */
  private void retransmitFirstUnacknowledged(RetransmitReason reason) {
    long next = sndNxt;
    sndNxt = sndUna;
    TcpSegment seg = nextSegment(Long.MAX_VALUE / 4);
    sndNxt = Math.max(next, sndNxt);
    if (seg != null) {
      retransmissions++;
      env.retransmitted(this, seg, reason);
      transmit(seg);
    }
  }

  /** Tells the application that its send buffer has room again, if it was waiting for that. */
  private void notifyWritable() {
    if (wantsWritable && state != CLOSED && !finQueued && sendBuffer.free() > 0) {
      wantsWritable = false;
      handler.onWritable(this);
    }
  }

  /** The peer's window in bytes. RFC 7323 2.2: the window field of a SYN is never scaled. */
  private long scaledWindow(TcpSegment seg) {
    return seg.has(SYN) ? seg.window() : (long) seg.window() << sndShift;
  }

  private void updateWindow(TcpSegment seg) {
    sndWnd = scaledWindow(seg);
    if (sndWnd > 0) {
      persistAt = NEVER;
      persistBackoffs = 0;
    }
    maxSndWnd = Math.max(maxSndWnd, sndWnd);
    sndWl1 = seg.seq();
    sndWl2 = seg.ack();
  }

  /** Takes the peer's MSS, window scale, SACK-permitted and timestamps from its SYN. */
  private void takeSynOptions(TcpSegment syn) {
    TcpOptions options = syn.options();
    peerMss = options.hasMss() ? options.mss() : DEFAULT_PEER_MSS;
    peerOfferedScaling = options.hasWindowScale();
    peerOfferedTimestamps = options.timestamps();
    peerOfferedSack = options.sackPermitted();
    boolean weScale = config.windowScaling();
    if (weScale && peerOfferedScaling) {
      sndShift = options.windowScale();
    } else {
      sndShift = 0;
      rcvShift = 0;
    }
    timestampsOn = config.timestamps() && peerOfferedTimestamps;
    if (timestampsOn) {
      tsRecent = options.tsVal();
    }
    sackOn = config.sackPermitted() && peerOfferedSack;
    rcvWnd = Math.min(config.receiveBuffer(), 0xFFFFL << rcvShift);
    int smss = sendMss();
    cc =
        CongestionControls.create(
            config.congestionControl(), smss, config.initialWindowBytes(smss));
  }

  private void established() {
    restartKeepalive();
    env.appEvent(this, AppEvent.ESTABLISHED, 0);
    handler.onEstablished(this);
  }

  private long finPosition() {
    return 1 + sendBuffer.end();
  }

  private int seqOf(long position) {
    return iss + (int) position;
  }

  /** The peer reset the connection (a segment with {@code flags} arrived). */
  private void reset(int flags) {
    env.appEvent(this, AppEvent.RESET, 0);
    handler.onReset(this);
    enterClosed(StateCause.RCV, flags);
  }

  private void returnToListen(StateCause cause, int causeFlags) {
    stopRetransmitTimer();
    delayedAckAt = NEVER;
    ackPending = false;
    setState(LISTEN, cause, causeFlags);
  }

  private void enterClosed(StateCause cause) {
    enterClosed(cause, 0);
  }

  private void enterClosed(StateCause cause, int causeFlags) {
    stopRetransmitTimer();
    timeWaitAt = NEVER;
    delayedAckAt = NEVER;
    persistAt = NEVER;
    keepaliveAt = NEVER;
    setState(CLOSED, cause, causeFlags);
    env.appEvent(this, AppEvent.CLOSED, 0);
    handler.onClosed(this);
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
    visited.add(next);
    env.stateChanged(this, previous, next, cause, causeFlags);
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

  public Endpoint local() {
    return tuple.local();
  }

  public Endpoint remote() {
    return tuple.remote();
  }

  public TcpConfig config() {
    return config;
  }

  /** Replaces the application handler (a listener's application takes over its children). */
  public void setHandler(TcpHandler handler) {
    this.handler = checkNotNull(handler, "handler");
  }

  /** The states this connection has been in, in enum order. */
  public Set<TcpState> visited() {
    return EnumSet.copyOf(visited);
  }

  /** Whether this connection came from a listener. */
  public boolean isPassive() {
    return passiveOpen;
  }

  public int iss() {
    return iss;
  }

  public int irs() {
    return irs;
  }

  /** SND.UNA as a sequence number. */
  public int sndUna() {
    return seqOf(sndUna);
  }

  /** SND.NXT as a sequence number. */
  public int sndNxt() {
    return seqOf(sndNxt);
  }

  public int rcvNxt() {
    return rcvNxt;
  }

  /** SND.WND in bytes (scaled). */
  public long sndWnd() {
    return sndWnd;
  }

  /** The congestion window in bytes (unlimited before the handshake). */
  public long cwnd() {
    return cc == null ? Long.MAX_VALUE : cc.cwnd();
  }

  /** The slow-start threshold in bytes. */
  public long ssthresh() {
    return cc == null ? Long.MAX_VALUE : cc.ssthresh();
  }

  /** Bytes sent and not yet acknowledged. */
  public long bytesInFlight() {
    return flightSize();
  }

  /** Whether fast recovery is under way. */
  public boolean inRecovery() {
    return inRecovery;
  }

  /** The current retransmission timeout, backoff included. */
  public long rto() {
    return rtt.rto();
  }

  /** The smoothed RTT, or -1 before the first measurement. */
  public long srtt() {
    return rtt.srtt();
  }

  public long retransmitDeadline() {
    return retransmitAt;
  }

  public long timeWaitDeadline() {
    return timeWaitAt;
  }

  /** Application bytes sent for the first time. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Application bytes received in order (delivered unless the application closed). */
  public long bytesDelivered() {
    return bytesDelivered;
  }

  public long segmentsSent() {
    return segmentsSent;
  }

  /** Retransmission timeouts and fast retransmits so far. */
  public long retransmissions() {
    return retransmissions;
  }

  public boolean timestampsEnabled() {
    return timestampsOn;
  }

  public boolean sackEnabled() {
    return sackOn;
  }

  /** The shift applied to the peer's window field, or 0 without window scaling. */
  public int sendWindowShift() {
    return sndShift;
  }

  @Override
  public String toString() {
    return tuple + " " + state;
  }
}
