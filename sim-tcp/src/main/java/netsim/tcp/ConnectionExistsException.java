package netsim.tcp;

/**
 * An OPEN refused because a connection with its 4-tuple exists, in whatever state (TIME-WAIT
 * included): RFC 9293 3.10.1, "error: connection already exists". Only that OPEN fails; the
 * existing connection and the rest of the stack carry on.
 */
public final class ConnectionExistsException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final FourTuple tuple;
  private final TcpState existing;

  ConnectionExistsException(FourTuple tuple, TcpState existing) {
    super("connection " + tuple + " already exists (in " + existing + ")");
    this.tuple = tuple;
    this.existing = existing;
  }

  /** The 4-tuple the OPEN asked for. */
  public FourTuple tuple() {
    return tuple;
  }

  /** The state of the connection that holds it. */
  public TcpState existing() {
    return existing;
  }
}
