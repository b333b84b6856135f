package netsim.tcp;

/**
 * Why a connection (or listener) changed state: a user call, an arriving segment, a timeout or the
 * host's crash. Traces print {@link #traceName(int)}; a segment's cause names its flags there ("rcv
 * SYN|ACK"), which travel beside the cause as an {@code int} so that nothing is formatted until a
 * trace asks for it.
 */
public enum StateCause {
  /** RFC 9293 3.10.1 OPEN (active, or a listener's passive OPEN). */
  OPEN("OPEN"),
  /** RFC 9293 3.10.4 CLOSE. */
  CLOSE("CLOSE"),
  /** RFC 9293 3.10.5 ABORT. */
  ABORT("ABORT"),
  /** The host crashed and its TCBs vanished (a simulation's fault, RFC 9293 3.5.1). */
  HOST_CRASH("host crash"),
  /** A segment arrived; its flags are the change's {@code causeFlags}: "rcv " and the flags. */
  RCV("rcv"),
  /** COUNTERFACTUAL: a listener's child went straight to ESTABLISHED on the SYN. */
  RCV_SYN_TWO_WAY("rcv SYN (two-way handshake)"),
  /** A new SYN ended TIME-WAIT early (RFC 6191's idea). */
  RCV_SYN_NEW_INCARNATION("rcv SYN (new incarnation)"),
  /** RFC 9293 3.10.8: the 2 MSL timer expired. */
  TIME_WAIT_TIMEOUT("TIME-WAIT timeout"),
  /** COUNTERFACTUAL: a zero-length TIME-WAIT closed once the final ACK was out. */
  TIME_WAIT_ZERO("TIME-WAIT timeout (zero-length, counterfactual)"),
  /** The host's FIN-WAIT-2 timeout after the application closed (Linux's tcp_fin_timeout). */
  FIN_WAIT_2_TIMEOUT("FIN-WAIT-2 timeout"),
  /** RFC 9293 3.10.8 USER TIMEOUT: the retransmissions or keep-alive probes ran out. */
  USER_TIMEOUT("USER TIMEOUT");

  private final String text;

  StateCause(String text) {
    this.text = text;
  }

  /**
   * The cause as traces print it: "OPEN", "TIME-WAIT timeout", or for {@link #RCV} "rcv " followed
   * by {@code causeFlags} as {@link TcpFlags#format} writes them ("rcv FIN|ACK").
   */
  public String traceName(int causeFlags) {
    return this == RCV ? "rcv " + TcpFlags.format(causeFlags) : text;
  }
}
