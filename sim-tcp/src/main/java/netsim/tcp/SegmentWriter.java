package netsim.tcp;

import static netsim.tcp.TcpFlags.ACK;
import static netsim.tcp.TcpFlags.RST;
import static netsim.tcp.TcpFlags.SYN;
import static netsim.tcp.TcpState.SYN_SENT;

import com.google.common.collect.ImmutableList;
import java.util.List;
import netsim.core.Simulator;
import netsim.net.packet.Ecn;
import org.jspecify.annotations.Nullable;

/**
 * The segments one connection sends, built with what the SYN exchange settled: the peer's MSS (RFC
 * 9293 3.7.1), timestamps (RFC 7323), SACK (RFC 2018) and ECN (RFC 3168 6.1). Every segment gets
 * here its window field, options and ECN marks, and leaves through {@link #transmit}, which tells
 * the receive side what it acknowledged.
 *
 * <p>It is apart from the state machine because building a segment is not connection management:
 * the state machine decides which segment, this class what it carries. It is a layer of the
 * connection ({@link TcpConnection} extends it), not an object beside it, so that a segment sent
 * reads no other object's lines; its fields follow the {@link TransmissionControlBlock}'s.
 */
abstract class SegmentWriter extends TransmissionControlBlock {

  private static final int TIMESTAMP_OPTION_LENGTH = 12;

  // The connection's ports, which every segment carries: here, so that building a segment reads no
  // FourTuple and no Endpoint (three objects, among thousands of connections three cache misses).
  // Ports and the peer's MSS are 16-bit fields (RFC 9293 3.1, 3.2): chars.
  private final char localPort;
  private final char remotePort;

  // Options in effect (RFC 7323, RFC 2018).
  private char peerMss = TcpConnection.DEFAULT_PEER_MSS;
  private boolean sackOn;
  private boolean peerOfferedScaling;
  private boolean peerOfferedTimestamps;
  private boolean peerOfferedSack;

  // The segment of new data that goes out as ECT(0) unless it turns out to be a window probe
  // (RFC 3168 6.1.6).
  private @Nullable TcpSegment ectSegment;

  // Counters.
  private long segmentsSent;

  /**
   * The writer of the connection of {@code tuple} (a layer of the connection itself): the block's
   * fields, and the ports every segment carries.
   */
  SegmentWriter(
      Simulator simulator,
      FourTuple tuple,
      TcpConnection.Environment env,
      TcpConfig config,
      long tsOffset) {
    super(
        simulator,
        ConnectionTable.key(tuple),
        tuple.local().address().bits(),
        env,
        config,
        tuple.remote().address(),
        tsOffset);
    this.localPort = (char) tuple.local().port();
    this.remotePort = (char) tuple.remote().port();
  }

  /** The connection this writer is a layer of (itself). */
  abstract TcpConnection connection();

  /** The SACK blocks our next ACK carries, at most {@code max} ({@link ReceiveSide}). */
  abstract List<TcpOptions.SackBlock> sackBlocks(int max);

  /** Takes the peer's timestamp from its SYN ({@link ReceiveSide}). */
  abstract void setTsRecent(long tsVal);

  /** Both ends agreed on SACK ({@link ReceiveSide}). */
  abstract void reportSacks();

  /** Window scaling on or off, as the SYN exchange settled ({@link ReceiveSide}). */
  abstract void windowScaling(boolean on);

  /**
   * The MSS in effect for what we send: the peer's MSS option (536 without one, RFC 9293 3.7.1)
   * bounded by ours, less the timestamp option's 12 bytes when timestamps are on (RFC 7323 and
   * Linux's tcp_current_mss; {@code getsockopt(TCP_MAXSEG)} of a connected socket).
   */
  int sendMss() {
    return Math.min(peerMss, config.mss()) - (timestampsOn ? TIMESTAMP_OPTION_LENGTH : 0);
  }

  /**
   * The most data a segment sent now carries: {@link #sendMss} less the SACK blocks it will carry
   * (as Linux's tcp_current_mss sizes segments).
   */
  int segmentMss() {
    return sendMss() - sackOptionLength();
  }

