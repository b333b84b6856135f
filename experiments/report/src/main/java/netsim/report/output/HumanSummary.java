package netsim.report.output;

import java.nio.file.Path;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.run.ConnectionReport;
import netsim.scenario.run.ExpectedOutcome;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.tcp.TcpState;

/**
 * The few lines a run prints: what happened (connections, their states, the key events such as
 * retransmissions, drops and re-ACKs in TIME-WAIT), the expected outcomes, the invariants, and
 * where the files are. The key events come from a {@link KeyEvents} sink that saw the run.
 */
public final class HumanSummary {
  private static final int SHOWN = KeyEvents.SHOWN;

  private HumanSummary() {}

  /** The text of the run that ended with {@code result}; {@code keyEvents} saw its events. */
  public static String render(
      RunResult result,
      List<ConnectionReport> connections,
      List<String> violations,
      List<Path> files,
      KeyEvents keyEvents) {
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
    keyEvents.appendTo(out, files.stream().anyMatch(f -> f.endsWith("trace.jsonl")));
    List<ExpectedOutcome> expected = Invariants.verdict(result, connections).expected();
    if (!expected.isEmpty()) {
      out.append("expected outcomes (TCP doing its job, not violations): ")
          .append(expected.size())
          .append('\n');
      for (int i = 0; i < Math.min(expected.size(), SHOWN); i++) {
        out.append("  ")
            .append(expected.get(i).kind().label())
            .append(' ')
            .append(expected.get(i).line())
            .append('\n');
      }
      if (expected.size() > SHOWN) {
        out.append("  ... and ")
            .append(expected.size() - SHOWN)
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
}
