package netsim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.ConnectionRecord;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpState;

/**
 * The life of one connection (one TCB) in a run: its state changes in order, its final state, and
 * its counters. Made by {@link ConnectionLog}; {@link RunResult#connections()} lists them per host
 * in order of creation.
 *
 * @param role "client" (active open) or "server" (a listener's child)
 * @param transitions every state change, in order
 * @param establishedAt virtual time it reached ESTABLISHED, or -1
 * @param openedAt virtual time it was created
 * @param closingAt virtual time it left ESTABLISHED for a closing state, or -1
 * @param closedAt virtual time it reached CLOSED (or, for a child, went back to LISTEN), or -1
 * @param lastDataAt virtual time it last delivered data to its application, or -1
 * @param record what its stack kept of it
 */
public record ConnectionReport(
    String node,
    String conn,
    String role,
    List<TraceEvent.State> transitions,
    TcpState finalState,
    long bytesSent,
    long bytesDelivered,
    long retransmissions,
    long openedAt,
    long establishedAt,
    long closingAt,
    long closedAt,
    long lastDataAt,
    ConnectionRecord record) {

  /** The cause of its last state change ("USER TIMEOUT", "rcv RST", ...), or "" if none. */
  public String lastCause() {
    return transitions.isEmpty() ? "" : last().causeText();
  }

  /** Its last state change; it has at least one. */
  public TraceEvent.State last() {
    return transitions.get(transitions.size() - 1);
  }

  /** Whether it has ended: CLOSED, or a listener's child released back to LISTEN. */
  public boolean ended() {
    return record.ended();
  }

  /** Its 4-tuple, as its host sees it (null if it never had one). */
  public FourTuple tuple() {
    return record.tuple();
  }

  /** The same connection seen from its other end. */
  public static FourTuple reverse(FourTuple conn) {
    return new FourTuple(conn.remote(), conn.local());
  }

  /** The states visited in order, starting with the first: CLOSED SYN_SENT ESTABLISHED ... */
  public List<TcpState> states() {
    List<TcpState> states = new ArrayList<>();
    if (!transitions.isEmpty()) {
      states.add(transitions.get(0).from());
    }
    for (TraceEvent.State s : transitions) {
      states.add(s.to());
    }
    return states;
  }

  /**
   * The report of connection {@code c} of host {@code node}, whose state changes were {@code
   * transitions} and which last delivered data at {@code lastDataAt} (or -1).
   */
  static ConnectionReport of(
      String node, ConnectionRecord c, List<TraceEvent.State> transitions, long lastDataAt) {
    long opened = transitions.isEmpty() ? -1 : transitions.get(0).t();
    long established = -1;
    long closing = -1;
    long closed = -1;
    for (TraceEvent.State s : transitions) {
      if (s.to() == TcpState.ESTABLISHED && established < 0) {
        established = s.t();
      }
      if (closing < 0 && isClosing(s.to())) {
        closing = s.t();
      }
      if (s.to() == TcpState.CLOSED || (c.passive() && s.to() == TcpState.LISTEN)) {
        closed = s.t();
      }
    }
    return new ConnectionReport(
        node,
        String.valueOf(c.tuple()),
        c.passive() ? "server" : "client",
        transitions,
        c.state(),
        c.bytesSent(),
        c.bytesDelivered(),
        c.retransmissions(),
        opened,
        established,
        closing,
        closed,
        lastDataAt,
        c);
  }

  private static boolean isClosing(TcpState state) {
    return switch (state) {
      case FIN_WAIT_1, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT -> true;
      default -> false;
    };
  }
}
