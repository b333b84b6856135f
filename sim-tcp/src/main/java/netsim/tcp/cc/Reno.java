package netsim.tcp.cc;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Reno's congestion window (RFC 5681): slow start adds up to one SMSS per ACK, congestion avoidance
 * one SMSS per window of data acknowledged, and loss halves the flight. With {@code newReno}, the
 * connection recovers from several losses in one window per RFC 6582.
 */
public final class Reno implements CongestionControl {
  private final boolean newReno;
  private final long smss;
  private long cwnd;
  private long ssthresh;

  /** Bytes acknowledged since cwnd last grew in congestion avoidance. */
  private long ackedInAvoidance;

  /**
   * @param initialWindow the initial cwnd in bytes (RFC 5681 3.1)
   */
  public Reno(boolean newReno, long smss, long initialWindow) {
    checkArgument(smss > 0 && initialWindow > 0, "SMSS and initial window must be positive");
    this.newReno = newReno;
    this.smss = smss;
    this.cwnd = initialWindow;
    this.ssthresh = Long.MAX_VALUE / 4; // RFC 5681 3.1: "arbitrarily high"
  }

  @Override
  public String name() {
    return newReno ? "newreno" : "reno";
  }

  @Override
  public boolean newRenoRecovery() {
    return newReno;
  }

  @Override
  public long cwnd() {
    return cwnd;
  }

  @Override
  public long ssthresh() {
    return ssthresh;
  }

  @Override
  public void onAck(long now, long acked, long srtt) {
    if (cwnd < ssthresh) {
      // RFC 5681 (2): cwnd += min(N, SMSS).
      cwnd += Math.min(acked, smss);
      return;
    }
    // RFC 5681 3.1: one SMSS per RTT, counted in acknowledged bytes.
    ackedInAvoidance += acked;
    if (ackedInAvoidance >= cwnd) {
      ackedInAvoidance -= cwnd;
      cwnd += smss;
    }
  }

  @Override
  public void onFastRetransmit(long now, long flightSize) {
    // RFC 5681 (4), then 3.2 step 4: ssthresh = max(FlightSize / 2, 2*SMSS); cwnd = ssthresh +
    // 3*SMSS.
    ssthresh = Math.max(flightSize / 2, 2 * smss);
    cwnd = ssthresh + 3 * smss;
    ackedInAvoidance = 0;
  }

  @Override
  public void onTimeout(long now, long flightSize) {
    // RFC 5681 (4) and 3.1: cwnd = LW = 1 SMSS.
    ssthresh = Math.max(flightSize / 2, 2 * smss);
    cwnd = smss;
    ackedInAvoidance = 0;
  }

  @Override
  public void setCwnd(long value) {
    cwnd = Math.max(smss, value);
  }
}
