package netsim.tcp;

/**
 * Sees what happens inside the TCP endpoints of a host: state changes (every transition, with its
 * cause) and application events. For traces and pictures; every method has a no-op default.
 */
public interface TcpObserver {
  /**
   * A connection (or listener) changed state.
   *
   * @param cause what made it change: an arriving segment ("rcv SYN|ACK"), a user call ("OPEN",
   *     "CLOSE", "ABORT"), or a timeout ("TIME-WAIT timeout", "USER TIMEOUT")
   */
  default void onStateChange(
      long time, String node, FourTuple connection, TcpState from, TcpState to, String cause) {}

  /**
   * An application-visible event: "established", "data" (with a byte count), "peer-closed",
   * "reset", "timeout", "closed".
   */
  default void onAppEvent(long time, String node, FourTuple connection, String event, long bytes) {}

  /** A segment was retransmitted after a timeout ("rto") or by fast retransmit ("fast"). */
  default void onRetransmit(
      long time, String node, FourTuple connection, TcpSegment segment, String reason) {}

  /**
   * The congestion state changed: cwnd, ssthresh (Long.MAX_VALUE / 4 while unset), the smoothed RTT
   * (-1 before the first sample), the RTO, and the bytes in flight.
   */
  default void onCongestion(
      long time,
      String node,
      FourTuple connection,
      long cwnd,
      long ssthresh,
      long srtt,
      long rto,
      long bytesInFlight) {}
}
