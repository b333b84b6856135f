package netsim.tcp;

/**
 * The eleven states of a TCP connection (RFC 9293 3.3.2). Traces print {@link #name()}, e.g. {@code
 * SYN_RECEIVED}.
 */
public enum TcpState {
  CLOSED,
  LISTEN,
  SYN_SENT,
  SYN_RECEIVED,
  ESTABLISHED,
  FIN_WAIT_1,
  FIN_WAIT_2,
  CLOSE_WAIT,
  CLOSING,
  LAST_ACK,
  TIME_WAIT;

  /**
   * The states after the handshake (RFC 9293 3.5: "synchronized states"), SYN-RECEIVED included.
   */
  public boolean isSynchronized() {
    return ordinal() >= SYN_RECEIVED.ordinal();
  }

  /** Whether our FIN has been sent or queued: the user has closed the sending side. */
  public boolean hasClosedSending() {
    switch (this) {
      case FIN_WAIT_1:
      case FIN_WAIT_2:
      case CLOSING:
      case LAST_ACK:
      case TIME_WAIT:
        return true;
      default:
        return false;
    }
  }

  /** Whether the peer's FIN has been received. */
  public boolean hasReceivedFin() {
    switch (this) {
      case CLOSE_WAIT:
      case CLOSING:
      case LAST_ACK:
      case TIME_WAIT:
        return true;
      default:
        return false;
    }
  }
}
