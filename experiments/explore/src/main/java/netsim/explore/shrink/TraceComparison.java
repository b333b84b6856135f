package netsim.explore.shrink;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  private static final Set<String> IMPAIRED = Set.of("loss", "burst", "aqm", "rule");

  private TraceComparison() {}

  /** The trace lines that a replay must reproduce, as JSON text. */
  static List<String> normalized(List<TraceEvent> events) {
    List<String> lines = new ArrayList<>(events.size());
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Rule || e instanceof TraceEvent.Duplicate) {
        continue;
      }
      if (e instanceof TraceEvent.Packet p
          && p.ev().equals("drop")
          && IMPAIRED.contains(p.cause())) {
        e =
            new TraceEvent.Packet(
                p.t(),
                p.ev(),
                p.node(),
                p.pkt(),
                p.src(),
                p.dst(),
                p.flags(),
                p.seq(),
                p.ack(),
                p.len(),
                p.state(),
                p.link(),
                "impaired");
      }
      lines.add(e.json().toString());
    }
    return lines;
  }

  /**
   * Null when the replay reproduces the original, else where they part: "line 212: expected ...,
   * got ...".
   */
  static String difference(List<TraceEvent> original, List<TraceEvent> replay) {
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