  /**
   * The most SACK blocks an ACK can carry: the 40 option bytes hold 4, or 3 beside timestamps (RFC
   * 2018 3).
   */
  private int maxSackBlocks() {
    return timestampsOn ? SackReport.MAX_BLOCKS - 1 : SackReport.MAX_BLOCKS;
  }

  /** The option bytes the SACK blocks of our next ACK take (RFC 2018 3: 2 NOPs, kind, length). */
  int sackOptionLength() {
    int blocks = sackOn && (textHeld || duplicateNoted) ? sackBlocks(maxSackBlocks()).size() : 0;
    return blocks == 0 ? 0 : 4 + 8 * blocks;
  }

  /**
   * A segment without data from this connection, with the window and options every segment carries.
   */
  TcpSegment segment(int seq, int ack, int flags) {
    return segment(seq, ack, flags, DataChunk.EMPTY, 0, 0);
  }

  /**
   * {@link #segment(int, int, int)} with the {@code length} bytes from {@code index} of {@code
   * chunk}'s chain as data.
   */
  TcpSegment segment(int seq, int ack, int flags, DataChunk chunk, int index, int length) {
    boolean syn = (flags & SYN) != 0;
    if (syn) {
      flags |= ecn.synFlags(flags); // RFC 3168 6.1.1: ECN-setup SYN and SYN-ACK
    } else if ((flags & (ACK | RST)) == ACK) {
      flags |= ecn.ackFlags(); // RFC 3168 6.1.3: ECE until the sender's CWR
    }
    // The timestamps option goes apart from the others, as primitive values: a segment of an
    // established connection then allocates no options object (the others are NONE).
    TcpOptions others = syn ? synOptions() : TcpOptions.NONE;
    // A bare RST carries no options; a RST,ACK (an abort, where the host sends one) does.
    boolean timestamps = (syn ? synTimestamps() : timestampsOn) && (flags & (RST | ACK)) != RST;
    long tsVal = timestamps ? timestampNow() : 0;
    long tsEcr = timestamps && (flags & ACK) != 0 ? tsRecent() : 0;
    if (sackOn && !syn && (flags & (ACK | RST)) == ACK) {
      // RFC 2018 4: every ACK reports what is held out of order, and RFC 2883 duplicates.
      // Blocks come only from text held or duplicates noted (the block's flags): else the receive
      // side is not read.
      List<TcpOptions.SackBlock> blocks =
          textHeld || duplicateNoted ? sackBlocks(maxSackBlocks()) : List.of();
      if (!blocks.isEmpty()) {
        others = others.withSackBlocks(blocks);
      }
    }
    int windowField = windowField(syn);
    return new TcpSegment(
        localPort,
        remotePort,
        seq,
        (flags & ACK) != 0 ? ack : 0,
        flags,
        (flags & RST) != 0 && (flags & ACK) == 0 ? 0 : windowField,
        0,
        others,
        timestamps,
        tsVal,
        tsEcr,
        chunk,
        index,
        length,
        connection(),
        peer);
  }

  /**
   * The options of our SYN (what we offer) or SYN,ACK (only what the peer's SYN offered, also after
   * a simultaneous open: RFC 7323 2.2, "A TCP MAY send a Window Scale option in a <SYN,ACK> segment
   * only if it received a Window Scale option in the initial <SYN>", and 3.2 likewise for
   * timestamps ({@link #synTimestamps}, apart); RFC 2018 for SACK-permitted).
   */
  private TcpOptions synOptions() {
    boolean active = activeSyn();
    boolean scaling = config.windowScaling() && (active || peerOfferedScaling);
    boolean sack = config.sackPermitted() && (active || peerOfferedSack);
    return new TcpOptions(
        config.mss(),
        scaling ? config.receiveWindowShift() : -1,
        sack,
        false,
        0,
        0,
        ImmutableList.of());
  }

