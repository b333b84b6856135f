package netsim.tcp;

import netsim.core.Time;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * The Transmission Control Block (RFC 9293 3.3.1): the variables that every arriving segment reads,
 * of every part of a connection, in one block. Only {@link TcpConnection} extends it; the parts
 * ({@link ReceiveSide}, {@link SegmentWriter}, ...) read and write these fields through the
 * connection instead of holding them.
 *
 * <p>It exists for where HotSpot puts them (a prototype, branch tcb21): a superclass's fields come
 * first in the object, so that among thousands of connections an arriving segment reads these few
 * lines of the connection rather than a line or two of each part.
 */
@SuppressWarnings("NullAway.Init") // the parts are made by the connection's constructor
abstract class TransmissionControlBlock {
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
  final Ipv4Address remoteAddress;
  TcpHandler handler;
  @Nullable TcpConnection peer;

  // The parts.
  TcpTimers timers;
  ReceiveSide receive;
  SegmentWriter out;
  SendSide send;
  EcnEndpoint ecn;

  // Receiving (RFC 9293 3.3.1 receive sequence space; RFC 7323 4.3, 5.3).
  /** RCV.NXT. */
  int rcvNxt;

  /** RCV.WND: the window offered, from RCV.NXT. */
  long rcvWnd;

  /** TS.Recent, the peer's timestamp that our segments echo, and when it was taken (PAWS). */
  long tsRecent;

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

  // The segments we send (RFC 7323): timestamps agreed, and our timestamp clock's offset.
  boolean timestampsOn;
  final long tsOffset;

  TransmissionControlBlock(
      long tupleKey,
      int localAddressBits,
      TcpConnection.Environment env,
      TcpConfig config,
      Ipv4Address remoteAddress,
      long tsOffset) {
    this.tupleKey = tupleKey;
    this.localAddressBits = localAddressBits;
    this.env = env;
    this.config = config;
    this.remoteAddress = remoteAddress;
    this.tsOffset = tsOffset;
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
    return (env.now() / Time.MILLISECOND + tsOffset) & 0xFFFF_FFFFL;
  }
}
