package netsim.tcp;

import static netsim.tcp.TcpFlags.SYN;
import static netsim.tcp.TcpTimers.Kind.DELAYED_ACK;

import java.io.ByteArrayOutputStream;
import java.util.List;
import netsim.core.Simulator;
import netsim.core.Time;
import org.jspecify.annotations.Nullable;

/**
 * The receiving half of a connection: the receive sequence space (IRS, RCV.NXT, RCV.WND; RFC 9293
 * 3.3.1), the acceptability test of arriving segments, reassembly of out-of-order text, the window
 * offered with receiver silly-window avoidance (3.8.6.2.2), the application's reading, a FIN held
 * beyond a gap, TS.Recent (RFC 7323 4.3), and when an acknowledgment is owed: at once, or delayed
 * (3.8.6.3, RFC 5681 4.2), and the replies to what the checks refuse (RFC 5961 challenge ACKs, RFC
 * 7323 5.3 PAWS).
 *
 * <p>A layer of the connection ({@link TcpConnection} extends it through {@link SendSide});
 * RCV.NXT, RCV.WND, TS.Recent and the acknowledgment state are the {@link
 * TransmissionControlBlock}'s, and its own fields follow the segment writer's.
 */
abstract class ReceiveSide extends SegmentWriter {
  /** What the ACKs we send report of SACK, once both ends agreed on it; null until then. */
  private @Nullable SackReport sack;

  private int irs;

  /** The receive buffer: what RCV.WND offers at most. */
  private long buffer;

  /**
   * Whether RCV.WND is the free buffer space even beyond what the window field can say ({@link
   * HostProfile#receiveWindowIsBufferSpace()}), once the connection has its buffers.
   */
  private boolean windowIsBufferSpace;

  /**
   * Text held out of order; made when the first such segment comes, so that a connection's objects
   * read on every segment are allocated side by side, without the queue among them.
   */
  private @Nullable ReassemblyQueue reassembly;

  /** The stream offset of RCV.NXT's byte: in-order bytes received so far. */
  private long receivedOffset;

  /** Bytes received in order while the application was not reading; null when there are none. */
  private @Nullable ByteArrayOutputStream unread;

  private boolean reading = true;
  private boolean deliverData = true;

  /**
   * The sequence number of a FIN that arrived beyond a gap ({@link
   * TransmissionControlBlock#finPending}).
   */
  private int pendingFinSeq;

  /** When the last challenge ACK was owed (RFC 5961 7's rate limit). */
  private long lastChallengeAck = Long.MIN_VALUE;

  private long bytesDelivered;

  /**
   * The SYN of a simultaneous open whose text waits for ESTABLISHED ({@link
   * HostProfile#simultaneousOpenTakesText()}: FreeBSD's tcp_reass holds it); null otherwise.
   */
  private @Nullable TcpSegment synText;

  /**
   * When in-order data last arrived, or when the connection was first established if later or none
   * has (Linux's icsk_ack.lrcvtime: tcp_finish_connect and tcp_create_openreq_child set it, then
   * tcp_event_data_recv), or -1 before ESTABLISHED. Kept here, not beside the connection's state,
   * whose lines every segment reads.
   */
  private long lastDataAt = -1;

  /**
   * The receive side of the connection of {@code tuple} (a layer of the connection itself): its
   * window and buffer from {@code config}.
   */
  ReceiveSide(
      Simulator simulator,
      FourTuple tuple,
      TcpConnection.Environment env,
      TcpConfig config,
      long tsOffset) {
    super(simulator, tuple, env, config, tsOffset);
    this.quickAck = quickAckMode(config);
    this.rcvShift = config.windowScaling() ? config.receiveWindowShift() : 0;
    this.buffer = config.receiveBuffer();
    this.rcvWnd = Math.min(buffer, 0xFFFF);
  }

  /** Linux's quick-ACK mode, where the host has it and delays ACKs; else null. */
  private static @Nullable QuickAckMode quickAckMode(TcpConfig config) {
    int quickAcks = config.profile().maxQuickAcks();
    return config.delayedAck() && quickAcks > 0
        ? new QuickAckMode(quickAcks, config.delayedAckTimeout())
        : null;
  }

  /** The queue of text held out of order, made at its first use. */
  private ReassemblyQueue reassembly() {
    ReassemblyQueue queue = reassembly;
    if (queue == null) {
      queue = new ReassemblyQueue();
      reassembly = queue;
    }
    return queue;
  }

  /** The peer's SYN arrived with sequence number {@code irs}: RCV.NXT = IRS + 1. */
  void synchronize(int irs) {
    this.irs = irs;
    rcvNxt = irs + 1;
  }

