package netsim.explore.shrink;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import netsim.net.packet.DropCause;
import netsim.report.output.TraceWriter;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;

/**
 * Compares a run with its replay by rules. The replay's trace differs from the original only in how
 * impairments show: a random loss is a drop with cause {@code loss} (or {@code burst}), a rule's is
 * {@code rule} with a {@code rule} line before it (so is a RED queue's early drop, {@code aqm}),
 * and a link's duplication has a {@code dup} line where a rule's has a {@code rule} line. Without
 * those lines and with drop causes of impairments made alike, the two traces must be equal line for
 * line.
 */
final class TraceComparison {
  /** Drop causes that read the same in a replay: the link's random ones and a rule's. */
  private static final Set<DropCause> IMPAIRED =
      EnumSet.of(DropCause.LOSS, DropCause.BURST, DropCause.AQM, DropCause.RULE);

  private TraceComparison() {}

  /** The trace lines of {@code run} that a replay must reproduce, as JSON text. */
  static List<String> normalized(RunResult run) {
    List<String> lines = new ArrayList<>(run.events().size());
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Rule || e instanceof TraceEvent.Duplicate) {
        continue;
      }
      if (e instanceof TraceEvent.Packet p
          && p.kind() == EventKind.DROP
          && IMPAIRED.contains(p.cause())) {
        // The drop's line with its cause, the last field, written as "impaired".
        String line =
            TraceWriter.line(
                new TraceEvent.Packet(
                    p.t(),
                    p.kind(),
                    p.node(),
                    p.link(),
                    p.pkt(),
                    p.src(),
                    p.srcPort(),
                    p.dst(),
                    p.dstPort(),
                    p.flags(),
                    p.seq(),
                    p.ack(),
                    p.len(),
                    p.state(),
                    null),
                run.index());
        lines.add(line.substring(0, line.length() - 1) + ",\"cause\":\"impaired\"}");
      } else {
        lines.add(TraceWriter.line(e, run.index()));
      }
    }
    return lines;
  }

  /**
   * Null when the replay reproduces the original, else where they part: "line 212: expected ...,
   * got ...".
   */
  static String difference(RunResult original, RunResult replay) {
    List<String> a = normalized(original);
    List<String> b = normalized(replay);
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "event "
            + (i + 1)
            + " of "
            + a.size()
            + ": expected "
            + a.get(i)
            + ", got "
            + b.get(i);
      }
    }
    if (a.size() != b.size()) {
      return "the original has " + a.size() + " events, the replay " + b.size();
    }
    return null;
  }
}
