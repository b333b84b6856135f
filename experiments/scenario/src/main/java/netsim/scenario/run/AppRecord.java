package netsim.scenario.run;

import netsim.tcp.FourTuple;
import netsim.tcp.TcpConnection;

/**
 * What the application on one connection did and saw: bytes written and read, the first byte that
 * differed from the peer's stream, and how the connection ended (or that its OPEN failed). The
 * invariants read these. A record holds its connection only while the connection lives: once it is
 * CLOSED, the few counters the invariants need are copied, and the connection (with its buffers)
 * can be collected.
 */
public final class AppRecord {
  final String node;
  final String role;
  final long toSend;
  FourTuple tuple;

  /** The client's name and connection ({@code bulk.3}, {@code web#2}), or null for a server. */
  String flow;

  /** The connection while it lives; null once CLOSED (or when its OPEN failed). */
  private TcpConnection live;

  private long deliveredWhenClosed;
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

  /** Why the OPEN failed, or null (RFC 9293 3.10.1: "connection already exists"). */
  String openFailed;

  AppRecord(String node, String role, long toSend) {
    this.node = node;
    this.role = role;
    this.toSend = toSend;
  }

  /** The connection exists: the record follows it until it closes. */
  void attach(TcpConnection connection) {
    this.tuple = connection.tuple();
    this.live = connection;
  }

  /** The connection reached CLOSED: keep its counters, let it go. */
  void closed(TcpConnection connection) {
    deliveredWhenClosed = connection.info().bytesDelivered();
    live = null;
  }

  public String node() {
    return node;
  }

  /** "client" or "server". */
  public String role() {
    return role;
  }

  /**
   * The flow a client's connection is reported as: the client's name, with {@code #k} for its k-th
   * connection when it makes several; null for a listener's connection.
   */
  public String flow() {
    return flow;
  }

  /** The bytes the application means to send ({@code send}). */
  public long toSend() {
    return toSend;
  }

  /** The connection's 4-tuple, as its host sees it. */
  public FourTuple tuple() {
    return tuple;
  }

  /** Application bytes the connection received in order (delivered unless the app closed). */
  public long bytesDelivered() {
    return live != null ? live.info().bytesDelivered() : deliveredWhenClosed;
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

  public boolean timedOut() {
    return timedOut;
  }

  public boolean aborted() {
    return aborted;
  }

  /** Why the OPEN failed, or null if it did not. */
  public String openFailed() {
    return openFailed;
  }

  public long iss() {
    return iss;
  }

  public long irs() {
    return irs;
  }
}