  /**
   * The SYN exchange settled window scaling (RFC 7323 2.2: both sides offered it, or neither
   * scales): the window is sized for the shift in effect.
   */
  @Override
  void windowScaling(boolean on) {
    if (!on) {
      rcvShift = 0;
    }
    rcvWnd = Math.min(buffer, windowLimit());
  }

  /**
   * The connection has its buffers, the peer's MSS {@code mss} known (FreeBSD's tcp_mss, for an
   * active open on the peer's SYN, for a passive one when the syncache makes the socket): where the
   * host does so, the buffer grows to a multiple of the MSS, never beyond the profile's receive
   * buffer ({@link HostProfile#receiveBufferFitsMss()}), and RCV.WND becomes the free buffer space
   * ({@link HostProfile#receiveWindowIsBufferSpace()}).
   */
  void buffersReady(int mss) {
    HostProfile host = config.profile();
    if (!host.receiveBufferFitsMss() && !host.receiveWindowIsBufferSpace()) {
      return;
    }
    if (host.receiveBufferFitsMss() && buffer > mss) {
      long rounded = (buffer + mss - 1) / mss * mss;
      buffer = Math.max(buffer, Math.min(rounded, host.receiveBuffer()));
    }
    windowIsBufferSpace = host.receiveWindowIsBufferSpace();
    rcvWnd = Math.min(buffer - bytesUnread(), windowLimit());
  }

  /**
   * From TIME-WAIT on, segments are tested against the window last advertised, whatever the buffer
   * holds: FreeBSD answers TIME-WAIT in tcp_twcheck, which never recomputes the window from the
   * buffer.
   */
  void keepAdvertisedWindow() {
    if (windowIsBufferSpace) {
      windowIsBufferSpace = false;
      rcvWnd = Math.min(rcvWnd, 0xFFFFL << rcvShift);
    }
  }

  /** The largest RCV.WND: what the window field can say, unless the window is the buffer space. */
  private long windowLimit() {
    return windowIsBufferSpace ? Long.MAX_VALUE : 0xFFFFL << rcvShift;
  }

  int irs() {
    return irs;
  }

  int rcvNxt() {
    return rcvNxt;
  }

  /**
   * Whether {@code seq} itself lies in the receive window, RCV.NXT =< seq < RCV.NXT + RCV.WND,
   * whatever the segment's length (FreeBSD's test of a SYN under insecure_syn, tcp_input.c).
   */
  boolean seqInWindow(int seq) {
    return Seq.inWindow(seq, rcvNxt, (int) rcvWnd);
  }

  /** Takes the peer's timestamp from its SYN, which RCV.NXT acknowledges. */
  @Override
  void setTsRecent(long tsVal) {
    tsRecent = (int) tsVal;
    tsRecentTakenAt = env.now();
    lastAckSent = rcvNxt;
  }

  /**
   * RFC 9293 3.10.7.4, seventh: segment text. In-order bytes go to the application (with any held
   * data they make contiguous), out-of-order bytes are held; what lies outside the window is
   * dropped.
   */
  void receiveText(int textSeq, TcpSegment seg) {
    int length = seg.dataLength();
    int offset = Seq.diff(textSeq, rcvNxt);
    int from = Math.max(0, -offset);
    int to = (int) Math.min(length, rcvWnd - offset);
    if (sack != null && from > 0) {
      // RFC 2883: the part below RCV.NXT is a duplicate, reported in a D-SACK block.
      sack.duplicate(receivedOffset + offset, receivedOffset + Math.min(0, offset + length));
      duplicateNoted = true;
    }
    if (from >= to) {
      ackNow(); // a duplicate, or nothing inside the window
      if (quickAck != null) {
        quickAck.oldData(rcvWnd);
      }
      return;
    }
    // the new part, [from, to) of the data: a view of the sender's bytes, never copied here
    DataChunk chunk = seg.dataChunk();
    int index = seg.dataIndex() + from;
    int fresh = to - from;
    if (offset + from > 0) {
      // Out of order: hold it, and say at once where the gap begins (RFC 5681 4.2).
      long start = receivedOffset + offset + from;
      reassembly().add(start, chunk, index, fresh);
      textHeld = true;
      if (sack != null) {
        sack.outOfOrder(start, start + fresh);
      }
      ackNow();
      return;
    }
    boolean gapWasOpen = textHeld;
    lastDataAt = env.now();
    acceptRun(chunk, index, fresh);
    if (gapWasOpen) {
      ReceivedData filled = connection().nextDelivery();
      ReassemblyQueue held = reassembly();
      if (held.drain(receivedOffset, filled) > 0) {
        accept(filled);
      }
      textHeld = !held.isEmpty();
      if (sack != null) {
        // The SACK report's blocks are the queue's text: with no gap open there was none to drop.
        sack.delivered(receivedOffset);
      }
    }
    boolean quick =
        quickAck != null
            && quickAck.inOrderData(length, rcvWnd, config.mss(), env.now(), connection().rto());
    if (gapWasOpen || !config.delayedAck()) {
      ackNow(); // RFC 5681 4.2: a segment that fills a gap is acknowledged at once
    } else if (quick) {
      ackNow(); // Linux's quick-ACK mode
    } else {
      // RFC 9293 3.8.6.3 / RFC 1122 4.2.3.2: ACK at least every second full-sized segment,
      // and never later than the delayed-ACK timeout.
      if (length >= sendMss()) {
        unackedSegments++;
      }
      if (unackedSegments >= 2) {
        ackNow();
      } else {
        delayAck();
      }
    }
  }

