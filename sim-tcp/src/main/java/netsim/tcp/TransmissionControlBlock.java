package netsim.tcp;

import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * The Transmission Control Block (RFC 9293 3.3.1): the variables that every arriving segment reads,
 * of every part of a connection, in one block, with what a segment does with them when it needs no
 * part (the acceptability test, PAWS, TS.Recent, an ACK that moves nothing, a pass with nothing to
 * send). Only {@link SegmentWriter} extends it (then {@link ReceiveSide}, {@link SendSide} and
 * {@link TcpConnection}: the parts are layers of the connection), and the layers read and write
 * these fields instead of holding them.
 *
 * <p>It exists for where HotSpot puts them: a superclass's fields come first in the object, after
 * the timers' ({@link TcpTimers}, its own superclass), so that among thousands of connections an
 * arriving segment reads the connection's first lines and, of the sides, only the one it needs.
 * Gathering these fields while the parts were still objects of their own saved nothing (a segment
 * read a run of the connection's objects whatever lay where in it); an object that a segment no
 * longer reads at all does (benchmarks/RESULTS.md, session 21).
 */
@SuppressWarnings("NullAway.Init") // the parts are made by the connection's constructor
abstract class TransmissionControlBlock extends TcpTimers {
  /** Whether this connection came from a LISTEN (RFC 9293 3.10.7.4: it returns there on RST). */
  boolean passiveOpen;

  // The demultiplexing hint's check (TcpStack#demultiplex): with env and mapped.
  final long tupleKey;
  final int localAddressBits;
  final TcpConnection.Environment env;
  boolean mapped;

  TcpState state = TcpState.CLOSED;
  int segmentsInProcess;
  boolean callbacksHeld;
  boolean orphaned;
  boolean wantsWritable;
  boolean peerFinSeen;
  boolean handlerReadsData;
  final TcpConfig config;

  /** The peer's address: every segment we send goes to it (TcpStack's transmit reads it). */
  final Ipv4Address remoteAddress;

  TcpHandler handler;
  @Nullable TcpConnection peer;

  // The parts (the timers are this object's superclass).
  EcnEndpoint ecn;

  // Receiving (RFC 9293 3.3.1 receive sequence space; RFC 7323 4.3, 5.3).
  /** RCV.NXT. */
  int rcvNxt;

  /** RCV.WND: the window offered, from RCV.NXT. */
  long rcvWnd;

  /**
   * TS.Recent, the peer's timestamp that our segments echo (its 32 bits: {@link #tsRecent()} is the
   * value), and when it was taken (PAWS). Ints where 32 bits hold the value: every arriving segment
   * reads these lines, and each 8 bytes less is an eighth of a line less to read.
   */
  int tsRecent;

  long tsRecentTakenAt;

  /** Last.ACK.sent (RFC 7323 4.3 (1)). */
  int lastAckSent;

  /** The shift of our window field (RFC 7323 2), or 0 without window scaling. */
  int rcvShift;

  /** Full-sized segments received since our last ACK, for delayed ACKs. */
  int unackedSegments;

  boolean ackPending;

  /** The acknowledgment owed is a challenge ACK, sent bare even while our FIN is unacknowledged. */
  boolean bareAckOwed;

  /** Whether the reassembly queue holds text. */
  boolean textHeld;

  /** Whether a duplicate went to the SACK report since our last ACK (RFC 2883's D-SACK). */
  boolean duplicateNoted;

  /** A FIN arrived beyond a gap (its sequence number is the receive side's). */
  boolean finPending;

  // Sending (RFC 9293 3.3.1 send sequence space): positions count the stream from our SYN (see
  // SendSide); SND.UNA, SND.NXT and SND.MAX.
  long sndUna;
  long sndNxt;
  long sndMax;

  /** The position right after the last byte written, where the FIN goes (1 + the buffer's end). */
  long dataEnd = 1;

  /** SND.WND in bytes (scaled). */
  long sndWnd;

  /** The largest window the peer has offered. */
  long maxSndWnd;

  /** ISS. */
  int iss;

  int sndWl1;
  int sndWl2;

  /** The shift applied to the peer's window field (RFC 7323 2), or 0 without window scaling. */
  int sndShift;

  /** The FIN follows the data queued (RFC 9293 3.10.4). */
  boolean finQueued;

  /** The loss recovery said it is quiet ({@link LossRecovery.Connection#recoveryQuiet}). */
  boolean recoveryQuiet;

  /** The send side keeps a SACK scoreboard (RFC 6675): SACK is in use. */
  boolean scoreboardOn;

  /** The send side groups an output pass's segments as Linux's TSO chunks. */
  boolean tsoChunks;

  /** The send side's chronograph state running (Linux's tp->chrono_type). */
  SendChrono.Kind chronoRunning = SendChrono.Kind.IDLE;

  /** Linux's quick-ACK mode (the receive side's), when the host has it; else null. */
  @Nullable QuickAckMode quickAck;

  // The segments we send (RFC 7323): timestamps agreed, and our timestamp clock's offset (its low
  // 32 bits, all that the clock's value keeps).
  boolean timestampsOn;
  final int tsOffset;

  TransmissionControlBlock(
      Simulator simulator,
      long tupleKey,
      int localAddressBits,
      TcpConnection.Environment env,
      TcpConfig config,
      Ipv4Address remoteAddress,
      long tsOffset) {
    super(simulator);
    this.tupleKey = tupleKey;
    this.localAddressBits = localAddressBits;
    this.env = env;
    this.config = config;
    this.remoteAddress = remoteAddress;
    this.tsOffset = (int) tsOffset;
  }

  /**
   * RFC 7323 4.2 (RTTM): the round-trip time that the TSecr of {@code seg} shows, our timestamp
   * clock now less the echoed value, in whole ticks of 1 ms and at least one (as Linux's
   * tcp_rtt_tsopt_us takes it); -1 without timestamps, for a TSecr of 0 (which Linux and FreeBSD
   * ignore) or for an echo from the future.
   */
  final long timestampRtt(TcpSegment seg) {
    if (!timestampsOn || !seg.hasTimestamps() || seg.tsEcr() == 0) {
      return -1;
    }
    long ticks = (timestampNow() - seg.tsEcr()) & 0xFFFF_FFFFL;
    if (ticks >= 1L << 31) {
      return -1;
    }
    return Math.max(1, ticks) * Time.MILLISECOND;
  }

  /** Our timestamp clock now (RFC 7323 5.4: the simulation's milliseconds plus the offset). */
  final long timestampNow() {
    // the int offset adds the same low 32 bits as the long it was
    return (env.now() / Time.MILLISECOND + tsOffset) & 0xFFFF_FFFFL;
  }

  // ---------------------------------------------------------------------------------------------
  // What every arriving segment and every segment sent do with the receive sequence space: here,
  // so that a sender's ACK reads no ReceiveSide.
  // ---------------------------------------------------------------------------------------------

  /** RFC 7323 5.5: a TS.Recent older than 24 days is no longer valid for PAWS. */
  static final long PAWS_IDLE = 24 * 24 * Time.HOUR;

  /** The acceptability test of RFC 9293 3.10.7.4 (the table of SEG.LEN and RCV.WND). */
  final boolean isAcceptable(int seq, int segLen) {
    int window = (int) rcvWnd;
    if (segLen == 0) {
      return window == 0 ? seq == rcvNxt : Seq.inWindow(seq, rcvNxt, window);
    }
    if (window == 0) {
      return false;
    }
    return Seq.inWindow(seq, rcvNxt, window) || Seq.inWindow(seq + segLen - 1, rcvNxt, window);
  }

  /** TS.Recent, the peer's 32-bit timestamp (RFC 7323 4.3). */
  final long tsRecent() {
    return Integer.toUnsignedLong(tsRecent);
  }

  /** RFC 7323 5.5: whether TS.Recent is too old for the PAWS test (and may be replaced). */
  final boolean tsRecentExpired(long now) {
    return now - tsRecentTakenAt > PAWS_IDLE;
  }

  /**
   * RFC 7323 5.3 R1: whether {@code seg} (its options carrying a timestamp) is too old: "If there
   * is a Timestamps option in the arriving segment, SEG.TSval < TS.Recent, TS.Recent is valid (see
   * later discussion), and if the RST bit is not set, then treat the arriving segment as not
   * acceptable". Linux and FreeBSD skip the test while TS.Recent is 0, and Linux lets a TSval one
   * below it pass ({@link HostProfile.Paws}).
   */
  final boolean pawsRejects(TcpSegment seg) {
    if (!seg.hasTimestamps() || seg.has(TcpFlags.RST) || tsRecentExpired(env.now())) {
      return false;
    }
    HostProfile.Paws rule = config.profile().paws();
    if (rule != HostProfile.Paws.RFC7323 && tsRecent == 0) {
      return false;
    }
    int behind = tsRecent - (int) seg.tsVal();
    return behind > (rule == HostProfile.Paws.LINUX ? 1 : 0);
  }

  /**
   * RFC 7323 4.3 (2) and 5.3 R3: "If: SEG.TSval >= TS.Recent and SEG.SEQ =< Last.ACK.sent then
   * SEG.TSval is copied to TS.Recent; otherwise, it is ignored." A TS.Recent older than 24 days
   * (5.5) is replaced whatever its value.
   */
  final void updateTsRecent(TcpSegment seg) {
    if (seg.hasTimestamps() && Seq.le(seg.seq(), lastAckSent)) {
      long now = env.now();
      if ((int) seg.tsVal() - tsRecent >= 0 || tsRecentExpired(now)) {
        tsRecent = (int) seg.tsVal();
        tsRecentTakenAt = now;
      }
    }
  }

  /** The window field of a segment we send; RFC 7323 2.2: a SYN's is never scaled. */
  final int windowField(boolean syn) {
    return (int) Math.min(0xFFFF, syn ? rcvWnd : rcvWnd >> rcvShift);
  }

  /** The D-SACK blocks noted went out with an ACK ({@link ReceiveSide}). */
  abstract void duplicatesReported();

  /** A segment acknowledging {@code ack} went out: nothing is owed any more. */
  final void ackSent(int ack) {
    lastAckSent = ack; // RFC 7323 4.3 (1): Last.ACK.sent
    QuickAckMode quick = quickAck;
    if (quick != null && (ackPending || isRunning(TcpTimers.Kind.DELAYED_ACK))) {
      quick.ackSent();
    }
    if (duplicateNoted) {
      duplicatesReported();
    }
    ackPending = false;
    stop(TcpTimers.Kind.DELAYED_ACK);
    unackedSegments = 0;
  }

  /** We sent data at {@code now} (for quick-ACK mode's idea of an interactive flow). */
  final void dataSent(long now) {
    QuickAckMode quick = quickAck;
    if (quick != null) {
      quick.dataSent(now);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What a segment at a receiver does with the send sequence space: here, so that a data segment
  // whose ACK moves nothing, and the pass that answers it, read no SendSide.
  // ---------------------------------------------------------------------------------------------

  /** The sequence number of stream position {@code position}. */
  final int seqOf(long position) {
    return iss + (int) position;
  }

  /** Whether our FIN was sent and is acknowledged. */
  final boolean finAcked() {
    return finQueued && sndUna > dataEnd;
  }

  /**
   * {@link SendSide#ackArrived} of an ACK that acknowledges nothing new with nothing outstanding,
   * no SACK scoreboard, no ECN echo and no data waiting (a data segment at a receiver): returns
   * false, doing nothing, for any other ACK. RFC 9293 3.10.7.4: such an ACK is no duplicate (no
   * data outstanding, RFC 5681 2) and only may update the window.
   */
  final boolean quietAckArrived(TcpSegment seg, boolean ecnEcho) {
    if (ecnEcho
        || scoreboardOn
        || sndMax != sndUna
        || sndNxt < dataEnd
        || seg.ack() != seqOf(sndUna)) {
      return false;
    }
    probesAnswered(); // Linux's tcp_ack clears icsk_probes_out unless the ACK is old
    if (mayUpdateWindow(seg)) {
      takeWindow(seg); // no data waits: no restart after idle (SendSide#updateWindow)
    }
    return true;
  }

  /**
   * RFC 9293 3.10.7.4: "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)", the
   * segment may update the window.
   */
  final boolean mayUpdateWindow(TcpSegment seg) {
    return Seq.lt(sndWl1, seg.seq()) || (sndWl1 == seg.seq() && Seq.le(sndWl2, seg.ack()));
  }

  /**
   * "Set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK"; a window that is
   * open ends zero-window probing.
   */
  final void takeWindow(TcpSegment seg) {
    sndWnd = scaledWindow(seg);
    if (sndWnd > 0) {
      resetPersist();
    }
    maxSndWnd = Math.max(maxSndWnd, sndWnd);
    sndWl1 = seg.seq();
    sndWl2 = seg.ack();
  }

  /** The peer's window in bytes. RFC 7323 2.2: the window field of a SYN is never scaled. */
  final long scaledWindow(TcpSegment seg) {
    return seg.has(TcpFlags.SYN) ? seg.window() : (long) seg.window() << sndShift;
  }

  /**
   * Whether {@link SendSide#transmitAll} would send nothing and change nothing: a quiet recovery,
   * nothing unsent, nothing to send again, no FIN to send, no TSO chunks to flush, and the
   * chronograph's state unchanged by the pass's end (a receiver's pass).
   */
  final boolean sendsNothing() {
    long position = sndNxt;
    return recoveryQuiet
        && !tsoChunks
        && position != 0
        && nothingToSendFrom(position)
        && SendChrono.stopped(chronoRunning, SendChrono.Kind.RWND_LIMITED, queuesEmpty())
            == chronoRunning;
  }

  /**
   * Whether nothing is unsent from SND.NXT at {@code position} on, nothing to send again and no FIN
   * to send (a receiver's pass): answered from the block alone.
   */
  final boolean nothingToSendFrom(long position) {
    return position >= dataEnd && position >= sndMax && !(finQueued && position == dataEnd);
  }

  /** Nothing queued and nothing in flight (tcp_rtx_and_write_queues_empty). */
  final boolean queuesEmpty() {
    return sndUna >= sndMax && sndMax >= dataEnd;
  }
}
