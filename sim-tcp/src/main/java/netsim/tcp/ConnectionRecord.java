package netsim.tcp;

/**
 * What a report needs of one connection: its 4-tuple, how it was opened, its state and its
 * counters. A stack keeps one per connection it ever made ({@link TcpStack#history()}); once a
 * connection has ended, this small record is all that is kept of it, never its buffers.
 *
 * @param passive whether it was a listener's child
 * @param irs the peer's initial sequence number, once a SYN arrived (else 0)
 * @param state its state when the record was taken (CLOSED, or LISTEN for a released child, once it
 *     has ended)
 * @param bytesSent application bytes sent for the first time
 * @param bytesDelivered application bytes received in order
 * @param retransmissions retransmission timeouts and fast retransmits
 */
public record ConnectionRecord(
    FourTuple tuple,
    boolean passive,
    TcpState state,
    int iss,
    int irs,
    long bytesSent,
    long bytesDelivered,
    long retransmissions) {

  /** The record of {@code connection} as it is now. */
  public static ConnectionRecord of(TcpConnection connection) {
    return new ConnectionRecord(
        connection.tuple(),
        connection.isPassive(),
        connection.state(),
        connection.info().iss(),
        connection.info().irs(),
        connection.info().bytesSent(),
        connection.info().bytesDelivered(),
        connection.info().retransmissions());
  }

  /** Whether it has ended: CLOSED, or a listener's child released back to LISTEN. */
  public boolean ended() {
    return state == TcpState.CLOSED || state == TcpState.LISTEN;
  }
}
