package netsim.report.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.core.Time;
import netsim.net.fault.FaultAction;
import netsim.scenario.run.ConnectionReport;
import netsim.scenario.run.ExpectedOutcome;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * The few lines a run prints: what happened (connections, their states, the key events such as
 * retransmissions, drops and re-ACKs in TIME-WAIT), the expected outcomes, the invariants, and
 * where the files are.
 */
public final class HumanSummary {
  private static final int MAX_KEY_EVENTS = 12;

  private HumanSummary() {}

  public static String render(
      RunResult result,
      List<ConnectionReport> connections,
      List<String> violations,
      List<Path> files) {
    StringBuilder out = new StringBuilder();
    out.append("netsim ")
        .append(result.config().name())
        .append(" (seed ")
        .append(result.config().seed())
        .append("): ended at ")
        .append(Time.format(result.end()))
        .append(", ")
        .append(result.stopReason())
        .append('\n');
    if (result.config().isCounterfactual()) {
      out.append("COUNTERFACTUAL run, not real TCP: ")
          .append(String.join(", ", result.config().counterfactuals()))
          .append('\n');
    }
    out.append("connections:\n");
    for (ConnectionReport c : connections) {
      out.append("  ")
          .append(c.node())
          .append(' ')
          .append(c.conn())
          .append(" (")
          .append(c.role())
          .append("): ")
          .append(String.join(" > ", c.states().stream().map(TcpState::name).toList()));
      if (c.bytesSent() > 0 || c.bytesDelivered() > 0) {
        out.append("; sent ")
            .append(c.bytesSent())
            .append(" B, delivered ")
            .append(c.bytesDelivered())
            .append(" B");
      }
      if (c.retransmissions() > 0) {
        out.append("; ")
            .append(c.retransmissions())
            .append(" retransmission")
            .append(c.retransmissions() == 1 ? "" : "s");
      }
      out.append('\n');
    }
    List<String> key = keyEvents(result);
    if (!key.isEmpty()) {
      out.append("key events:\n");
      for (int i = 0; i < Math.min(key.size(), MAX_KEY_EVENTS); i++) {
        out.append("  ").append(key.get(i)).append('\n');
      }
      if (key.size() > MAX_KEY_EVENTS) {
        out.append("  ... and ")
            .append(key.size() - MAX_KEY_EVENTS)
            .append(" more (see trace.jsonl)\n");
      }
    }
    List<ExpectedOutcome> expected = Invariants.verdict(result, connections).expected();
    if (!expected.isEmpty()) {
      out.append("expected outcomes (TCP doing its job, not violations): ")
          .append(expected.size())
          .append('\n');
      for (int i = 0; i < Math.min(expected.size(), MAX_KEY_EVENTS); i++) {
        out.append("  ")
            .append(expected.get(i).kind().label())
            .append(' ')
            .append(expected.get(i).line())
            .append('\n');
      }
      if (expected.size() > MAX_KEY_EVENTS) {
        out.append("  ... and ")
            .append(expected.size() - MAX_KEY_EVENTS)
            .append(" more (see summary.json)\n");
      }
    }
    if (violations.isEmpty()) {
      out.append("invariants: all hold\n");
    } else {
      out.append("invariants: ").append(violations.size()).append(" violated\n");
      for (String v : violations) {
        out.append("  VIOLATION ").append(v).append('\n');
      }
    }
    if (!files.isEmpty()) {
      out.append("files:\n");
      for (Path f : files) {
        out.append("  ").append(f).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Retransmissions, drops, rule hits, re-ACKs in TIME-WAIT, challenge ACKs, resets, crashes, link
   * changes.
   */
  static List<String> keyEvents(RunResult result) {
    RunIndex index = result.index();
    List<String> lines = new ArrayList<>();
    Map<Long, String> ruleOf = new LinkedHashMap<>();
    int drops = 0;
    Map<Connection, Integer> timeWaitAcks = new LinkedHashMap<>();
    Map<Connection, Arrival> lastArrival = new LinkedHashMap<>();
    for (TraceEvent e : result.events()) {
      String at = " at " + Time.format(e.t());
      if (e instanceof TraceEvent.Retransmit r) {
        lines.add(
            index.node(r.node())
                + " retransmitted "
                + TcpFlags.format(r.flags())
                + (r.len() > 0 ? " len=" + r.len() : "")
                + at
                + " ("
                + r.reason().traceName()
                + ")");
      } else if (e instanceof TraceEvent.Rule r) {
        String rule = index.rules().name(r.rule());
        ruleOf.put(r.pkt(), rule);
        if (r.action() != FaultAction.Verb.DROP) {
          lines.add(
              "rule "
                  + rule
                  + " ("
                  + r.action().traceName()
                  + ") took "
                  + TcpFlags.format(r.flags())
                  + at);
        }
      } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.DROP) {
        drops++;
        if (drops <= 5 || ruleOf.containsKey(p.pkt())) {
          String why =
              ruleOf.containsKey(p.pkt()) ? "rule " + ruleOf.get(p.pkt()) : p.cause().traceName();
          lines.add(
              index.node(p.node())
                  + "'s "
                  + TcpFlags.format(p.flags())
                  + (p.len() > 0 ? " len=" + p.len() : "")
                  + " to "
                  + p.destination()
                  + " dropped"
                  + at
                  + " ("
                  + why
                  + ")");
        }
      } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.RECV) {
        lastArrival.put(new Connection(p.node(), p.receiver()), new Arrival(p.flags(), p.t()));
      } else if (e instanceof TraceEvent.State st && st.to() == TcpState.TIME_WAIT) {
        timeWaitAcks.remove(new Connection(st.node(), st.conn()));
      } else if (e instanceof TraceEvent.Packet p && p.kind() == EventKind.SEND) {
        Connection key = new Connection(p.node(), p.sender());
        Arrival last = lastArrival.get(key);
        String node = index.node(p.node());
        // A re-ACK answers a retransmitted FIN after the ACK that entered TIME_WAIT; the same
        // 4-tuple's next incarnation starts counting again.
        if (p.state() == TcpState.TIME_WAIT
            && p.flags() == TcpFlags.ACK
            && timeWaitAcks.merge(key, 1, Integer::sum) > 1
            && last != null
            && (last.flags() & TcpFlags.FIN) != 0) {
          lines.add(node + " in TIME_WAIT re-ACKed" + at + " and restarted its timer");
        } else if (p.flags() == TcpFlags.ACK
            && last != null
            && last.flags() == TcpFlags.SYN
            && last.t() == p.t()
            && p.state() != null
            && p.state() != TcpState.SYN_SENT
            && p.state() != TcpState.SYN_RECEIVED) {
          lines.add(node + " in " + p.state() + " answered a SYN with a challenge ACK" + at);
        } else if (p.has(TcpFlags.RST)) {
          lines.add(
              node
                  + " sent "
                  + TcpFlags.format(p.flags())
                  + at
                  + (p.state() != null ? " (from " + p.state() + ")" : ""));
        }
      } else if (e instanceof TraceEvent.Host h) {
        lines.add(index.node(h.node()) + " " + h.what().traceName() + at);
      } else if (e instanceof TraceEvent.Link l) {
        lines.add("link " + index.link(l.link()) + " " + l.what().traceName() + at);
      }
    }
    if (drops > 5) {
      lines.add(drops + " packets dropped in all");
    }
    return lines;
  }

  /** A connection as host {@code node} sees it. */
  private record Connection(int node, FourTuple conn) {}

  /** The flags and time of the last segment that arrived on a connection. */
  private record Arrival(int flags, long t) {}
}
