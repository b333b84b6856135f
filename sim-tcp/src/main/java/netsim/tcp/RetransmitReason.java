package netsim.tcp;

/** Why a segment was sent again; traces print {@link #traceName()}. */
public enum RetransmitReason {
  /** The retransmission timer expired (RFC 6298 5.4). */
  RTO("rto"),
  /** Loss recovery sent it: fast retransmit or a partial ACK (RFC 5681 3.2, RFC 6582 3.2). */
  FAST("fast"),
  /** A zero-window probe (RFC 9293 3.8.6.1). */
  PROBE("probe"),
  /** A tail loss probe that resends the last segment (RFC 8985 7.3). */
  TLP("tlp");

  private final String traceName;

  RetransmitReason(String traceName) {
    this.traceName = traceName;
  }

  /** The name traces print, e.g. "rto". */
  public String traceName() {
    return traceName;
  }
}
