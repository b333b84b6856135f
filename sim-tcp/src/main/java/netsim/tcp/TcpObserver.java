package netsim.tcp;

/**
 * Sees what happens inside the TCP endpoints of one host's stack ({@link TcpStack#addObserver}):
 * connections made, state changes with their causes, application events, retransmissions and
 * congestion changes. Events are typed values, so an observer formats nothing it does not want. For
 * traces and pictures; every method has a no-op default. The stack names no host: an observer that
 * watches several stacks is given one instance per stack.
 */
public interface TcpObserver {
  /** A connection was made (active OPEN, or a listener's child), before its first state change. */
  default void onCreated(long time, TcpConnection connection) {}

  /**
   * A connection (or listener, whose remote endpoint is 0.0.0.0:0) changed state.
   *
   * @param cause what made it change
   * @param causeFlags for {@link StateCause#RCV}, the flags its trace text names (usually the
   *     arriving segment's, e.g. SYN|ACK); otherwise 0
   */
  default void onStateChange(
      long time,
      FourTuple connection,
      TcpState from,
      TcpState to,
      StateCause cause,
      int causeFlags) {}

  /**
   * An application-visible event, with a byte count for {@link AppEvent#DATA} (else 0). For {@link
   * AppEvent#OPEN_FAILED} no connection exists: {@code connection} is the 4-tuple that was asked
   * for.
   */
  default void onAppEvent(long time, FourTuple connection, AppEvent event, long bytes) {}

  /** A segment is sent again; its send follows. */
  default void onRetransmit(
      long time, FourTuple connection, TcpSegment segment, RetransmitReason reason) {}

  /**
   * The congestion state changed: one of its {@link TcpConnection#info() info}: {@link
   * TcpInfo#cwnd()}, {@link TcpInfo#ssthresh()} (Long.MAX_VALUE / 4 while unset), {@link
   * TcpInfo#srtt()} (-1 before the first sample), {@link TcpInfo#rto()} or {@link
   * TcpInfo#bytesInFlight()}.
   */
  default void onCongestion(long time, TcpConnection connection) {}
}
