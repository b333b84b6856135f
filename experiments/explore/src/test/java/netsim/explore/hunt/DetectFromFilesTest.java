package netsim.explore.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import netsim.report.output.RunWriter;
import netsim.report.output.TraceReader;
import netsim.report.output.TraceWriter;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each detector finds in the files {@code netsim run} wrote exactly what it finds in the run in
 * memory: the same watch sees the trace streamed from {@code trace.jsonl}, and the violations from
 * {@code summary.json}.
 */
class DetectFromFilesTest {
  @TempDir Path dir;

  /** Each detector with the scenario that shows its edge case. */
  static Stream<Arguments> detectors() {
    return DetectorsTest.positives().map(a -> Arguments.of(a.get()[0], a.get()[1]));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("detectors")
  void detectorFindsTheSameInTheFilesAsInMemory(String name, String scenario) throws IOException {
    Detector detector = Detectors.get(name);
    RunWriter.run(Runs.scenario(scenario), dir);
    List<Detection> found = Runs.detect(detector, scenario);
    assertThat(found).isNotEmpty();
    assertThat(Detectors.detect(detector, dir)).isEqualTo(found);
  }

  @Test
  void everyDetector_findsTheSameInTheFilesAsInMemory_onOneRunWithManyEdgeCases()
      throws IOException {
    RunWriter.run(Runs.scenario("stale-syn"), dir);
    for (Detector detector : Detectors.all()) {
      assertThat(Detectors.detect(detector, dir))
          .as(detector.name())
          .isEqualTo(Runs.detect(detector, "stale-syn"));
    }
  }

  @Test
  void theTraceStreamedFromTheFile_writesTheFilesLinesAgain() throws IOException {
    RunWriter.run(Runs.scenario("lost-final-ack"), dir);
    List<String> lines = Files.readAllLines(dir.resolve("trace.jsonl"));
    List<String> streamed = new ArrayList<>();
    RunIndex[] names = new RunIndex[1];
    TraceReader.stream(
        dir.resolve("trace.jsonl"),
        new EventSink() {
          @Override
          public void start(RunIndex index) {
            names[0] = index;
          }

          @Override
          public void accept(TraceEvent event) {
            streamed.add(TraceWriter.line(event, names[0]));
          }
        });
    assertThat(streamed).isNotEmpty().isEqualTo(lines);
  }

  @Test
  void aTraceWithoutSummary_hasNoKnownViolations() throws IOException {
    RunWriter.run(Runs.scenario("two-way-handshake"), dir);
    assertThat(Detectors.detect(Detectors.get("data-violation"), dir)).isNotEmpty();
    Files.delete(dir.resolve("summary.json"));
    assertThat(Detectors.detect(Detectors.get("data-violation"), dir)).isEmpty();
  }
}
