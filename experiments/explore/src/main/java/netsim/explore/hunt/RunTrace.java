package netsim.explore.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.report.output.TraceReader;
import netsim.scenario.run.ExpectedOutcome;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;

/**
 * What detectors read: a run's trace events in order (with the names behind their ids), the
 * invariants it broke, and its expected outcomes (TCP doing its job: resets, timeouts, ...), either
 * straight from a run in memory or from the files {@code netsim run} wrote.
 */
public record RunTrace(
    RunIndex index,
    List<TraceEvent> events,
    List<String> violations,
    List<ExpectedOutcome> expected) {

  /** The trace, violations and expected outcomes of a run that just finished. */
  public static RunTrace of(RunResult result) {
    Invariants.Verdict verdict = Invariants.verdict(result, result.connections());
    return new RunTrace(result.index(), result.events(), verdict.violations(), verdict.expected());
  }

  /**
   * Reads {@code trace.jsonl} from the output directory {@code dir}, and the violations and
   * expected outcomes from {@code summary.json} when it is there (without it, none are known).
   */
  public static RunTrace read(Path dir) throws IOException {
    TraceReader.Trace trace = TraceReader.read(dir.resolve("trace.jsonl"));
    List<String> violations = new ArrayList<>();
    List<ExpectedOutcome> expected = new ArrayList<>();
    Path summary = dir.resolve("summary.json");
    if (Files.exists(summary)) {
      JsonNode invariants = new ObjectMapper().readTree(summary.toFile()).path("invariants");
      invariants.path("violations").forEach(v -> violations.add(v.asText()));
      for (JsonNode e : invariants.path("expectedOutcomes")) {
        expected.add(
            new ExpectedOutcome(
                e.path("node").asText(),
                e.path("conn").asText(),
                kind(e.path("outcome").asText()),
                e.path("detail").asText()));
      }
    }
    return new RunTrace(trace.index(), trace.events(), violations, expected);
  }

  private static ExpectedOutcome.Kind kind(String label) {
    for (ExpectedOutcome.Kind kind : ExpectedOutcome.Kind.values()) {
      if (kind.label().equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown expected outcome in summary.json: " + label);
  }
}
