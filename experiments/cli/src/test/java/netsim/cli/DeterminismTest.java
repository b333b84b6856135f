package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import netsim.scenario.config.Scenarios;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Determinism is the product: two runs of every scenario write byte-identical files. */
class DeterminismTest {
  static Stream<String> scenarios() {
    return Scenarios.CATALOGUE.names().stream();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void twoRuns_writeByteIdenticalOutputs(String scenario, @TempDir Path dir) throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    ScenarioRun.of(first, scenario);
    ScenarioRun.of(second, scenario);
    List<Path> files;
    try (Stream<Path> listed = Files.list(first)) {
      files = listed.sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("trace.jsonl", "summary.json", "ladder.svg");
    for (Path file : files) {
      byte[] a = Files.readAllBytes(file);
      byte[] b = Files.readAllBytes(second.resolve(file.getFileName()));
      assertThat(b).as("%s of %s", file.getFileName(), scenario).isEqualTo(a);
    }
    try (Stream<Path> listed = Files.list(second)) {
      assertThat(listed.count()).isEqualTo(files.size());
    }
  }
}
