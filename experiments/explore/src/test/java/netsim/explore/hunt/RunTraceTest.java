package netsim.explore.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.report.output.RunWriter;
import netsim.report.output.TraceWriter;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detectors read the files {@code netsim run} wrote exactly as they read a run in memory. */
class RunTraceTest {
  @TempDir Path dir;

  @Test
  void traceReadBackFromTheFiles_equalsTheRunInMemory_lineForLine() throws IOException {
    RunWriter.run(Runs.scenario("two-way-handshake"), dir);
    RunTrace read = RunTrace.read(dir);
    RunTrace memory = Runs.trace("two-way-handshake"); // the same run, its events kept
    List<String> lines = Files.readAllLines(dir.resolve("trace.jsonl"));
    assertThat(memory.events())
        .extracting(e -> TraceWriter.line(e, memory.index()))
        .isEqualTo(lines);
    assertThat(read.events()).extracting(e -> TraceWriter.line(e, read.index())).isEqualTo(lines);
    assertThat(read.violations()).isEqualTo(memory.violations()).isNotEmpty();
  }

  @Test
  void everyDetector_findsTheSameInTheFilesAsInMemory() throws IOException {
    RunWriter.run(Runs.scenario("stale-syn"), dir);
    RunTrace memory = Runs.trace("stale-syn"); // the same run, its events kept
    for (Detector detector : Detectors.all()) {
      assertThat(detector.detect(RunTrace.read(dir)))
          .as(detector.name())
          .isEqualTo(detector.detect(memory));
    }
  }

  @Test
  void aTraceWithoutSummary_hasNoKnownViolations() throws IOException {
    RunWriter.run(Runs.scenario("two-way-handshake"), dir);
    Files.delete(dir.resolve("summary.json"));
    RunTrace read = RunTrace.read(dir);
    assertThat(read.violations()).isEmpty();
    assertThat(read.events()).isNotEmpty().allMatch(e -> e instanceof TraceEvent);
  }
}
