package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.explore.hunt.Detection;
import netsim.explore.hunt.Detector;
import netsim.explore.hunt.Detectors;
import netsim.explore.hunt.Hunt;
import netsim.explore.hunt.SeedRange;
import netsim.explore.hunt.Watch;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code netsim hunt} over the shipped example with random impairments only: it finds stale SYNs
 * and lost final ACKs within a few dozen seeds, reports the same finds whatever the number of
 * threads, and every find replays with {@code netsim run --seed}, byte for byte.
 */
class HuntTest {
  static final String EXAMPLE =
      Repository.path("experiments/examples/hunt-random-impairments.yaml").toString();
  private static final Pattern FIND = Pattern.compile("^seed (\\d+): (.*)$", Pattern.MULTILINE);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stale-syn", "final-ack-lost"})
  void huntFindsTheEdgeCaseInAFewSeeds_andTheFoundSeedReplaysToTheSameTrace(String detector)
      throws IOException {
    Cli.Result hunt =
        Cli.run(
            "hunt",
            EXAMPLE,
            "--until",
            detector,
            "--seeds",
            "1..40",
            "--limit",
            "1",
            "--parallel",
            "2");
    assertThat(hunt.exit()).as(hunt.out() + hunt.err()).isZero();
    Matcher find = FIND.matcher(hunt.out());
    assertThat(find.find()).as(hunt.out()).isTrue();
    String seed = find.group(1);

    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    ScenarioRun.of(first, EXAMPLE, "--seed", seed);
    ScenarioRun.of(second, EXAMPLE, "--seed", seed);
    assertThat(Files.readAllBytes(first.resolve("trace.jsonl")))
        .isEqualTo(Files.readAllBytes(second.resolve("trace.jsonl")));
    List<Detection> replayed = Detectors.detect(Detectors.get(detector), first);
    assertThat(replayed).isNotEmpty();
    assertThat(find.group(2)).startsWith(replayed.get(0).description());
  }

  @Test
  void theFindsAreTheSameWhateverTheNumberOfThreads() {
    Cli.Result one =
        Cli.run("hunt", EXAMPLE, "--until", "stale-syn", "--seeds", "1..30", "--parallel", "1");
    Cli.Result three =
        Cli.run("hunt", EXAMPLE, "--until", "stale-syn", "--seeds", "1..30", "--parallel", "3");
    assertThat(one.exit()).isZero();
    assertThat(three.out()).isEqualTo(one.out());
    assertThat(FIND.matcher(one.out()).results().count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void withALimit_theHuntReportsTheSmallestSeedsThatFire_andStops() {
    Cli.Result all =
        Cli.run(
            "hunt", EXAMPLE, "--until", "final-ack-lost", "--seeds", "1..40", "--parallel", "1");
    List<String> allFinds = FIND.matcher(all.out()).results().map(r -> r.group()).toList();
    assertThat(allFinds).hasSizeGreaterThanOrEqualTo(3);
    Cli.Result two =
        Cli.run(
            "hunt",
            EXAMPLE,
            "--until",
            "final-ack-lost",
            "--seeds",
            "1..40",
            "--limit",
            "2",
            "--parallel",
            "4");
    assertThat(FIND.matcher(two.out()).results().map(r -> r.group()).toList())
        .containsExactlyElementsOf(allFinds.subList(0, 2));
    String lastSeed = allFinds.get(1).replaceAll("^seed (\\d+):.*", "$1");
    assertThat(two.out())
        .contains(
            "2 seeds fired final-ack-lost in "
                + lastSeed
                + " runs (seeds 1.."
                + lastSeed
                + "); stopped at --limit 2");
  }

  @Test
  void aSeedRangeWithoutFinds_exitsWithOne() {
    Cli.Result none =
        Cli.run("hunt", "handshake-and-close", "--until", "stale-syn", "--seeds", "1..5");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.out()).endsWith("no seed fired stale-syn in 5 runs (seeds 1..5)\n");
  }

  @Test
  void aRunThatFails_stopsTheHunt_namingItsSeed() {
    // A failure inside a run (here a detector that throws) stops the hunt at the first seed
    // that failed, in seed order, whichever thread ran it.
    ExperimentConfig config = ConfigLoader.load(Path.of(EXAMPLE), List.of());
    Detector failing =
        new Detector() {
          @Override
          public String name() {
            return "failing";
          }

          @Override
          public String meaning() {
            return "fails on every run";
          }

          @Override
          public Watch watch() {
            return new Watch(EnumSet.of(EventKind.SEND)) {
              @Override
              public void accept(TraceEvent event) {
                throw new IllegalStateException("a bug");
              }
            };
          }
        };
    Hunt hunt = new Hunt(config, failing, new SeedRange(7, 9), 2, Long.MAX_VALUE);
    assertThatThrownBy(() -> hunt.run(find -> {}, progress -> {}))
        .isInstanceOf(Hunt.HuntException.class)
        .hasMessage("the run with seed 7 failed: java.lang.IllegalStateException: a bug");
  }

  @Test
  void anUnknownDetector_isAUsageError_listingTheKnownOnes() {
    Cli.Result result = Cli.run("hunt", EXAMPLE, "--until", "stale-sin");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "netsim: unknown detector 'stale-sin' (known: stale-syn," + " final-ack-lost, ");
  }

  @Test
  void aMalformedSeedRange_isAUsageError() {
    Cli.Result result = Cli.run("hunt", EXAMPLE, "--until", "stale-syn", "--seeds", "9..1");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("empty seed range 9..1");
  }
}