  /**
   * When in-order data last arrived, or when the connection was first established if later or none
   * has; -1 before ESTABLISHED.
   */
  long lastDataAt() {
    return lastDataAt;
  }

  /** A simultaneous open's SYN brought text, which waits for ESTABLISHED. */
  void holdSynText(TcpSegment syn) {
    synText = syn;
  }

  /**
   * ESTABLISHED after a simultaneous open: the SYN's text held until now, if any, is received; it
   * starts right after the peer's SYN.
   */
  void receiveHeldSynText() {
    TcpSegment held = synText;
    if (held != null) {
      synText = null;
      receiveText(irs + 1, held);
    }
  }

  /** The connection reached ESTABLISHED for the first time, at {@code now}. */
  void established(long now) {
    lastDataAt = now;
  }

  /**
   * In-order bytes, {@code length} from {@code index} of {@code chunk}'s chain: {@link #accept}ed,
   * with no {@link ReceivedData} filled when no handler hears them ({@link
   * TcpConnection#dataHeard}): the held callbacks and the data are then not read at all, where
   * among thousands of connections each is a cache miss of its own.
   */
  private void acceptRun(DataChunk chunk, int index, int length) {
    if (deliverData && reading && !connection().dataHeard()) {
      advance(length);
      connection().dataUnheard(length);
      openWindow();
      return;
    }
    ReceivedData bytes = connection().nextDelivery();
    bytes.add(chunk, index, length);
    accept(bytes);
  }

  /** In-order bytes: advance RCV.NXT, shrink the window, and give them to the application. */
  private void accept(ReceivedData bytes) {
    int length = bytes.length();
    advance(length);
    if (!deliverData) {
      bytes.clear();
      openWindow(); // the application closed: bytes are acknowledged and discarded
    } else if (reading) {
      connection().deliver(bytes);
      openWindow();
    } else {
      // the application does not read: the bytes wait, copied, for it to read again
      if (unread == null) {
        unread = new ByteArrayOutputStream(length);
      }
      unread.writeBytes(bytes.toArray());
      bytes.clear();
    }
  }

  /** RCV.NXT and the stream advance over {@code length} in-order bytes, and RCV.WND shrinks. */
  private void advance(int length) {
    rcvNxt += length;
    receivedOffset += length;
    rcvWnd = Math.max(0, rcvWnd - length);
    bytesDelivered += length;
  }

  /**
   * Receiver silly-window avoidance (RFC 9293 3.8.6.2.2): the window grows only by at least
   * min(half the buffer, one MSS) at a time. Returns whether it grew.
   */
  boolean openWindow() {
    long free = Math.min(buffer - bytesUnread(), windowLimit());
    if (free - rcvWnd >= Math.min(buffer / 2, sendMss())) {
      rcvWnd = free;
      return true;
    }
    return false;
  }

  /**
   * The application read: the window grows as {@link #openWindow} allows. Returns whether to
   * announce it with a window update: whenever it grew (RFC 9293 3.8.6.2.2), or, where the host
   * does so ({@link HostProfile#windowUpdateWhenDoubled()}, Linux's tcp_cleanup_rbuf), only when it
   * at least doubled.
   */
  boolean openWindowAfterRead() {
    long before = rcvWnd;
    if (!openWindow()) {
      return false;
    }
    return !config.profile().windowUpdateWhenDoubled() || rcvWnd >= 2 * before;
  }

  /** Both ends agreed on SACK (RFC 2018): our ACKs report what we hold out of order. */
  @Override
  void reportSacks() {
    sack = new SackReport(config.profile().dsack());
  }

  /**
   * The SACK blocks our next ACK carries (RFC 2018 4, RFC 2883), at most {@code max}; empty without
   * SACK or with nothing to report.
   */
  @Override
  List<TcpOptions.SackBlock> sackBlocks(int max) {
    if (sack == null || !(textHeld || duplicateNoted)) {
      return List.of(); // the report's blocks are the text held and the duplicates noted
    }
    return sack.blocks(max, rcvNxt, receivedOffset);
  }

