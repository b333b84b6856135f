package netsim.tcp;

import java.util.ArrayList;
import java.util.List;
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
  final CongestionControl cc = new Reno();

  /** What the recovery asked of the connection, in order: "retransmit fast", "stop RTT timing". */
  final List<String> requests = new ArrayList<>();

  long sndUna;
  long sndMax;

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
    return 0;
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
    return -1;
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

  @Override
  public SackScoreboard scoreboard() {
    return scoreboard;
  }

  @Override
  public boolean mayTransmitNewData() {
    return newData;
  }
}