  /** Whether our SYN or SYN,ACK carries the timestamps option (RFC 7323 3.2). */
  private boolean synTimestamps() {
    return config.timestamps() && (activeSyn() || peerOfferedTimestamps);
  }

  /** Whether the SYN we send is an active open's (one that offers), not an answer to the peer's. */
  private boolean activeSyn() {
    return !passiveOpen && state == SYN_SENT;
  }

  void transmit(TcpSegment seg) {
    if (env.egressRefuses()) {
      return; // the host's queue refuses it: it never leaves (Linux's NET_XMIT_DROP)
    }
    if (seg.has(ACK)) {
      ackSent(seg.ack());
    }
    if (seg.dataLength() > 0) {
      dataSent(env.now());
    }
    segmentsSent++;
    Ecn codepoint = seg == ectSegment ? Ecn.ECT_0 : Ecn.NOT_ECT;
    ectSegment = null;
    env.transmit(connection(), seg, codepoint);
  }

  /** Takes the peer's MSS, window scale, SACK-permitted and timestamps from its SYN. */
  void takeSynOptions(TcpSegment syn, SendSide send) {
    TcpOptions options = syn.options();
    peerMss = (char) (options.hasMss() ? options.mss() : TcpConnection.DEFAULT_PEER_MSS);
    peerOfferedScaling = options.hasWindowScale();
    peerOfferedTimestamps = options.timestamps();
    peerOfferedSack = options.sackPermitted();
    ecn.synArrived(syn, passiveOpen);
    boolean scaling = config.windowScaling() && peerOfferedScaling;
    send.setWindowShift(scaling ? options.windowScale() : 0);
    timestampsOn = config.timestamps() && peerOfferedTimestamps;
    if (timestampsOn) {
      setTsRecent(options.tsVal());
    }
    sackOn = config.sackPermitted() && peerOfferedSack;
    if (sackOn) {
      reportSacks();
    }
    windowScaling(scaling);
    send.startCongestionControl(config.congestionControl(), sendMss(), sackOn);
  }

  /**
   * RFC 3168 6.1.5: of a connection that uses ECN, a segment of new data goes out as ECT(0), and
   * the first after a window reduction carries CWR (6.1.2); retransmissions, pure ACKs, SYNs and
   * (found out in {@link #retransmitted}) window probes are Not-ECT (6.1.4 - 6.1.6).
   */
  TcpSegment dataSegment(
      SendSide send, int seq, int flags, DataChunk chunk, int index, int length) {
    boolean newData = ecn.isOn() && length > 0 && Seq.ge(seq, send.seqOf(send.sndMax()));
    int cwr = newData ? ecn.newDataFlags(send.reductions()) : 0;
    TcpSegment seg = segment(seq, rcvNxt, flags | cwr, chunk, index, length);
    ectSegment = newData ? seg : null;
    return seg;
  }

  /** The TSval a segment sent now carries (RFC 7323), or -1 without timestamps. */
  long timestampClock() {
    return timestampsOn ? timestampNow() : -1;
  }

  /** The connection's ECN endpoint, which also keeps the send side's ECN state. */
  EcnEndpoint ecn() {
    return ecn;
  }

  /** The TSecr of {@code segment} if timestamps are in use and it has one, else 0. */
  long echoedTimestamp(TcpSegment segment) {
    return timestampsOn && segment.hasTimestamps() ? segment.tsEcr() : 0;
  }

  /** {@code segment}, about to be transmitted, is sent again. */
  void retransmitted(TcpSegment segment, RetransmitReason reason) {
    if (segment == ectSegment) {
      ectSegment = null; // a window probe: Not-ECT (RFC 3168 6.1.6)
    }
    env.retransmitted(connection(), segment, reason);
  }

  /** The peer's MSS option, or 536 without one (RFC 9293 3.7.1). */
  int peerMss() {
    return peerMss;
  }

  boolean timestampsOn() {
    return timestampsOn;
  }

  boolean sackOn() {
    return sackOn;
  }

  long segmentsSent() {
    return segmentsSent;
  }
}
