package netsim.tcp;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static netsim.tcp.TcpFlags.ACK;
import static netsim.tcp.TcpFlags.FIN;
import static netsim.tcp.TcpFlags.PSH;
import static netsim.tcp.TcpFlags.SYN;
import static netsim.tcp.TcpState.CLOSE_WAIT;
import static netsim.tcp.TcpState.SYN_RECEIVED;
import static netsim.tcp.TcpState.SYN_SENT;
import static netsim.tcp.TcpTimers.Kind.PERSIST;
import static netsim.tcp.TcpTimers.Kind.RETRANSMIT;

import netsim.core.Simulator;
import netsim.core.Time;
import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.CongestionWindow;
import org.jspecify.annotations.Nullable;

/**
 * The sending half of a connection: the send sequence space (SND.UNA, SND.NXT, SND.MAX, SND.WND,
 * SND.WL1/WL2; RFC 9293 3.3.1) over the {@link SendBuffer}, segmentation with Nagle and sender
 * silly-window avoidance (3.7.4, 3.8.6.2.1), zero-window probes (3.8.6.1), RTT timing with Karn's
 * rule and the retransmission timer (RFC 6298), and congestion control with its {@link
 * LossRecovery}, to which it is the {@link LossRecovery.Connection} through a small adapter.
 *
 * <p>Positions count the stream from our SYN: position 0 is the SYN, 1.. the data bytes, and the
 * FIN follows the last byte written; position p is sequence number ISS + p (see {@link
 * TcpConnection}).
 *
 * <p>A layer of the connection ({@link TcpConnection} extends it): the send sequence space is the
 * {@link TransmissionControlBlock}'s, and its own fields follow the receive side's.
 */
abstract class SendSide extends ReceiveSide {
  // HotSpot lays out a class's fields by size (longs, ints, bytes, references), each group in the
  // declared order, and puts this class's after the receive side's. Declared so that what an RTO
  // fire reads lies together: the counts it takes last among the longs, then retries, and its parts
  // (the recovery, the RTT estimator, the window, the congestion control, the buffer) first among
  // the references; what neither an ACK nor a fire reads (SACK, TSO chunks, the chronograph)
  // after them.

  // Congestion control and loss recovery (RFC 5681, RFC 6582), from the peer's SYN on.
  @Nullable LossRecovery recovery;

  private final RttEstimator rtt;

  /**
   * cwnd and ssthresh: made with the send side, started ({@link CongestionWindow#start}) when the
   * peer's SYN settles the SMSS, and read only from then on, while {@link #cc} is set. Made here,
   * after the RTT estimator, rather than at the handshake: a connection's objects lie in the order
   * they were made, and a sender's ACK, which reads the window after the send side and the whole
   * estimator (an RTT sample), then finds it in lines it read; made at the handshake it lay among
   * the windows of every other connection that shook hands then (~1 MB away), a cache miss of its
   * own at each such ACK among thousands of connections.
   */
  private final CongestionWindow window;

  /** The congestion control, from the peer's SYN on: until then null, and no window is read. */
  private @Nullable CongestionControl cc;

  /**
   * Linux's TCP_RESOURCE_PROBE_INTERVAL: how long the probe timer waits after the host's own queue
   * refused a probe (tcp_send_probe0).
   */
  static final long RESOURCE_PROBE_INTERVAL = Time.millis(500);

  private final SendBuffer buffer;

  /**
   * Where writes and records end (Linux's PSH marks and MSG_EOR, {@link #markRecordEnd}): no
   * segment, sent or resent, spans a record's end; null while the host marks no write and no record
   * ended.
   */
  private @Nullable PushMarks marks;

  /** The segment {@link #nextSegment()} just built ends a record: its TSO chunk ends there. */
  private boolean chosenEndsRecord;

  /** Why the segment {@link #nextSegment()} just chose is sent again, or null if it is new. */
  private @Nullable RetransmitReason chosenRetransmission;

  /** What the peer has SACKed (RFC 6675 3), when SACK is in use; else null. */
  @Nullable SackScoreboard scoreboard;

  /** The segments of an output pass, grouped as Linux's TSO chunks (Linux); else null. */
  final @Nullable TsoChunks chunks;

  /** Where {@link #chunks}' segments go, made with them; null without TSO chunks. */
  private final TsoChunks.@Nullable Sink chunkSink;

  /**
   * Linux's chronograph of busy and window-limited time (tcp_info): its totals. Made last, after
   * the send buffer and the RTT estimator, which every ACK reads while this mostly rests: a
   * connection's objects lie in the order they were made, so the three read stay side by side.
   */
  private final SendChrono chrono;

  private boolean forceSmallSegment;
  private boolean persistForced;
  private boolean nagle;

  /**
   * Partial segments are held: TCP_CORK is set, as Linux's tcp_nagle_test holds them under
   * TCP_NAGLE_CORK.
   */
  private boolean corked;

  /**
   * The write being sent said more follows (MSG_MORE): its own push holds a partial segment, as
   * Linux's tcp_push passes TCP_NAGLE_CORK for that call only. Later pushes (an ACK's, a timer's:
   * tcp_data_snd_check, tcp_write_wakeup) follow the socket's own Nagle and cork settings.
   */
  private boolean moreFollows;

  /**
   * Whether an ACK has set Linux's pacing rate from an SRTT, so that it sizes {@link TsoChunks}.
   * The ACK that completes a passive open does not: tcp_rcv_state_process measures the SYN,ACK's
   * RTT only after tcp_ack, so a server's first flight goes as one chunk.
   */
  private boolean pacingKnown;

  private long timedPosition = -1;
  private long timedSince;
  private int retries;

  private long bytesSent;

  /** When data was last sent, a retransmission included (Linux's lsndtime). */
  private long lastDataSentAt;

  /** When the first retransmission timeout of the current run fired (Linux's retrans_stamp). */
  private long firstTimeoutAt;

  /** Retransmission timeouts, fast retransmits and recovery retransmissions so far. */
  private long retransmissions;

