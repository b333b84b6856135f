package netsim.packetdrill;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import netsim.tcp.ReceivedData;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpHandler;
import netsim.tcp.TcpListener;

/**
 * One socket of the script's process, as a kernel keeps it: a listener with its queue of
 * established children, or a connection with the bytes received and not yet read, the pending error
 * ({@code SO_ERROR}) and which sides were shut down. It hears its connection as a {@link
 * TcpHandler} and tells the runner of every change, so that a blocked call can return.
 */
final class SimSocket implements TcpHandler {
  private final Runnable changed;

  /** The listening socket a child came from, or null. */
  final SimSocket parent;

  int fd = -1;
  boolean nonBlocking;
  int boundPort = -1;
  TcpListener listener;
  final Deque<SimSocket> acceptQueue = new ArrayDeque<>();
  TcpConnection connection;
  boolean established;

  /** Bytes the model handed up and no read() has taken yet (more wait in the model). */
  long unread;

  boolean peerClosed;

  /** The pending error, as an errno name, or null. */
  String error;

  boolean readShut;
  boolean writeShut;
  final Map<String, Long> settings = new LinkedHashMap<>();

  SimSocket(SimSocket parent, Runnable changed) {
    this.parent = parent;
    this.changed = changed;
  }

  /** Whether close() should abort: SO_LINGER with a zero timeout. */
  boolean lingerAbort() {
    return settings.getOrDefault("SO_LINGER_ONOFF", 0L) != 0
        && settings.getOrDefault("SO_LINGER_SECONDS", 0L) == 0;
  }

  @Override
  public void onEstablished(TcpConnection c) {
    established = true;
    if (parent != null && parent.listener != null) {
      parent.acceptQueue.add(this);
    }
    changed.run();
  }

  @Override
  public void onData(TcpConnection c, ReceivedData data) {
    // Also after shutdown(SHUT_RD): Linux still queues what arrives, and read() returns it.
    unread += data.length();
    changed.run();
  }

  @Override
  public void onWritable(TcpConnection c) {
    changed.run();
  }

  @Override
  public void onPeerClosed(TcpConnection c) {
    peerClosed = true;
    changed.run();
  }

  @Override
  public void onReset(TcpConnection c) {
    error = established ? "ECONNRESET" : "ECONNREFUSED";
    changed.run();
  }

  @Override
  public void onTimeout(TcpConnection c) {
    error = "ETIMEDOUT";
    changed.run();
  }

  @Override
  public void onClosed(TcpConnection c) {
    changed.run();
  }
}
