package netsim.tcp;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.tcp.cc.CongestionControl;
import netsim.tcp.cc.CongestionWindow;
import netsim.tcp.cc.Reno;

/**
 * A connection as its {@link LossRecovery} sees it, driven by hand: a test sets SND.UNA and
 * SND.MAX, delivers ACKs and reads the window and what the recovery asked for.
 */
final class RecoveryBench implements LossRecovery.Connection {
  static final long SMSS = 1000;

  final CongestionWindow window;
  final CongestionControl cc = Reno.INSTANCE;

  /** What the recovery last said of itself ({@link LossRecovery.Connection#recoveryQuiet}). */
  boolean quiet;

  /** What the recovery asked of the connection, in order: "retransmit fast", "stop RTT timing". */
  final List<String> requests = new ArrayList<>();

  long sndUna;
  long sndMax;

  /** The virtual time, the smoothed RTT (-1: none yet) and the RTO the recovery sees. */
  long now;

  long srtt = -1;
  long rto = Time.seconds(1);
  int retries;

  /** What the probe timeout adds to 2 SRTT with several segments in flight (rfc's: none). */
  long probeTimeoutSlack = HostProfile.RFC.probeTimeoutSlack();

  boolean rackRttOfLastDelivered = HostProfile.RFC.rackRttOfLastDelivered();

  boolean undoSpuriousRecovery = HostProfile.RFC.undoSpuriousRecovery();
  boolean cwndGrowsOnSackWhenReordered = HostProfile.RFC.cwndGrowsOnSackWhenReordered();
  boolean linuxPrr = HostProfile.RFC.linuxPrr();

  /** The TSval clock (-1: no timestamps) and the TSecr of the ACK being read (0: none). */
  long timestampClock = -1;

  long echoedTimestamp;

  /** When the retransmission timer expires ({@link TcpTimers#NEVER}: not running). */
  long retransmitDeadline = TcpTimers.NEVER;

  /** The recovery's own timers. */
  private final TcpTimers timers = new TcpHarness(TcpHarness.CONFIG, false).connection.timers();

  /** A connection with {@code segments} full segments in flight from position 1 and this cwnd. */
  RecoveryBench(long cwnd, int segments) {
    window = new CongestionWindow(SMSS, cwnd);
    sndUna = 1;
    sndMax = 1 + segments * SMSS;
  }

  /** The cumulative ACK moves SND.UNA to {@code position}; tells the recovery. */
  LossRecovery.AckOutcome ack(LossRecovery recovery, long position) {
    long acked = position - sndUna;
    sndUna = position;
    return recovery.onNewAck(acked);
  }

  /** {@code count} duplicate ACKs. */
  void duplicates(LossRecovery recovery, int count) {
    for (int i = 0; i < count; i++) {
      recovery.onDuplicateAck();
    }
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public boolean undoSpuriousRecovery() {
    return undoSpuriousRecovery;
  }

  @Override
  public boolean cwndGrowsOnSackWhenReordered() {
    return cwndGrowsOnSackWhenReordered;
  }

  @Override
  public boolean linuxPrr() {
    return linuxPrr;
  }

  @Override
  public long timestampClock() {
    return timestampClock;
  }

  @Override
  public long echoedTimestamp() {
    return echoedTimestamp;
  }

  @Override
  public long sndUna() {
    return sndUna;
  }

  @Override
  public long sndMax() {
    return sndMax;
  }

  @Override
  public long flightSize() {
    return sndMax - sndUna;
  }

  @Override
  public long srtt() {
    return srtt;
  }

  @Override
  public long probeTimeoutSlack() {
    return probeTimeoutSlack;
  }

  @Override
  public boolean rackRttOfLastDelivered() {
    return rackRttOfLastDelivered;
  }

  @Override
  public CongestionWindow window() {
    return window;
  }

  @Override
  public CongestionControl congestionControl() {
    return cc;
  }

  @Override
  public void retransmitFirstUnacknowledged(RetransmitReason reason) {
    requests.add("retransmit " + reason.traceName() + " at " + sndUna);
  }

  @Override
  public void recoveryQuiet(boolean quiet) {
    this.quiet = quiet;
  }

  @Override
  public void stopRttTiming() {
    requests.add("stop RTT timing");
  }

  /** The scoreboard a test fills with {@link #sack}. */
  final SackScoreboard scoreboard = new SackScoreboard();

  /** Whether unsent data waits that the peer's window takes. */
  boolean newData;

  /** The peer SACKs positions [left, right), as blocks in an ACK at SND.UNA would (ISS 0). */
  void sack(long... edges) {
    List<TcpOptions.SackBlock> blocks = new ArrayList<>();
    for (int i = 0; i < edges.length; i += 2) {
      blocks.add(new TcpOptions.SackBlock((int) edges[i], (int) edges[i + 1]));
    }
    scoreboard.update(0, sndUna, sndMax, blocks);
  }

  /**
   * An ACK at SND.UNA with these SACK blocks, given to {@code recovery} as a duplicate if it SACKs
   * new data.
   */
  void sackAck(LossRecovery recovery, long... edges) {
    sack(edges);
    if (scoreboard.newlySacked() > 0) {
      recovery.onDuplicateAck();
    }
  }

  /** A cumulative ACK to {@code position} carrying these blocks, given to {@code recovery}. */
  LossRecovery.AckOutcome cumulativeAck(LossRecovery recovery, long position, long... edges) {
    long acked = position - sndUna;
    sndUna = position;
    sack(edges);
    return recovery.onNewAck(acked);
  }

  /**
   * Sends what {@code recovery} chooses, as a connection would: full segments up to SACKed data;
   * returns them as "start-end" ranges.
   */
  String send(LossRecovery recovery) {
    StringBuilder sent = new StringBuilder();
    long position;
    while ((position = recovery.nextSegment()) >= 0) {
      boolean retransmission = position < sndMax;
      long end =
          Math.min(
              position + SMSS,
              retransmission ? scoreboard.nextSackedFrom(position) : Long.MAX_VALUE);
      recovery.segmentSent(position, end - position, retransmission);
      if (!retransmission) {
        sndMax = end;
      }
      sent.append(sent.length() == 0 ? "" : " ").append(position).append('-').append(end);
    }
    return sent.toString();
  }

  /** The peer acknowledges {@code position} with SACK blocks [left, right) (ISS 0). */
  void update(long position, long... edges) {
    List<TcpOptions.SackBlock> blocks = new ArrayList<>();
    for (int i = 0; i < edges.length; i += 2) {
      blocks.add(new TcpOptions.SackBlock((int) edges[i], (int) edges[i + 1]));
    }
    scoreboard.update(0, Math.max(sndUna, position), sndMax, blocks);
  }

  @Override
  public SackScoreboard scoreboard() {
    return scoreboard;
  }

  @Override
  public long rto() {
    return rto;
  }

  @Override
  public int retries() {
    return retries;
  }

  @Override
  public long retransmitDeadline() {
    return retransmitDeadline;
  }

  @Override
  public void restartRetransmitTimer() {
    requests.add("restart RTO");
    retransmitDeadline = now + rto;
  }

  @Override
  public void startTimer(TcpTimers.Kind kind, long deadline) {
    timers.start(kind, deadline);
  }

  @Override
  public void stopTimer(TcpTimers.Kind kind) {
    timers.stop(kind);
  }

  @Override
  public long timerDeadline(TcpTimers.Kind kind) {
    return timers.deadline(kind);
  }

  @Override
  public boolean mayTransmitNewData() {
    return newData;
  }
}