  /**
   * The send side of the connection of {@code tuple} (a layer of the connection itself), whose ISS
   * is {@code iss}.
   */
  SendSide(
      Simulator simulator,
      FourTuple tuple,
      TcpConnection.Environment env,
      TcpConfig config,
      long tsOffset,
      int iss) {
    super(simulator, tuple, env, config, tsOffset);
    this.iss = iss;
    this.chunks =
        config.profile().push() == HostProfile.Push.EACH_WRITE_AND_TSO_CHUNK
            ? new TsoChunks()
            : null;
    this.chunkSink = chunks != null ? new ChunkSink() : null;
    this.tsoChunks = chunks != null;
    this.buffer = new SendBuffer(config.sendBuffer());
    this.nagle = config.nagle();
    this.marks = config.profile().push().marksWrites() ? new PushMarks(true, chunks != null) : null;
    this.rtt = RttEstimator.of(config.profile().rtoRule(), config);
    this.window = new CongestionWindow(config.profile().linuxSlowStart());
    this.chrono = new SendChrono();
  }

  // ---------------------------------------------------------------------------------------------
  // The send sequence space
  // ---------------------------------------------------------------------------------------------

  int iss() {
    return iss;
  }

  long sndUna() {
    return sndUna;
  }

  long sndNxt() {
    return sndNxt;
  }

  long sndMax() {
    return sndMax;
  }

  /** SND.WND in bytes (scaled). */
  long sndWnd() {
    return sndWnd;
  }

  /** The largest window the peer has offered. */
  long maxSndWnd() {
    return maxSndWnd;
  }

  long flightSize() {
    return sndMax - sndUna;
  }

  /** The position of our FIN: right after the last byte written. */
  long finPosition() {
    return dataEnd;
  }

  /** Where the next byte written would go, beyond a FIN once queued (Linux's write_seq). */
  long writeEnd() {
    return finPosition() + (finQueued ? 1 : 0);
  }

  /** Whether our FIN was sent and is not acknowledged yet. */
  boolean finUnacknowledged() {
    return finQueued && sndMax > finPosition() && sndUna <= finPosition();
  }

  /** Our SYN went unanswered or must be repeated: the next segment is the SYN again. */
  void resendSyn() {
    sndNxt = 0;
  }

  /** COUNTERFACTUAL two-way handshake: our SYN is taken as known to the peer at once. */
  void takeSynAsAcknowledged() {
    sndUna = 1;
    timedPosition = -1;
  }

  // ---------------------------------------------------------------------------------------------
  // The application's data
  // ---------------------------------------------------------------------------------------------

  /**
   * Queues data; returns how many bytes the buffer took. {@code more}: the application says more
   * data follows (MSG_MORE), so the write's end is no push point and a partial segment waits.
   */
  int append(byte[] data, int offset, int length, boolean more) {
    return appended(buffer.append(data, offset, length), more);
  }

  /** {@link #append(byte[], int, int, boolean)} of shared bytes, which the buffer refers to. */
  int append(SharedBytes data, int offset, int length, boolean more) {
    return appended(buffer.append(data, offset, length), more);
  }

  /** The buffer took {@code accepted} bytes of a write; returns that. */
  private int appended(int accepted, boolean more) {
    if (accepted > 0) {
      dataEnd += accepted;
      restartIfIdle();
      // tcp_add_write_queue_tail: queued data starts the busy chronograph.
      chrono(SendChrono.started(chronoRunning, SendChrono.Kind.BUSY));
    }
    moreFollows = more;
    PushMarks pushes = marks;
    WriteEnds writeEnds = pushes == null ? null : pushes.writeEnds;
    if (pushes != null && writeEnds != null && accepted > 0) {
      long end = dataEnd;
      ForcedPush forcedPush = pushes.forcedPush;
      if (forcedPush != null) {
        int mss = segmentMss();
        long sizeGoal = ForcedPush.sizeGoal(tsoSegments(false), mss, maxSndWnd);
        forcedPush.written(end - accepted, end, more, sndMax, sizeGoal, maxSndWnd, writeEnds);
      } else if (!more) {
        writeEnds.add(end);
      }
    }
    return accepted;
  }

  /**
   * Linux's MSG_EOR: the data queued so far ends a record. Linux marks the write's last skb
   * (tcp_sendmsg_locked: TCP_SKB_CB(skb)->eor), appends nothing to it (tcp_skb_can_collapse_to),
   * sends it as a packet of its own (a TSO packet never spans skbs) and never merges it with the
   * next when resending (tcp_skb_can_collapse): so no segment carries bytes of both sides of the
   * record's end. Nagle's algorithm and a cork do not hold the record's last segment when more data
   * follows it, as tcp_write_xmit applies them only to the last skb queued.
   */
  void markRecordEnd() {
    PushMarks pushes = marks;
    if (pushes == null) {
      pushes = new PushMarks(false, false);
      marks = pushes;
    }
    pushes.recordEnds(dataEnd);
  }

  /** The write's own push is done: a MSG_MORE hold ends with it (see {@link #moreFollows}). */
  void writePushed() {
    moreFollows = false;
  }

  /** Nagle's algorithm on or off for this connection (TCP_NODELAY turns it off). */
  void nagle(boolean on) {
    nagle = on;
  }

  /** TCP_CORK: while set, only full-sized segments go. */
  void cork(boolean on) {
    corked = on;
  }

  int bufferFree() {
    return buffer.free();
  }

  int bufferAllocated() {
    return buffer.allocated();
  }

  /** The FIN follows the data queued (RFC 9293 3.10.4). */
  void queueFin() {
    finQueued = true;
  }

  boolean finQueued() {
    return finQueued;
  }

  // ---------------------------------------------------------------------------------------------
  // Segmentation
  // ---------------------------------------------------------------------------------------------

