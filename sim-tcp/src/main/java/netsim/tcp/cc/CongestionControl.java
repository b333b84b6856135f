package netsim.tcp.cc;

/**
 * A congestion control algorithm: how the congestion window grows as data is acknowledged and how
 * it shrinks when loss is detected. The connection does loss detection and recovery (fast
 * retransmit, RFC 5681 fast recovery or RFC 6582 NewReno); the algorithm sets the windows. One
 * instance per connection; sizes in bytes; times in virtual nanoseconds.
 */
public interface CongestionControl {

  /** The registry name, e.g. "newreno". */
  String name();

  /** Whether loss recovery follows NewReno's partial-ACK rules (RFC 6582) rather than Reno's. */
  boolean newRenoRecovery();

  /** The congestion window, cwnd. */
  long cwnd();

  /** The slow-start threshold, ssthresh. */
  long ssthresh();

  /** Whether the window is in slow start (cwnd below ssthresh). */
  default boolean inSlowStart() {
    return cwnd() < ssthresh();
  }

  /**
   * New data was acknowledged outside loss recovery.
   *
   * @param acked bytes newly acknowledged
   * @param srtt the smoothed RTT, or -1 before the first sample
   */
  void onAck(long now, long acked, long srtt);

  /** Three duplicate ACKs: set ssthresh and cwnd for the start of fast recovery. */
  void onFastRetransmit(long now, long flightSize);

  /** The retransmission timer expired: collapse to the loss window. */
  void onTimeout(long now, long flightSize);

  /**
   * Sets cwnd directly, for the window inflation and deflation of fast recovery (RFC 5681 3.2, RFC
   * 6582 3.2).
   */
  void setCwnd(long cwnd);
}
