package netsim.experiments.run;

import netsim.tcp.TcpConnection;

/**
 * What the application on one connection did and saw: bytes written and read, the first byte that
 * differed from the peer's stream, and how the connection ended. The invariants read these.
 */
public final class AppRecord {
  final String node;
  final String role;
  final long toSend;
  TcpConnection connection;
  long establishedAt = -1;
  long iss = -1;
  long irs = -1;
  long written;
  long received;
  long firstMismatch = -1;
  boolean peerClosed;
  boolean reset;
  boolean timedOut;
  boolean aborted;

  AppRecord(String node, String role, long toSend) {
    this.node = node;
    this.role = role;
    this.toSend = toSend;
  }

  public String node() {
    return node;
  }

  /** "client" or "server". */
  public String role() {
    return role;
  }

  public TcpConnection connection() {
    return connection;
  }

  public long written() {
    return written;
  }

  public long received() {
    return received;
  }

  /** The offset of the first received byte that differed from what the peer sent, or -1. */
  public long firstMismatch() {
    return firstMismatch;
  }

  public boolean peerClosed() {
    return peerClosed;
  }

  public boolean wasReset() {
    return reset;
  }

  public long iss() {
    return iss;
  }

  public long irs() {
    return irs;
  }
}
