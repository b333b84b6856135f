package netsim.tcp.cc;

/**
 * Reno's congestion window (RFC 5681): slow start adds up to one SMSS per ACK, congestion avoidance
 * one SMSS per window of data acknowledged, and loss halves the flight. Reno and NewReno differ
 * only in their loss recovery, not here. Its only state, congestion avoidance's count of bytes
 * acknowledged, is the window's ({@link CongestionWindow#additiveIncrease}), so every connection
 * shares {@link #INSTANCE}: among thousands of connections, one object less of each is read on
 * every ACK.
 */
public final class Reno implements CongestionControl {
  /** The one Reno: it keeps no state of a connection. */
  public static final Reno INSTANCE = new Reno();

  private Reno() {}

  @Override
  public String name() {
    return "reno";
  }

  @Override
  public void onAck(CongestionWindow window, long now, long acked, long srtt) {
    long cwnd = window.cwnd();
    if (window.inSlowStart()) {
      // RFC 5681 (2): cwnd += min(N, SMSS) (or the host's rule, CongestionWindow).
      window.setCwnd(cwnd + window.slowStartIncrease(acked));
      return;
    }
    // RFC 5681 3.1: one SMSS per RTT, counted in acknowledged bytes.
    window.additiveIncrease(acked);
  }

  @Override
  public void onLoss(CongestionWindow window, long now, long flightSize) {
    // RFC 5681 (4): ssthresh = max(FlightSize / 2, 2*SMSS).
    window.setSsthresh(Math.max(flightSize / 2, 2 * window.smss()));
    window.restartAdditiveIncrease();
  }

  @Override
  public void onTimeout(CongestionWindow window, long now, long flightSize) {
    // RFC 5681 (4) and 3.1: cwnd = LW = 1 SMSS.
    onLoss(window, now, flightSize);
    window.setCwnd(window.smss());
  }
}
