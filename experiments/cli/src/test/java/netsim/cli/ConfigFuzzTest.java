package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Mutated copies of the shipped configs (experiments/examples, which are also the built-in
 * scenarios, and experiments/sweeps) through {@code netsim validate}: every case ends in success or
 * in exit status 2 with one located line (FILE:LINE:COLUMN: ...), or 4 with one located line when
 * the run would not fit in the heap, never another status, a stack trace or a hang. Some valid
 * cases (those with a mutated name among them) also go through {@code netsim run}, which must
 * finish with status 0 or 1 (a violated invariant) and write nothing outside its {@code --out}.
 *
 * <p>Deterministic: cases come from a fixed seed. {@code -Dnetsim.fuzz.cases=N} runs more (CI runs
 * {@value #CASES}); {@code -Dnetsim.fuzz.runs=N} runs up to N valid cases (CI: {@value #RUNS});
 * {@code -Dnetsim.fuzz.seed=S} another series; a failure names its seed and case, and {@code
 * -Dnetsim.fuzz.only=I} runs that case alone.
 */
class ConfigFuzzTest {
  private static final int CASES = 2000;
  private static final long SEED = 20_241_105L;

  /** The most cases that also go through {@code netsim run}, which takes longer. */
  private static final int RUNS = 25;

  /** Which valid cases go through {@code netsim run}: those with a mutated name, and every n-th. */
  private static final int RUN_EVERY = 8;

  private static final Duration CASE_TIME = Duration.ofSeconds(20);

  @TempDir Path dir;

  private static List<String> corpus() {
    List<String> texts = new ArrayList<>();
    for (String folder : List.of("examples", "sweeps")) {
      try (Stream<Path> files = Files.list(Repository.path("experiments/" + folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          texts.add(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }

  @Test
  void mutatedConfigs_areValid_orOneLocatedLine_neverACrashOrAHang() throws IOException {
    long seed = Long.getLong("netsim.fuzz.seed", SEED);
    int cases = Integer.getInteger("netsim.fuzz.cases", CASES);
    int only = Integer.getInteger("netsim.fuzz.only", -1);
    int maxRuns = Integer.getInteger("netsim.fuzz.runs", RUNS);
    List<String> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(15);
    Path file = dir.resolve("case.yaml");
    // One line: the file, a line and a column, then what is wrong.
    Pattern located =
        Pattern.compile(
            String.format(
                "netsim: %s:[1-9][0-9]*:[1-9][0-9]*: [^\\n]+\\n", Pattern.quote(file.toString())));
    int valid = 0;
    int runs = 0;
    CommandLine cli = NetsimCommand.commandLine();
    long slowest = 0;
    String slowestCase = "";
    for (int i = only >= 0 ? only : 0; i < (only >= 0 ? only + 1 : cases); i++) {
      long started = System.nanoTime();
      Random random = new Random(seed * 1_000_003L + i);
      ConfigMutator mutator = new ConfigMutator(random);
      String original = corpus.get(random.nextInt(corpus.size()));
      byte[] bytes = mutator.mutate(original);
      Files.write(file, bytes);
      String what =
          "case "
              + i
              + " of seed "
              + seed
              + " (rerun it alone with -Dnetsim.fuzz.seed="
              + seed
              + " -Dnetsim.fuzz.only="
              + i
              + "): "
              + mutator.applied();
      Cli.Result validate =
          assertTimeoutPreemptively(
              CASE_TIME, () -> Cli.run(cli, "validate", file.toString()), what);
      if (validate.exit() == 0) {
        valid++;
        assertThat(validate.out()).as(what).contains(": valid (");
        if ((mutator.touchedNames() || valid % RUN_EVERY == 0) && runs < maxRuns) {
          runs++;
          runWritesOnlyIntoItsOut(file, what);
        }
        continue;
      }
      assertThat(validate.exit())
          .as("exit status of %s; stderr: %s", what, validate.err())
          .isIn(2, 4);
      assertThat(validate.err()).as(what).matches(located);
      if (validate.exit() == 4) {
        assertThat(validate.err()).as(what).contains(": this run would keep at least ");
      }
      long took = System.nanoTime() - started;
      if (took > slowest) {
        slowest = took;
        slowestCase = what;
      }
    }
    System.out.printf(
        "config fuzz: %d cases, %d valid, %d run; slowest %.0f ms: %s%n",
        cases, valid, runs, slowest / 1e6, slowestCase);
    // The mutations leave some configs valid, or the fuzzer would test only the first check.
    if (only < 0) {
      assertThat(valid).as("valid cases").isGreaterThan(cases / 40);
    }
  }

  /** Runs the valid {@code file}; nothing named by a mutated name may appear outside out. */
  private void runWritesOnlyIntoItsOut(Path file, String what) throws IOException {
    Path out = dir.resolve("out");
    Cli.Result run =
        assertTimeoutPreemptively(
            CASE_TIME, () -> Cli.run("run", file.toString(), "--out", out.toString()), what);
    // A valid config runs to its end: 1 is the status of a violated invariant; 3 (a crash of
    // netsim) and 4 (out of memory, after validate found that it fits) are failures.
    assertThat(run.exit()).as("run's exit status of %s; stderr: %s", what, run.err()).isIn(0, 1);
    for (Path place :
        List.of(dir, dir.getParent(), Path.of("").toAbsolutePath(), Path.of("/tmp"))) {
      try (Stream<Path> files = Files.list(place)) {
        assertThat(files.map(Path::toString).filter(f -> f.contains(ConfigMutator.ESCAPE_MARK)))
            .as("files written outside --out by %s", what)
            .isEmpty();
      }
    }
    try (Stream<Path> files = Files.walk(out)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
