package netsim.explore.hunt;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import netsim.scenario.trace.TraceEvent;

/**
 * The state of every connection as a trace unfolds, for detectors that ask "what state was the
 * other end in when this happened?". Fed every event in order ({@link #accept}); a connection is
 * named as its host sees it, "LOCAL-REMOTE", so a packet from {@code src} to {@code dst} belongs to
 * the sender's connection {@code src-dst} and the receiver's {@code dst-src}.
 */
final class ConnectionTracker {
  /** The states in which both ends have agreed on sequence numbers and TIME-WAIT is not yet. */
  static final Set<String> SYNCHRONIZED =
      Set.of("ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK");

  private final Map<String, String> states = new HashMap<>();
  private final Map<String, String> nodeOfConn = new HashMap<>();

  /** The ISN of the last SYN a connection sent from SYN_SENT, by "node conn". */
  private final Map<String, Long> isns = new HashMap<>();

  /** When a connection with a given ISN reached CLOSED, by "node conn isn". */
  private final Map<String, Long> closedAt = new HashMap<>();

  void accept(TraceEvent event) {
    if (event instanceof TraceEvent.State s) {
      String key = s.node() + " " + s.conn();
      states.put(key, s.to());
      nodeOfConn.put(s.conn(), s.node());
      if (s.to().equals("CLOSED")) {
        closedAt.put(key + " " + isns.get(key), s.t());
      }
    } else if (event instanceof TraceEvent.Packet p
        && p.ev().equals("send")
        && p.flags().equals("SYN")
        && "SYN_SENT".equals(p.state())) {
      isns.put(p.node() + " " + p.src() + "-" + p.dst(), p.seq());
    }
  }

  /** The connection's state now, or null if it never had one. */
  String state(String node, String conn) {
    return states.get(node + " " + conn);
  }

  /** Whether {@code node} has a TCB for {@code conn} now (a released listener child has none). */
  boolean hasConnection(String node, String conn) {
    String state = state(node, conn);
    return state != null && !state.equals("CLOSED") && !state.equals("LISTEN");
  }

  /** Whether {@code node} listens on the local endpoint {@code local} ("10.0.0.2:80"). */
  boolean listening(String node, String local) {
    return "LISTEN".equals(state(node, local + "-0.0.0.0:0"));
  }

  /** The node whose connection {@code conn} is, or null if none has been seen. */
  String nodeOf(String conn) {
    return nodeOfConn.get(conn);
  }

  /** The ISN of {@code node}'s latest active open on {@code conn}, or null. */
  Long isn(String node, String conn) {
    return isns.get(node + " " + conn);
  }

  /** When {@code node}'s connection {@code conn} that opened with {@code isn} closed, or null. */
  Long closedAt(String node, String conn, long isn) {
    return closedAt.get(node + " " + conn + " " + isn);
  }

  /** "10.0.0.1:49152 > 10.0.0.2:80" for a packet. */
  static String path(TraceEvent.Packet p) {
    return p.src() + " > " + p.dst();
  }
}
