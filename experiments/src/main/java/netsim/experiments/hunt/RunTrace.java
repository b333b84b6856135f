package netsim.experiments.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.experiments.output.TraceReader;
import netsim.experiments.run.ConnectionReport;
import netsim.experiments.run.Invariants;
import netsim.experiments.run.RunResult;
import netsim.experiments.run.TraceEvent;

/**
 * What detectors read: a run's trace events in order and the invariants it broke, either straight
 * from a run in memory or from the files {@code netsim run} wrote.
 */
public record RunTrace(List<TraceEvent> events, List<String> violations) {

  /** The trace and violations of a run that just finished. */
  public static RunTrace of(RunResult result) {
    return new RunTrace(result.events(), Invariants.check(result, ConnectionReport.of(result)));
  }

  /**
   * Reads {@code trace.jsonl} from the output directory {@code dir}, and the violations from
   * {@code summary.json} when it is there (without it, none are known).
   */
  public static RunTrace read(Path dir) throws IOException {
    List<TraceEvent> events = TraceReader.read(dir.resolve("trace.jsonl"));
    List<String> violations = new ArrayList<>();
    Path summary = dir.resolve("summary.json");
    if (Files.exists(summary)) {
      JsonNode list = new ObjectMapper().readTree(summary.toFile()).path("invariants")
          .path("violations");
      list.forEach(v -> violations.add(v.asText()));
    }
    return new RunTrace(events, violations);
  }
}
