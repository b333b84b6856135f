package netsim.tcp.cc;

import netsim.core.Time;

/**
 * CUBIC (RFC 9438): in congestion avoidance the window follows W(t) = C (t - K)^3 + W_max, a cubic
 * in the time since the last reduction, never below the Reno-friendly estimate W_est; a loss
 * multiplies the window by beta = 0.7. Slow start and recovery are as NewReno's. Arithmetic in
 * doubles with {@link StrictMath}, which gives the same bits on every JVM.
 */
public final class Cubic implements CongestionControl {
  /** RFC 9438 4.6: beta_cubic. */
  static final double BETA = 0.7;

  /** RFC 9438 5: C = 0.4 (segments per second cubed). */
  static final double C = 0.4;

  /** RFC 9438 4.3: alpha_cubic = 3 (1 - beta) / (1 + beta). */
  static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

  /** W_max in segments: the window before the last reduction. */
  private double wMax;

  /** K in seconds. */
  private double k;

  /** The start of the current congestion avoidance epoch, or -1. */
  private long epochStart = -1;

  /** W_est in segments (RFC 9438 4.3). */
  private double wEst;

  private double cwndSegments;

  @Override
  public String name() {
    return "cubic";
  }

  @Override
  public void onAck(CongestionWindow window, long now, long acked, long srtt) {
    long cwnd = window.cwnd();
    long smss = window.smss();
    if (window.inSlowStart()) {
      window.setCwnd(cwnd + window.slowStartIncrease(acked));
      return;
    }
    if (epochStart < 0) {
      // RFC 9438 4.2: a new congestion avoidance epoch begins.
      epochStart = now;
      cwndSegments = (double) cwnd / smss;
      if (wMax < cwndSegments) {
        wMax = cwndSegments;
        k = 0;
      } else {
        k = StrictMath.cbrt((wMax - cwndSegments) / C);
      }
      wEst = cwndSegments;
    }
    double rtt = srtt > 0 ? (double) srtt / Time.SECOND : 0;
    double t = (double) (now - epochStart) / Time.SECOND;
    // RFC 9438 4.2: the target is W_cubic(t + RTT).
    double target = C * StrictMath.pow(t + rtt - k, 3) + wMax;
    // RFC 9438 4.3: W_est grows by alpha segments per window acknowledged.
    wEst += ALPHA * ((double) acked / smss) / cwndSegments;
    double current = cwndSegments;
    if (wEst > target) {
      target = wEst; // the Reno-friendly region
    } else if (target > 1.5 * current) {
      target = 1.5 * current; // RFC 9438 4.4: at most 1.5 times per RTT
    }
    if (target > current) {
      // RFC 9438 4.4: cwnd += (target - cwnd) / cwnd per acknowledged segment.
      cwndSegments = current + (target - current) / current * ((double) acked / smss);
    }
    window.setCwnd(Math.max(cwnd, (long) (cwndSegments * smss)));
  }

  @Override
  public void onLoss(CongestionWindow window, long now, long flightSize) {
    // RFC 9438 4.6: ssthresh = cwnd * beta_cubic; recovery sets cwnd from it.
    reduce(window);
  }

  @Override
  public void onTimeout(CongestionWindow window, long now, long flightSize) {
    reduce(window);
    window.setCwnd(window.smss());
  }

  /**
   * A loss ends the epoch: cwnd is taken from the window whenever the next one begins, so the
   * writes of loss recovery in between need no notice here.
   */
  private void reduce(CongestionWindow window) {
    long cwnd = window.cwnd();
    double segments = (double) cwnd / window.smss();
    // RFC 9438 4.7: fast convergence.
    wMax = segments < wMax ? segments * (1 + BETA) / 2 : segments;
    window.setSsthresh(Math.max(2 * window.smss(), (long) (cwnd * BETA)));
    epochStart = -1;
  }
}