  /**
   * Sends every segment that may be sent now, in order, reporting those that loss recovery sends
   * again; with Linux's {@link TsoChunks}, each chunk's last segment carries PSH.
   */
  void transmitAll() {
    TcpSegment seg;
    while ((seg = nextSegment()) != null) {
      RetransmitReason reason = chosenRetransmission;
      chosenRetransmission = null;
      if (chunks != null) {
        chunks.add(seg, reason, chosenEndsRecord);
        continue;
      }
      if (reason != null) {
        retransmitted(seg, reason);
      }
      transmit(seg);
    }
    if (chunks != null) {
      chunks.flush(tsoSegments(true), checkNotNull(chunkSink));
    }
    timeWindowLimits();
  }

  /**
   * Linux's tcp_write_xmit, at the end of a sending pass: the chronograph is limited by the peer's
   * window while new data waits, cwnd would let a segment go, and the next segment (at most one
   * MSS) does not fit the window (tcp_cwnd_test, then tcp_snd_wnd_test); otherwise that stops.
   */
  private void timeWindowLimits() {
    long unsent = dataEnd - sndMax;
    long next = unsent > 0 ? Math.min(unsent, segmentMss()) : 0;
    boolean limited =
        next > 0 && sndMax - sndUna < congestionWindowFromUna() && sndMax + next > sndUna + sndWnd;
    chrono(
        limited
            ? SendChrono.started(chronoRunning, SendChrono.Kind.RWND_LIMITED)
            : SendChrono.stopped(chronoRunning, SendChrono.Kind.RWND_LIMITED, queuesEmpty()));
  }

  /** The chronograph's state {@code next} runs from now: the running one's time is counted. */
  private void chrono(SendChrono.Kind next) {
    if (next != chronoRunning) {
      chrono.switchFrom(chronoRunning, now());
      chronoRunning = next;
    }
  }

  /** tcpi_busy_time: the time data was queued or in flight, in nanoseconds. */
  long busyTime() {
    return chrono.busy(chronoRunning, now());
  }

  /** tcpi_rwnd_limited: the part of {@link #busyTime} the peer's window held back new data. */
  long windowLimitedTime() {
    return chrono.total(SendChrono.Kind.RWND_LIMITED, chronoRunning, now());
  }

  /**
   * The most segments in one of Linux's TSO chunks now ({@link TsoChunks#maxSegments}), or with
   * {@code halfCwnd} false only tcp_tso_autosize's part of it.
   */
  private int tsoSegments(boolean halfCwnd) {
    long flight = Math.max(cwnd(), flightSize());
    long srtt = pacingKnown ? rtt.srtt() : 0;
    int mss = segmentMss();
    return halfCwnd
        ? TsoChunks.maxSegments(flight, ssthresh(), srtt, mss, config.minTsoSegments())
        : TsoChunks.autosizeSegments(flight, ssthresh(), srtt, mss, config.minTsoSegments());
  }

  /**
   * The next segment to send from SND.NXT, or null if nothing may be sent. Advances SND.NXT and
   * starts the retransmission timer and RTT timing as RFC 6298 says.
   */
  private @Nullable TcpSegment nextSegment() {
    if (!recoveryQuiet && recovery != null) {
      long chosen = recovery.nextSegment();
      if (chosen != LossRecovery.WINDOW_DECIDES) {
        return chosen == LossRecovery.SEND_NOTHING ? null : recoverySegment(chosen);
      }
    }
    // With no data beyond SND.NXT (at most a FIN, which takes no window) the windows change
    // nothing, so they are not read: a receiver that only acknowledges reads no congestion state
    // (as Linux's tcp_write_xmit runs only with a send head).
    long window = sndNxt >= dataEnd ? 0 : Math.min(sndWnd, congestionWindowFromUna());
    return nextSegment(window);
  }

  /**
   * How far beyond SND.UNA cwnd lets data go: cwnd, and with the profile's limited transmit,
   * outside a recovery, also what has left the network beyond SND.UNA (RFC 3042; Linux's
   * tcp_packets_in_flight): the bytes SACKed, or without SACK one segment per duplicate ACK, at
   * most all the flight but one segment (tcp_limit_reno_sacked).
   */
  private long congestionWindowFromUna() {
    return cwnd() + departedBeyondUna();
  }

  /**
   * With the profile's limited transmit, outside a recovery: the bytes beyond SND.UNA that have
   * left the network (Linux's sacked_out in tcp_packets_in_flight): those SACKed, or without SACK
   * one segment per duplicate ACK, at most all the flight but one segment (tcp_limit_reno_sacked).
   * Otherwise 0.
   */
  private long departedBeyondUna() {
    if (!countsDeparted()) {
      return 0;
    }
    return scoreboardOn ? checkNotNull(scoreboard).sackedBytes() : departedWithoutSack();
  }

  private boolean countsDeparted() {
    return config.profile().limitedTransmit()
        && (recoveryQuiet
            || (recovery != null && !recovery.inRecovery() && !recovery.inTimeoutRecovery()));
  }

  private long departedWithoutSack() {
    long smss = window.smss();
    int duplicateAcks = recoveryQuiet ? 0 : checkNotNull(recovery).duplicateAcks();
    return Math.min(duplicateAcks * smss, Math.max(0, flightSize() - smss));
  }

  /**
   * What an ACK of {@code acked} new bytes lets cwnd grow by, before SND.UNA moves: all of them;
   * with the profile's limited transmit, outside a recovery, only what the ACK delivered, as
   * Linux's tcp_ack counts it (acked_sacked): the bytes newly acknowledged that were not SACKed
   * before, plus those newly SACKed; without SACK the bytes acknowledged less the duplicate ACKs'
   * segments, at least one segment (tcp_remove_reno_sacks).
   */
  private long deliveredBy(long acked) {
    if (!countsDeparted()) {
      return acked;
    }
    if (scoreboardOn) {
      return Math.max(0, acked + checkNotNull(scoreboard).sackedChange());
    }
    return Math.max(acked - departedWithoutSack(), Math.min(acked, window.smss()));
  }

