package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the {@code netsim run} command into a directory, with its outputs read back. */
final class ScenarioRun {
  final Cli.Result result;
  final Path dir;

  private ScenarioRun(Cli.Result result, Path dir) {
    this.result = result;
    this.dir = dir;
  }

  /** Runs {@code experiment} (a scenario name or file) with extra arguments into {@code dir}. */
  static ScenarioRun of(Path dir, String experiment, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", experiment, "--out", dir.toString()));
    args.addAll(List.of(extra));
    Cli.Result result = Cli.run(args.toArray(new String[0]));
    assertThat(result.err()).as("stderr of netsim run %s", experiment).isEmpty();
    assertThat(result.exit()).as("exit status; stdout:%n%s", result.out()).isZero();
    return new ScenarioRun(result, dir);
  }

  Trace trace() {
    return new Trace(dir.resolve("trace.jsonl"));
  }

  JsonNode summary() {
    try {
      return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The invariant violations listed in summary.json. */
  List<String> violations() {
    List<String> violations = new ArrayList<>();
    summary().get("invariants").get("violations").forEach(v -> violations.add(v.asText()));
    return violations;
  }
}
