package netsim.tcp;

/**
 * What an application sees of its connection, or does with it, as traces print it ({@link
 * #traceName()}). sim-tcp reports {@link #ESTABLISHED}, {@link #DATA}, {@link #PEER_CLOSED}, {@link
 * #RESET}, {@link #TIMEOUT}, {@link #CLOSED} and {@link #OPEN_FAILED}; the applications of a run
 * report their own calls: {@link #WRITE}, {@link #CLOSE}, {@link #SHUTDOWN} and {@link #ABORT}.
 */
public enum AppEvent {
  /** The handshake completed. */
  ESTABLISHED("established"),
  /** The application handed bytes to TCP (the bytes are the event's count). */
  WRITE("write"),
  /** Bytes were delivered to the application (the bytes are the event's count). */
  DATA("data"),
  /** The peer's FIN arrived: no more data will come. */
  PEER_CLOSED("peer-closed"),
  /** The application called CLOSE. */
  CLOSE("close"),
  /** The application shut its sending side down. */
  SHUTDOWN("shutdown"),
  /** The application called ABORT. */
  ABORT("abort"),
  /** The connection was reset by the peer ("connection reset", "connection refused"). */
  RESET("reset"),
  /** The connection gave up: retransmissions or keep-alive probes ran out. */
  TIMEOUT("timeout"),
  /** The TCB is deleted. */
  CLOSED("closed"),
  /** An OPEN failed at once: its 4-tuple exists (RFC 9293 3.10.1, "connection already exists"). */
  OPEN_FAILED("open-failed");

  private final String traceName;

  AppEvent(String traceName) {
    this.traceName = traceName;
  }

  /** The name traces print, e.g. "peer-closed". */
  public String traceName() {
    return traceName;
  }
}