  /**
   * RFC 2883: a segment arrived whose text lies wholly below RCV.NXT (the acceptability test
   * refused it); the next ACK reports it in a D-SACK block.
   */
  void duplicateArrived(int seq, int length) {
    int offset = Seq.diff(seq, rcvNxt);
    if (quickAck != null && length > 0 && offset < 0) {
      quickAck.oldData(rcvWnd); // Linux's tcp_send_dupack
    }
    if (sack != null && length > 0 && offset + length <= 0 && -offset <= receivedOffset) {
      sack.duplicate(receivedOffset + offset, receivedOffset + offset + length);
      duplicateNoted = true;
    }
  }

  /** A FIN beyond a gap waits for the gap to be filled; the ACK says where the gap begins. */
  void holdFin(int finSeq) {
    finPending = true;
    pendingFinSeq = finSeq;
    ackNow();
  }

  /** Whether a held FIN is now next in sequence. */
  boolean heldFinIsNext() {
    return finPending && pendingFinSeq == rcvNxt;
  }

  /** RFC 9293 3.10.7.4, eighth: "Advance RCV.NXT over the FIN". */
  void takeFin() {
    finPending = false;
    rcvNxt++;
  }

  /** Pauses or resumes handing received data to the application; resuming delivers what waited. */
  void setReadingData(boolean on) {
    reading = on;
    if (on && unread != null) {
      byte[] waiting = unread.toByteArray();
      unread = null; // its memory goes with it
      if (deliverData) {
        ReceivedData data = connection().nextDelivery();
        data.add(DataChunk.of(waiting), 0, waiting.length);
        connection().deliver(data);
      }
    }
  }

  /** The application reads no more: later bytes are acknowledged and discarded. */
  void stopDelivering() {
    deliverData = false;
  }

  /** Bytes received in order that the application has not taken yet. */
  final int bytesUnread() {
    return unread == null ? 0 : unread.size();
  }

  /** Application bytes received in order. */
  long bytesDelivered() {
    return bytesDelivered;
  }

  /** An acknowledgment is owed at once (sent by the connection's next output). */
  void ackNow() {
    ackPending = true;
  }

  /** An acknowledgment is owed, but may wait for the delayed-ACK timer (RFC 9293 3.8.6.3). */
  void delayAck() {
    if (quickAck != null && !quickAck.dataSeen()) {
      ackNow(); // Linux: before any data arrived, the delayed-ACK timeout (ATO) is 0
      return;
    }
    if (!isRunning(DELAYED_ACK)) {
      start(DELAYED_ACK, Time.after(env.now(), config.delayedAckTimeout()));
    }
  }

  boolean ackPending() {
    return ackPending;
  }

  /** RFC 5961 7: a challenge ACK, at most one per configured interval. */
  void challengeAck() {
    long now = env.now();
    long interval = config.challengeAckInterval();
    if (interval > 0 && lastChallengeAck != Long.MIN_VALUE && now - lastChallengeAck < interval) {
      return;
    }
    lastChallengeAck = now;
    ackNow();
    bareAckOwed = true; // a challenge ACK is <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, never a FIN
  }

  /**
   * RFC 7323 5.3 R1's reply to a segment that PAWS refused: an ACK, with a D-SACK for its text
   * below RCV.NXT as for any duplicate. Linux rate-limits the ACK of a segment that occupies no
   * sequence space, or is a SYN (tcp_send_dupack under tcp_oow_rate_limited, whose interval the
   * challenge ACKs share); FreeBSD answers only a segment with text ("if (tlen) goto dropafterack;
   * goto drop").
   */
  void pawsRejected(TcpSegment seg) {
    int length = seg.dataLength();
    duplicateArrived(seg.seq(), length);
    switch (config.profile().paws()) {
      case RFC7323 -> ackNow();
      case LINUX -> {
        if (seg.seqLength() > 0 && !seg.has(SYN)) {
          ackNow();
        } else {
          challengeAck();
        }
      }
      case FREEBSD -> {
        if (length > 0) {
          ackNow();
        }
      }
    }
  }

  /** Whether the acknowledgment owed is a challenge ACK, which goes bare (never with a FIN). */
  boolean bareAckOwed() {
    return bareAckOwed;
  }

  /** The connection's output pass is over: a challenge ACK owed went with it. */
  void bareAckDone() {
    bareAckOwed = false;
  }

  /** The D-SACK blocks noted went out with an ACK. */
  @Override
  void duplicatesReported() {
    if (sack != null) {
      sack.reported();
      duplicateNoted = false;
    }
  }

  /** The delayed-ACK timeout passed with an ACK owed: it is owed at once. */
  void delayedAckExpired() {
    if (quickAck != null) {
      quickAck.delayedAckExpired();
    }
    ackNow();
  }

  /** Whatever acknowledgment was owed will not be sent (the connection returns to LISTEN). */
  void cancelAck() {
    stop(DELAYED_ACK);
    ackPending = false;
  }
}
