package netsim.tcp;

/**
 * What an application hears from a TCP connection. Every method has a no-op default. Callbacks run
 * inside the simulation, at the virtual time of the event that caused them; an application may call
 * the connection (send, close, ...) from inside them.
 */
public interface TcpHandler {
  /** The handshake completed: the connection is ESTABLISHED (or, for a simultaneous open, too). */
  default void onEstablished(TcpConnection connection) {}

  /**
   * In-order bytes arrived, as a view of the peer's bytes valid only during the call: an
   * application that counts bytes reads {@link ReceivedData#length}, one that reads them copies
   * them out ({@link ReceivedData#toArray}, {@link ReceivedData#copyTo}). So delivery copies
   * nothing that the application does not ask for.
   */
  default void onData(TcpConnection connection, ReceivedData data) {}

  /**
   * Space was freed in the send buffer after {@link TcpConnection#send} accepted less than asked.
   */
  default void onWritable(TcpConnection connection) {}

  /** The peer's FIN arrived: no more data will come. */
  default void onPeerClosed(TcpConnection connection) {}

  /** The connection was reset by the peer, or refused. */
  default void onReset(TcpConnection connection) {}

  /** Retransmissions gave up (user timeout, RFC 9293 3.8.3). */
  default void onTimeout(TcpConnection connection) {}

  /** The connection reached CLOSED, whatever the reason. Called last. */
  default void onClosed(TcpConnection connection) {}
}
