package netsim.tcp.cc;

/**
 * A congestion control algorithm: how the {@link CongestionWindow} grows as data is acknowledged
 * and where ssthresh goes when a loss is detected. The connection's loss recovery (fast retransmit
 * and fast recovery, RFC 5681 or RFC 6582) decides when those happen and inflates or deflates cwnd
 * during recovery; the algorithm never sees a recovery in progress. An algorithm with state of its
 * own has one instance per connection; one without ({@link Reno}) is shared. Sizes in bytes; times
 * in virtual nanoseconds.
 */
public interface CongestionControl {

  /** The algorithm's name, e.g. "reno". */
  String name();

  /**
   * New data was acknowledged outside loss recovery: grow the window.
   *
   * @param acked bytes newly acknowledged
   * @param srtt the smoothed RTT, or -1 before the first sample
   */
  void onAck(CongestionWindow window, long now, long acked, long srtt);

  /**
   * An ACK that acknowledged new data brought an RTT sample (Linux's pkts_acked hook), before the
   * window grows for it; called in and out of recovery.
   *
   * @param rtt the round trip of the newest segment it acknowledged
   * @param sndUna SND.UNA after the ACK, as a stream position
   * @param sndNxt SND.NXT, as a stream position
   */
  default void onRttSample(CongestionWindow window, long now, long rtt, long sndUna, long sndNxt) {}

  /**
   * Loss recovery begins (three duplicate ACKs): set ssthresh. Recovery sets cwnd afterwards.
   *
   * @param flightSize bytes outstanding when the loss was detected
   */
  void onLoss(CongestionWindow window, long now, long flightSize);

  /** The retransmission timer expired: set ssthresh and collapse cwnd to the loss window. */
  void onTimeout(CongestionWindow window, long now, long flightSize);
}