  /**
   * The segment at {@code position} that loss recovery chose (RFC 6675 NextSeg()): a retransmission
   * that stops where SACKed data begins, or new data as the peer's window allows. SND.NXT does not
   * move back.
   */
  private @Nullable TcpSegment recoverySegment(long position) {
    boolean retransmission = position < sndMax;
    long next = sndNxt;
    sndNxt = position;
    long window =
        retransmission
            ? Math.min(sndMax, checkNotNull(scoreboard).nextSackedFrom(position)) - sndUna
            : Math.min(sndWnd, Long.MAX_VALUE / 4);
    TcpSegment seg = nextSegment(window);
    long length = sndNxt - position;
    sndNxt = Math.max(next, sndNxt);
    if (seg == null) {
      return null;
    }
    LossRecovery recovery = checkNotNull(this.recovery);
    RetransmitReason reason = recovery.retransmitReason();
    recovery.segmentSent(position, length, retransmission);
    if (retransmission) {
      retransmissions++;
      chosenRetransmission = reason;
    }
    return seg;
  }

  /** {@link #nextSegment()} with the send window limited to {@code window} bytes. */
  private @Nullable TcpSegment nextSegment(long window) {
    long position = sndNxt;
    if (position == 0) {
      return sendSyn();
    }
    if (nothingToSendFrom(position)) {
      return null; // the rest would find a segment of no length
    }
    TcpState state = this.state;
    if (state == SYN_SENT || (sndUna == 0 && (state == SYN_RECEIVED || state == CLOSE_WAIT))) {
      // Data waits for ESTABLISHED (RFC 9293 3.10.2), or for the ACK of our SYN in CLOSE-WAIT
      // after a simultaneous open's SYN,FIN (HostProfile#simultaneousOpenTakesText).
      return null;
    }
    long windowEnd = sndUna + window;
    if (scoreboardOn && position < sndMax) {
      // RFC 6675 5.1: resending after a timeout, use the SACK information that arrived since:
      // skip what the peer holds, and stop where it begins again.
      SackScoreboard board = checkNotNull(scoreboard);
      position = board.firstUnsackedFrom(position);
      sndNxt = position;
      windowEnd = Math.min(windowEnd, board.nextSackedFrom(position));
      if (position >= sndMax) {
        return nextSegment(window);
      }
    }
    int mss = segmentMss();
    long limit = Math.min(Math.min(dataEnd, windowEnd), position + mss);
    limit = Math.min(limit, recordEnd(position));
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
    int flags = ACK | (fin ? FIN : 0) | (length > 0 && push(position, length, dataEnd) ? PSH : 0);
    chosenEndsRecord = length > 0 && endsRecord(position, length);
    TcpSegment seg = dataSegment(seqOf(position), flags, position, length);
    bytesSent += Math.max(0, position + length - Math.max(position, sndMax)); // new bytes only
    advance(position, length + (fin ? 1 : 0));
    return seg;
  }

  /**
   * Whether the segment of {@code length} bytes at {@code position} carries PSH: RFC 9293 3.9.1's
   * push at the end of what was written so far, or (Linux) at the end of each write and on a
   * segment the persist timer forces out.
   */
  private boolean push(long position, int length, long dataEnd) {
    PushMarks pushes = marks;
    WriteEnds writeEnds = pushes == null ? null : pushes.writeEnds;
    if (writeEnds != null) {
      // Linux's tcp_write_wakeup also marks what the probe timer forces out.
      return persistForced || writeEnds.anyWithin(position, position + length);
    }
    return position + length == dataEnd;
  }

  /**
   * Sender silly-window avoidance and Nagle (RFC 9293 3.8.6.2.1 and 3.7.4) for a new segment
   * shorter than the MSS: send it if it empties the send buffer and nothing is outstanding (or
   * Nagle is off), or if it is at least half the largest window the peer ever offered.
   */
  private boolean mayDispatchSmall(long position, int length, long dataEnd) {
    if (forceSmallSegment || (position + length < dataEnd && endsRecord(position, length))) {
      return true;
    }
    if (corked || moreFollows) {
      return false;
    }
    boolean emptiesBuffer = position + length == dataEnd;
    boolean nothingOutstanding = sndMax == sndUna;
    if (emptiesBuffer && (nothingOutstanding || !nagle)) {
      return true;
    }
    return maxSndWnd > 0 && length >= maxSndWnd / 2;
  }

  /** Whether the segment of {@code length} bytes at {@code position} ends a record (MSG_EOR). */
  private boolean endsRecord(long position, int length) {
    return recordEnd(position) == position + length;
  }

  /** The end of the record holding {@code position}, or {@link Long#MAX_VALUE} without one. */
  private long recordEnd(long position) {
    PushMarks pushes = marks;
    WriteEnds recordEnds = pushes == null ? null : pushes.recordEnds;
    return recordEnds == null ? Long.MAX_VALUE : recordEnds.nextAfter(position);
  }

