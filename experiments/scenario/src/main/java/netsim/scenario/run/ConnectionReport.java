package netsim.scenario.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.ConnectionRecord;
import netsim.tcp.TcpStack;
import netsim.tcp.TcpState;

/**
 * The life of one connection (one TCB) in a run: its state changes in order, its final state, and
 * its counters. Connections are listed per host in order of creation.
 *
 * @param role "client" (active open) or "server" (a listener's child)
 * @param transitions every state change, in order
 * @param establishedAt virtual time it reached ESTABLISHED, or -1
 * @param openedAt virtual time it was created
 * @param closingAt virtual time it left ESTABLISHED for a closing state, or -1
 * @param closedAt virtual time it reached CLOSED (or, for a child, went back to LISTEN), or -1
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
    ConnectionRecord record) {

  /** The cause of its last state change ("USER TIMEOUT", "rcv RST", ...), or "" if none. */
  public String lastCause() {
    return transitions.isEmpty() ? "" : transitions.get(transitions.size() - 1).cause();
  }

  /** Whether it has ended: CLOSED, or a listener's child released back to LISTEN. */
  public boolean ended() {
    return record.ended();
  }

  /** The same connection seen from its other end: "B-A" for "A-B". */
  public static String reverse(String conn) {
    int dash = conn.indexOf('-');
    return dash < 0 ? conn : conn.substring(dash + 1) + "-" + conn.substring(0, dash);
  }

  /** The states visited in order, starting with the first: "CLOSED SYN_SENT ESTABLISHED ...". */
  public List<String> states() {
    List<String> states = new ArrayList<>();
    if (!transitions.isEmpty()) {
      states.add(transitions.get(0).from());
    }
    for (TraceEvent.State s : transitions) {
      states.add(s.to());
    }
    return states;
  }

  /** Every connection of every host of {@code result}, host by host, in order of creation. */
  public static List<ConnectionReport> of(RunResult result) {
    // State changes per (node, conn), split into incarnations in order.
    Map<String, List<List<TraceEvent.State>>> lives = new LinkedHashMap<>();
    for (TraceEvent e : result.events()) {
      if (!(e instanceof TraceEvent.State s) || s.conn().endsWith("-0.0.0.0:0")) {
        continue;
      }
      List<List<TraceEvent.State>> incarnations =
          lives.computeIfAbsent(s.node() + " " + s.conn(), k -> new ArrayList<>());
      // After a life ended (CLOSED, or a child back in LISTEN and released), the next change
      // on the same 4-tuple starts a new connection.
      if (incarnations.isEmpty() || ended(last(incarnations))) {
        incarnations.add(new ArrayList<>());
      }
      last(incarnations).add(s);
    }
    Map<String, Integer> used = new LinkedHashMap<>();
    List<ConnectionReport> reports = new ArrayList<>();
    for (Map.Entry<String, TcpStack> entry : result.stacks().entrySet()) {
      String node = entry.getKey();
      for (ConnectionRecord c : entry.getValue().history()) {
        String key = node + " " + c.tuple();
        int index = used.merge(key, 1, Integer::sum) - 1;
        List<List<TraceEvent.State>> incarnations = lives.getOrDefault(key, List.of());
        List<TraceEvent.State> transitions =
            index < incarnations.size() ? List.copyOf(incarnations.get(index)) : List.of();
        reports.add(report(node, c, transitions));
      }
    }
    return reports;
  }

  private static boolean ended(List<TraceEvent.State> life) {
    TraceEvent.State s = life.get(life.size() - 1);
    return s.to().equals("CLOSED") || s.to().equals("LISTEN");
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static ConnectionReport report(
      String node, ConnectionRecord c, List<TraceEvent.State> transitions) {
    long opened = transitions.isEmpty() ? -1 : transitions.get(0).t();
    long established = -1;
    long closing = -1;
    long closed = -1;
    for (TraceEvent.State s : transitions) {
      if (s.to().equals("ESTABLISHED") && established < 0) {
        established = s.t();
      }
      if (closing < 0 && isClosing(s.to())) {
        closing = s.t();
      }
      if (s.to().equals("CLOSED") || (c.passive() && s.to().equals("LISTEN"))) {
        closed = s.t();
      }
    }
    return new ConnectionReport(
        node,
        c.tuple().toString(),
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
        c);
  }

  private static boolean isClosing(String state) {
    return switch (state) {
      case "FIN_WAIT_1", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT" -> true;
      default -> false;
    };
  }
}
