package netsim.explore.hunt;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * The state of every connection as a trace unfolds, for detectors that ask "what state was the
 * other end in when this happened?". Fed every event in order ({@link #accept}); a connection is
 * named as its host sees it, local then remote, so a packet from {@code src} to {@code dst} belongs
 * to the sender's connection {@link TraceEvent.Packet#sender()} and the receiver's {@link
 * TraceEvent.Packet#receiver()}. Its maps are looked up only, never iterated.
 */
final class ConnectionTracker {
  /** The states in which both ends have agreed on sequence numbers and TIME-WAIT is not yet. */
  static final Set<TcpState> SYNCHRONIZED =
      EnumSet.of(
          TcpState.ESTABLISHED,
          TcpState.FIN_WAIT_1,
          TcpState.FIN_WAIT_2,
          TcpState.CLOSE_WAIT,
          TcpState.CLOSING,
          TcpState.LAST_ACK);

  private static final Endpoint ANY = new Endpoint(new Ipv4Address(0), 0);

  /** A connection as host {@code node} sees it. */
  private record Key(int node, FourTuple conn) {}

  /** A connection that opened with ISN {@code isn} (null if none was seen). */
  private record Incarnation(Key key, Long isn) {}

  private final Map<Key, TcpState> states = new HashMap<>();
  private final Map<FourTuple, Integer> nodeOfConn = new HashMap<>();

  /** The ISN of the last SYN a connection sent from SYN_SENT. */
  private final Map<Key, Long> isns = new HashMap<>();

  /** When a connection with a given ISN reached CLOSED. */
  private final Map<Incarnation, Long> closedAt = new HashMap<>();

  void accept(TraceEvent event) {
    if (event instanceof TraceEvent.State s) {
      Key key = new Key(s.node(), s.conn());
      states.put(key, s.to());
      nodeOfConn.put(s.conn(), s.node());
      if (s.to() == TcpState.CLOSED) {
        closedAt.put(new Incarnation(key, isns.get(key)), s.t());
      }
    } else if (event instanceof TraceEvent.Packet p
        && p.kind() == EventKind.SEND
        && p.flags() == TcpFlags.SYN
        && p.state() == TcpState.SYN_SENT) {
      isns.put(new Key(p.node(), p.sender()), p.seq());
    }
  }

  /** The connection's state now, or null if it never had one. */
  TcpState state(int node, FourTuple conn) {
    return states.get(new Key(node, conn));
  }

  /** Whether {@code node} has a TCB for {@code conn} now (a released listener child has none). */
  boolean hasConnection(int node, FourTuple conn) {
    TcpState state = state(node, conn);
    return state != null && state != TcpState.CLOSED && state != TcpState.LISTEN;
  }

  /** Whether {@code node} listens on the local endpoint {@code local}. */
  boolean listening(int node, Endpoint local) {
    return state(node, new FourTuple(local, ANY)) == TcpState.LISTEN;
  }

  /** The node whose connection {@code conn} is, or null if none has been seen. */
  Integer nodeOf(FourTuple conn) {
    return nodeOfConn.get(conn);
  }

  /** The ISN of {@code node}'s latest active open on {@code conn}, or null. */
  Long isn(int node, FourTuple conn) {
    return isns.get(new Key(node, conn));
  }

  /** When {@code node}'s connection {@code conn} that opened with {@code isn} closed, or null. */
  Long closedAt(int node, FourTuple conn, long isn) {
    return closedAt.get(new Incarnation(new Key(node, conn), isn));
  }

  /** "10.0.0.1:49152 > 10.0.0.2:80" for a packet. */
  static String path(TraceEvent.Packet p) {
    return p.source() + " > " + p.destination();
  }
}