  private TcpSegment sendSyn() {
    int flags = state == SYN_SENT ? SYN : SYN | ACK;
    TcpSegment seg = dataSegment(this, iss, flags, DataChunk.EMPTY, 0, 0);
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
        timedSince = now();
      }
      sndMax = sndNxt;
    }
    if (cc != null) {
      window.sent(sndMax - sndUna, sndUna, sndMax);
    }
    if (position > 0 && length > 0) {
      lastDataSentAt = now();
    }
    if (length > 0 && !isRunning(RETRANSMIT)) {
      // RFC 6298 5.1: "Every time a packet containing data is sent (including a
      // retransmission), if the timer is not running, start it running."
      startRetransmitTimer();
    }
    if (!recoveryQuiet && recovery != null && position > 0 && length > 0) {
      recovery.onTransmit(position, length);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Acknowledgments and the peer's window
  // ---------------------------------------------------------------------------------------------

  /**
   * RFC 9293 3.10.7.4, fifth, past SYN-RECEIVED: an acceptable ACK moves SND.UNA, or is a duplicate
   * for loss recovery, and may update the window.
   *
   * @param ecnEcho whether the ACK echoes a congestion mark (ECE on a connection that uses ECN)
   * @param timestampRtt the RTT that the segment's TSecr shows (RFC 7323 4.2), or -1 for none
   */
  void ackArrived(TcpSegment seg, boolean ecnEcho, long timestampRtt) {
    int ack = seg.ack();
    // Linux's CWR state: the loss recovery reads the echo with the rest of the ACK.
    boolean echoAnswered = ecnEcho && recoveryAnswersEcnEcho();
    updateScoreboard(seg);
    if (!Seq.lt(ack, seqOf(sndUna))) {
      probesAnswered(); // Linux's tcp_ack clears icsk_probes_out unless the ACK is old
    }
    if (Seq.lt(seqOf(sndUna), ack)) {
      acknowledge(ack, timestampRtt);
    } else if (isDuplicateAck(seg)) {
      duplicateAck();
    }
    if (ecnEcho && !echoAnswered) {
      reduceForEcn(); // RFC 3168 6.1.2: the receiver echoes a congestion mark
    }
    // "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK), set SND.WND <-
    // SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK."
    if (mayUpdateWindow(seg)) {
      updateWindow(seg);
    }
  }

  /**
   * SND.UNA <- SEG.ACK: release acknowledged data, take an RTT sample, manage the timer.
   *
   * @param timestampRtt the RTT that the segment's TSecr shows (RFC 7323 4.2), or -1 for none
   */
  void acknowledge(int ack, long timestampRtt) {
    long position = sndUna + Seq.diff(ack, seqOf(sndUna));
    if (position <= sndUna) {
      return;
    }
    pacingKnown = sndUna > 0 || state != SYN_RECEIVED;
    long acked = position - Math.max(sndUna, 1); // the SYN does not count as data
    long flight = sndMax - sndUna;
    long delivered = deliveredBy(acked);
    sndUna = position;
    if (sndNxt < sndUna) {
      sndNxt = sndUna;
    }
    buffer.release(Math.max(0, sndUna - 1));
    if (sndUna >= sndMax) {
      // tcp_clean_rtx_queue: the retransmission queue emptied.
      chrono(SendChrono.stopped(chronoRunning, SendChrono.Kind.BUSY, queuesEmpty()));
    }
    if (marks != null) {
      marks.forgetBefore(sndUna);
    }
    long karnRtt = -1;
    if (timestampRtt >= 0) {
      // RFC 7323 4.2, RTTM: "A TSecr value received in a segment MAY be used to update the
      // averaged RTT measurement only if the segment advances the left edge of the send window,
      // i.e., SND.UNA is increased." Every such ACK gives a sample; Appendix G expects
      // ceiling(FlightSize / (SMSS * 2)) of them per window. The timed segment is not needed.
      int smss = Math.max(1, segmentMss());
      int expected = (int) Math.min(Integer.MAX_VALUE, (flight + 2L * smss - 1) / (2L * smss));
      rtt.sample(timestampRtt, sndUna, sndMax, expected);
      timedPosition = -1;
    } else if (timedPosition >= 0 && sndUna > timedPosition) {
      karnRtt = now() - timedSince;
      rtt.sample(karnRtt, sndUna, sndMax, 1);
      timedPosition = -1;
    }
    if (cc != null && acked > 0) {
      long sample = !recoveryQuiet && recovery != null ? recovery.rttSample() : -1;
      if (sample < 0) {
        sample = timestampRtt >= 0 ? timestampRtt : karnRtt;
      }
      if (sample >= 0) {
        cc.onRttSample(window, now(), sample, sndUna, sndNxt);
      }
    }
    retries = 0;
    LossRecovery.AckOutcome outcome = LossRecovery.AckOutcome.NOT_IN_RECOVERY;
    // A quiet recovery (only a recovery makes it quiet) is tested before the recovery itself, here
    // and below: C2 folds a null test into a load from the object tested, and a quiet recovery, as
    // most are, is then not read at all.
    if (acked > 0 && recoveryQuiet) {
      // LossRecovery.growWindow, with the connection's own methods (not its recovery's adapter)
      congestionControl().onAck(window(), now(), delivered, srtt());
    } else if (acked > 0 && recovery != null) {
      outcome = recovery.onNewAck(delivered);
    }
    // RFC 6298 5.2 and 5.3: stop the timer when all is acknowledged, else restart it (RFC 6582
    // 3.2 step 5: on the first partial ACK of a recovery only).
    if (sndUna >= sndMax) {
      stop(RETRANSMIT);
    } else if (outcome != LossRecovery.AckOutcome.PARTIAL_KEEP_TIMER) {
      startRetransmitTimer();
    }
  }

  /**
   * Whether {@code seg}, carrying SEG.ACK = SND.UNA, is a duplicate ACK as RFC 5681 2 defines it:
   * no data, no SYN or FIN, data outstanding, the same window.
   */
  boolean isDuplicateAck(TcpSegment seg) {
    if (scoreboardOn) {
      // RFC 6675 2: with SACK, a duplicate ACK is one that SACKs data not SACKed before.
      return recovery != null
          && seg.ack() == seqOf(sndUna)
          && checkNotNull(scoreboard).newlySacked() > 0;
    }
    // The loss recovery last: a data segment at a receiver fails sooner, on what it has read
    // already, without a cache miss for the recovery object.
    return seg.ack() == seqOf(sndUna)
        && seg.seqLength() == 0
        && sndMax > sndUna
        && sndWnd > 0
        && scaledWindow(seg) == sndWnd
        && recovery != null;
  }

  /**
   * RFC 6675 5: "Upon the receipt of any ACK containing SACK information, the scoreboard MUST be
   * updated via the Update () routine", before the ACK moves SND.UNA or counts as a duplicate.
   */
  void updateScoreboard(TcpSegment seg) {
    // The block's flag, not the reference: C2 folds a null test into a load from the object tested,
    // and without SACK every segment with an ACK, a receiver's data too, would read this side's
    // line for a null.
    if (scoreboardOn) {
      SackScoreboard board = checkNotNull(scoreboard);
      long acked = sndUna + Seq.diff(seg.ack(), seqOf(sndUna));
      board.update(iss, Math.max(sndUna, acked), sndMax, seg.sackBlocks());
      board.tookTimestamp(echoedTimestamp(seg));
      checkNotNull(recovery).onAckArrived(acked);
    }
  }

  /** The loss recovery's own timer {@code kind} expired (RFC 8985's reordering timer or PTO). */
  void recoveryTimeout(TcpTimers.Kind kind) {
    stop(kind);
    if (recovery != null) {
      recovery.onTimer(kind);
    }
  }

  /** A duplicate ACK arrived: loss recovery counts it. */
  void duplicateAck() {
    checkNotNull(recovery).onDuplicateAck();
  }

  /**
   * "Set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK" ({@link
   * #takeWindow}); a window that changed while data waits restarts an idle connection's congestion
   * window (Linux's tcp_ack_update_window).
   */
  void updateWindow(TcpSegment seg) {
    long previous = sndWnd;
    takeWindow(seg);
    if (sndWnd != previous && dataWaits()) {
      restartIfIdle(); // Linux's tcp_ack_update_window
    }
  }

  /** The shift of the peer's window field that the SYN exchange settled (0: no scaling). */
  void setWindowShift(int shift) {
    sndShift = shift;
  }

  int windowShift() {
    return sndShift;
  }

  // ---------------------------------------------------------------------------------------------
  // Retransmission and persist timers
  // ---------------------------------------------------------------------------------------------

  void startRetransmitTimer() {
    start(RETRANSMIT, Time.after(now(), rtt.rto()));
  }

  /** Timeouts in a row since the last new acknowledgment. */
  int retries() {
    return retries;
  }

  /** When the first of {@link #retries()} timeouts fired; meaningless while there is none. */
  long firstTimeoutAt() {
    return firstTimeoutAt;
  }

  /**
   * RFC 6298 5.4 - 5.6: back off, collapse the window and leave recovery (RFC 5681 3.1, RFC 6582
   * 4), and send the earliest unacknowledged segment again.
   */
  void retransmitOnTimeout() {
    if (retries == 0) {
      firstTimeoutAt = now();
    }
    retries++;
    retransmissions++;
    rtt.backOff();
    timedPosition = -1; // Karn: no RTT sample from a retransmitted segment
    if (recovery != null && sndMax > sndUna) {
      recovery.onTimeout();
    }
    // Go back to the first unacknowledged segment; the window allows one segment at first.
    sndNxt = sndUna;
    TcpSegment first = nextSegment();
    chosenRetransmission = null; // reported here as the timeout's
    if (first != null) {
      retransmitted(first, RetransmitReason.RTO);
      transmit(first);
    }
  }

  /** Sends the segment at SND.UNA again, whatever the windows, without moving SND.NXT back. */
  void retransmitFirstUnacknowledged(RetransmitReason reason) {
    long next = sndNxt;
    sndNxt = sndUna;
    TcpSegment seg = nextSegment(Long.MAX_VALUE / 4);
    sndNxt = Math.max(next, sndNxt);
    if (seg != null) {
      retransmissions++;
      retransmitted(seg, reason);
      transmit(seg);
    }
  }

  /** Whether data waits beyond SND.NXT. */
  boolean dataWaits() {
    return sndNxt < dataEnd;
  }

  /**
   * Data waits but nothing is in flight, so no ACK will come to move it: the window is closed, or
   * too small to be worth a segment. The persist timer will force it.
   */
  void startPersistIfStalled() {
    if (dataWaits()
        && sndMax == sndUna
        && sndUna > 0
        && !isRunning(RETRANSMIT)
        && !isRunning(PERSIST)
        && state.isSynchronized()) {
      startPersistTimer();
    }
  }

  /**
   * RFC 9293 3.8.6.1: the peer's window is zero and data waits; probe it with one byte beyond the
   * window, backing off like the RTO, until the window opens.
   */
  void persistTimeout() {
    stop(PERSIST);
    if (!dataWaits()) {
      stopProbing();
      return;
    }
    // Linux's tcp_probe_timer: the first expiry stamps the start of probing; with a user timeout,
    // the connection is aborted once probing has lasted that long, answered or not (RFC 9293
    // 3.10.8 USER TIMEOUT).
    long since = probingSince();
    long userTimeout = userTimeout();
    if (since != TcpTimers.NEVER && userTimeout > 0 && now() - since >= userTimeout) {
      connection().userTimedOut();
      return;
    }
    probing(now());
    if (connection().egressRefuses()) {
      // Linux's tcp_send_probe0: a probe the host's own queue refused counts as a probe
      // (icsk_probes_out) but backs nothing off; the next try waits TCP_RESOURCE_PROBE_INTERVAL.
      resourceProbeRefused();
      start(PERSIST, clampToUserTimeout(Time.after(now(), RESOURCE_PROBE_INTERVAL)));
      return;
    }
    if (sndWnd > 0) {
      // RFC 9293 3.8.6.2.1's override timeout: send what the small window allows.
      persistForce(true);
      connection().output();
      persistForce(false);
      return;
    }
    probeZeroWindow();
    long clamped = clampToUserTimeout(deadline(PERSIST));
    if (clamped < deadline(PERSIST)) {
      start(PERSIST, clamped);
    }
  }

  /** RFC 9293 3.8.6.2.1's override timeout: the next small segment goes out whatever its size. */
  void forceSmallSegment(boolean on) {
    forceSmallSegment = on;
  }

  /**
   * The persist timer forces out what waits ({@link #forceSmallSegment}); Linux's tcp_write_wakeup
   * marks that segment with PSH.
   */
  void persistForce(boolean on) {
    forceSmallSegment = on;
    persistForced = on;
  }

  /**
   * A segment of the {@code length} bytes at sequence position {@code position} (0 for none), its
   * data a view of the send buffer's bytes: the original and every retransmission share them.
   */
  private TcpSegment dataSegment(int seq, int flags, long position, int length) {
    if (length == 0) {
      return dataSegment(this, seq, flags, DataChunk.EMPTY, 0, 0);
    }
    DataChunk chunk = buffer.chunkHolding(position - 1, length);
    return dataSegment(this, seq, flags, chunk, buffer.indexInChunk(position - 1), length);
  }

  /**
   * RFC 9293 3.8.6.1: the peer's window is zero and data waits; probe it with one byte beyond the
   * window (or, with the profile's {@link HostProfile#emptyZeroWindowProbe}, with no data at
   * SND.UNA - 1), backing off like the RTO, until the window opens.
   */
  void probeZeroWindow() {
    TcpSegment probe;
    if (config.profile().emptyZeroWindowProbe()) {
      // Linux's tcp_xmit_probe_skb: an old sequence number and no data, which the peer answers
      // with an ACK showing its window.
      probe = dataSegment(this, seqOf(sndUna) - 1, ACK, DataChunk.EMPTY, 0, 0);
    } else {
      probe = dataSegment(seqOf(sndNxt), ACK, sndNxt, 1);
      sndMax = Math.max(sndMax, sndNxt + 1);
    }
    retransmitted(probe, RetransmitReason.PROBE);
    transmit(probe);
    persistProbeSent();
    startPersistTimer();
  }

  private void startPersistTimer() {
    long interval = rtt.rto();
    for (int i = 0; i < persistBackoffs() && interval < config.maxRto(); i++) {
      interval *= 2;
    }
    start(PERSIST, Time.after(now(), Math.min(interval, config.maxRto())));
  }

  // ---------------------------------------------------------------------------------------------
  // Congestion control and RTT
  // ---------------------------------------------------------------------------------------------

  /**
   * The peer's SYN settled the MSS and whether both ends use SACK: congestion control starts with a
   * fresh window, and loss recovery is SACK-based (the configuration's {@link SackRecoveries}) or
   * the variant's own.
   */
  void startCongestionControl(String name, int smss, boolean sack) {
    CongestionControls.Variant variant = CongestionControls.get(name);
    window.start(smss, config.initialWindowBytes(smss));
    cc = variant.congestionControl().apply(config.profile());
    lastDataSentAt = now();
    scoreboard = sack ? new SackScoreboard() : null;
    scoreboardOn = sack;
    recoveryQuiet = false; // until the new recovery says so
    recovery = variant.lossRecovery(new RecoveryCallbacks(), sack, config.sackRecovery());
    SackScoreboard.SegmentEdges edges = recovery.segmentEdges();
    if (scoreboard != null && edges != null && config.profile().sackWholeSegments()) {
      scoreboard.sackWholeSegments(edges);
    }
  }

  /**
   * With {@link TcpConfig#slowStartAfterIdle}: nothing is in flight and no data has gone for longer
   * than the RTO, so cwnd no longer reflects the path (RFC 2861 3; RFC 5681 4.1's idle restart).
   * Linux checks when a write queues data (tcp_skb_entail) and when the peer's window changes while
   * data waits (tcp_ack_update_window), through tcp_slow_start_after_idle_check.
   */
  private void restartIfIdle() {
    if (!config.slowStartAfterIdle() || cc == null || sndMax > sndUna) {
      return;
    }
    long idle = now() - lastDataSentAt;
    if (idle > rtt.rto()) {
      window.restartAfterIdle(
          idle, rtt.rto(), config.initialWindowBytes((int) window.smss()), inRecovery());
    }
  }

  /**
   * RFC 3168 6.1.2: an ACK with ECE arrived on a connection that uses ECN. The sender "halves the
   * congestion window 'cwnd' and reduces the slow start threshold 'ssthresh'", as the congestion
   * control does for a loss but without retransmitting, and "should not react to congestion
   * indications more than once every window of data": not during loss recovery, nor before the data
   * sent at the last such reduction is acknowledged.
   *
   * @return whether the window was reduced
   */
  boolean reduceForEcn() {
    EcnEndpoint ecn = ecn();
    CongestionControl control = cc;
    if (control == null || inRecovery() || !ecn.mayReduceAt(sndUna)) {
      return false;
    }
    control.onLoss(window, now(), flightSize());
    window.recoverTo(window.ssthresh());
    ecn.reducedUntil(sndMax);
    return true;
  }

  /** How many times the window was reduced so far (RFC 3168 6.1.2's CWR announces each). */
  long reductions() {
    return cc == null ? 0 : window.reductions();
  }

  /** Whether congestion control has started (the peer's SYN arrived). */
  boolean hasCongestionControl() {
    return cc != null;
  }

  /** The congestion window in bytes (unlimited before the handshake). */
  long cwnd() {
    return cc == null ? Long.MAX_VALUE : window.cwnd();
  }

  /** The slow-start threshold in bytes. */
  long ssthresh() {
    return cc == null ? Long.MAX_VALUE : window.ssthresh();
  }

  boolean inRecovery() {
    return !recoveryQuiet && recovery != null && recovery.inRecovery();
  }

  boolean inTimeoutRecovery() {
    return !recoveryQuiet && recovery != null && recovery.inTimeoutRecovery();
  }

  boolean inCongestionWindowReduction() {
    return !recoveryQuiet && recovery != null && recovery.inCongestionWindowReduction();
  }

  /**
   * The ACK about to be read carries an ECN echo: whether the loss recovery answers it itself
   * ({@link LossRecovery#onEcnEcho}, Linux's CWR state); if not, {@link #reduceForEcn} does.
   */
  boolean recoveryAnswersEcnEcho() {
    return recovery != null && cc != null && recovery.onEcnEcho();
  }

  /** What loss recovery knows of the segments in flight, or null if it does not count them. */
  @Nullable FlightCounts flightCounts() {
    return recovery == null ? null : recovery.flightCounts();
  }

  long rto() {
    return rtt.rto();
  }

  long srtt() {
    return rtt.srtt();
  }

  /** The RTT variation as the host reports it (Linux's tcpi_rttvar). */
  long rttvar() {
    return rtt.rttvar();
  }

  /** Timeouts since the last RTT sample (Linux's tcpi_backoff). */
  int backoffs() {
    return rtt.backoffs();
  }

  long probeTimeoutSlack() {
    return config.profile().probeTimeoutSlack();
  }

  boolean rackRttOfLastDelivered() {
    return config.profile().rackRttOfLastDelivered();
  }

  boolean undoSpuriousRecovery() {
    return config.profile().undoSpuriousRecovery();
  }

  boolean cwndGrowsOnSackWhenReordered() {
    return config.profile().cwndGrowsOnSackWhenReordered();
  }

  boolean linuxPrr() {
    return config.profile().linuxPrr();
  }

  long echoedTimestamp() {
    return scoreboard == null ? 0 : scoreboard.echoedTimestamp();
  }

  long now() {
    return env.now();
  }

  CongestionWindow window() {
    checkState(cc != null, "no congestion window before the peer's SYN");
    return window;
  }

  CongestionControl congestionControl() {
    return checkNotNull(cc, "no congestion control before the peer's SYN");
  }

  void recoveryQuiet(boolean quiet) {
    recoveryQuiet = quiet;
  }

  void stopRttTiming() {
    timedPosition = -1;
  }

  @Nullable SackScoreboard scoreboard() {
    return scoreboard;
  }

  long retransmitDeadline() {
    return deadline(RETRANSMIT);
  }

  void restartRetransmitTimer() {
    startRetransmitTimer();
  }

  void startTimer(TcpTimers.Kind kind, long deadline) {
    start(kind, deadline);
  }

  void stopTimer(TcpTimers.Kind kind) {
    stop(kind);
  }

  long timerDeadline(TcpTimers.Kind kind) {
    return deadline(kind);
  }

  boolean mayTransmitNewData() {
    boolean finUnsent = finQueued && sndMax <= dataEnd;
    if (sndMax >= dataEnd && !finUnsent) {
      return false;
    }
    int mss = segmentMss();
    long limit = Math.min(Math.min(dataEnd, sndUna + sndWnd), sndMax + mss);
    limit = Math.min(limit, recordEnd(sndMax));
    int length = (int) Math.max(0, limit - sndMax);
    if (length == 0) {
      return finUnsent && sndMax == dataEnd;
    }
    return length >= mss || mayDispatchSmall(sndMax, length, dataEnd);
  }

  // ---------------------------------------------------------------------------------------------
  // Counters
  // ---------------------------------------------------------------------------------------------

  /** Application bytes sent for the first time. */
  long bytesSent() {
    return bytesSent;
  }

  /** Retransmission timeouts, fast retransmits and recovery retransmissions so far. */
  long retransmissions() {
    return retransmissions;
  }

  /**
   * The connection as its {@link LossRecovery} sees it: made with the recovery (so it lies beside
   * it) and read only through it, so that these callbacks are not the connection's public methods.
   */
  private final class RecoveryCallbacks implements LossRecovery.Connection {
    @Override
    public long now() {
      return SendSide.this.now();
    }

    @Override
    public long sndUna() {
      return SendSide.this.sndUna();
    }

    @Override
    public long sndMax() {
      return SendSide.this.sndMax();
    }

    @Override
    public long flightSize() {
      return SendSide.this.flightSize();
    }

    @Override
    public long srtt() {
      return SendSide.this.srtt();
    }

    @Override
    public long probeTimeoutSlack() {
      return SendSide.this.probeTimeoutSlack();
    }

    @Override
    public boolean rackRttOfLastDelivered() {
      return SendSide.this.rackRttOfLastDelivered();
    }

    @Override
    public boolean undoSpuriousRecovery() {
      return SendSide.this.undoSpuriousRecovery();
    }

    @Override
    public boolean cwndGrowsOnSackWhenReordered() {
      return SendSide.this.cwndGrowsOnSackWhenReordered();
    }

    @Override
    public boolean linuxPrr() {
      return SendSide.this.linuxPrr();
    }

    @Override
    public long timestampClock() {
      return SendSide.this.timestampClock();
    }

    @Override
    public long echoedTimestamp() {
      return SendSide.this.echoedTimestamp();
    }

    @Override
    public CongestionWindow window() {
      return SendSide.this.window();
    }

    @Override
    public CongestionControl congestionControl() {
      return SendSide.this.congestionControl();
    }

    @Override
    public void recoveryQuiet(boolean quiet) {
      SendSide.this.recoveryQuiet(quiet);
    }

    @Override
    public void retransmitFirstUnacknowledged(RetransmitReason reason) {
      SendSide.this.retransmitFirstUnacknowledged(reason);
    }

    @Override
    public void stopRttTiming() {
      SendSide.this.stopRttTiming();
    }

    @Override
    public @Nullable SackScoreboard scoreboard() {
      return SendSide.this.scoreboard();
    }

    @Override
    public boolean mayTransmitNewData() {
      return SendSide.this.mayTransmitNewData();
    }

    @Override
    public long rto() {
      return SendSide.this.rto();
    }

    @Override
    public int retries() {
      return SendSide.this.retries();
    }

    @Override
    public long retransmitDeadline() {
      return SendSide.this.retransmitDeadline();
    }

    @Override
    public void restartRetransmitTimer() {
      SendSide.this.restartRetransmitTimer();
    }

    @Override
    public void startTimer(TcpTimers.Kind kind, long deadline) {
      SendSide.this.startTimer(kind, deadline);
    }

    @Override
    public void stopTimer(TcpTimers.Kind kind) {
      SendSide.this.stopTimer(kind);
    }

    @Override
    public long timerDeadline(TcpTimers.Kind kind) {
      return SendSide.this.timerDeadline(kind);
    }
  }

  /** Where the TSO chunks' segments go ({@link #chunks}): the connection's writer. */
  private final class ChunkSink implements TsoChunks.Sink {
    @Override
    public void transmit(TcpSegment segment) {
      SendSide.this.transmit(segment);
    }

    @Override
    public void retransmitted(TcpSegment segment, RetransmitReason reason) {
      SendSide.this.retransmitted(segment, reason);
    }
  }
}
