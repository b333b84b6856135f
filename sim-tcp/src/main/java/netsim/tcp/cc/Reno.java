package netsim.tcp.cc;

/**
 * Reno's congestion window (RFC 5681): slow start adds up to one SMSS per ACK, congestion avoidance
 * one SMSS per window of data acknowledged, and loss halves the flight. Reno and NewReno differ
 * only in their loss recovery, not here.
 */
public final class Reno implements CongestionControl {
  /** Bytes acknowledged since cwnd last grew in congestion avoidance. */
  private long ackedInAvoidance;

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
    ackedInAvoidance += acked;
    if (ackedInAvoidance >= cwnd) {
      ackedInAvoidance -= cwnd;
      window.setCwnd(cwnd + window.smss());
    }
  }

  @Override
  public void onLoss(CongestionWindow window, long now, long flightSize) {
    // RFC 5681 (4): ssthresh = max(FlightSize / 2, 2*SMSS).
    window.setSsthresh(Math.max(flightSize / 2, 2 * window.smss()));
    ackedInAvoidance = 0;
  }

  @Override
  public void onTimeout(CongestionWindow window, long now, long flightSize) {
    // RFC 5681 (4) and 3.1: cwnd = LW = 1 SMSS.
    onLoss(window, now, flightSize);
    window.setCwnd(window.smss());
  }
}
