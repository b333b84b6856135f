package netsim.tcp;

/**
 * The congestion figures a connection last reported to its observers (cwnd, ssthresh, SRTT, RTO and
 * the bytes in flight, {@link TcpObserver#onCongestion}), so that it reports each change once and
 * nothing while they stand still. A connection makes it when someone first listens.
 */
final class CongestionReport {

  private long reportedCwnd = -1;
  private long reportedSsthresh = -1;
  private long reportedSrtt = -1;
  private long reportedRto = -1;
  private long reportedFlight = -1;

  /**
   * Whether the send side's figures differ from the last report; if so, they become the last
   * report.
   */
  boolean changed(SendSide send) {
    long cwnd = send.cwnd();
    long ssthresh = send.ssthresh();
    long flight = send.flightSize();
    if (cwnd != reportedCwnd
        || ssthresh != reportedSsthresh
        || send.srtt() != reportedSrtt
        || send.rto() != reportedRto
        || flight != reportedFlight) {
      reportedCwnd = cwnd;
      reportedSsthresh = ssthresh;
      reportedSrtt = send.srtt();
      reportedRto = send.rto();
      reportedFlight = flight;
      return true;
    }
    return false;
  }
}
