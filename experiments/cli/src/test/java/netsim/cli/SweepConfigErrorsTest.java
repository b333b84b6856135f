package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake in a sweep section is reported like any config mistake: FILE:LINE:COLUMN: PATH: what
 * was expected, where it is written (the value of a list, the range, the key), with exit status 2,
 * no stack trace and nothing run; by {@code netsim sweep} and {@code netsim validate} alike.
 */
class SweepConfigErrorsTest {
  @TempDir Path dir;

  private static final String BASE = ConfigCase.BASE;

  /** Sweeps and validates {@code sweep} (appended to BASE); returns sweep's stderr, trimmed. */
  private String error(String sweep) {
    return SweepFiles.refusal(dir, BASE + sweep);
  }

  @Test
  void aValueThatDoesNotFit_isLocatedAtTheValue() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0, 0.01, 2]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:30: sweep.parameters.links[0].loss[2]: out of"
                + " range: 2 (expected a probability from 0 to 1)");
  }

  @Test
  void aRangeValueThatDoesNotFit_isLocatedAtTheRange_andNamed() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            tcp.mss: {from: 64000, to: 66000, step: 1000}
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:5: sweep.parameters.tcp.mss: the range's value"
                + " 66000: out of range: 66000 (expected 64 to 65495)");
  }

  @Test
  void aPathToNothing_isLocatedAtTheKey_withTheKnownKeys() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].los: [0, 0.01]
        """))
        .startsWith(
            "netsim: exp.yaml:12:5: sweep.parameters.links[0].los: links[0].los:"
                + " unknown key 'los' (known: name, a, b,");
  }

  @Test
  void aMalformedPath_isLocatedAtTheKey() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[x].loss: [0, 0.01]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:5: sweep.parameters.links[x].loss: malformed path:"
                + " expected keys and indexes such as links[0].loss");
  }

  @Test
  void aValueOfTheWrongKind_saysWhatWasExpected() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].delay: [10ms, fast]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:28: sweep.parameters.links[0].delay[1]: invalid"
                + " duration 'fast': expected a number and a unit (ns, us, ms, s, min, h), e.g."
                + " \"10ms\" or \"1.5s\"");
  }

  @Test
  void aValueThatFailsACheckOfItsSection_isLocatedAtTheValue_withItsPoint() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0, 0.01]
            tcp.minRto: [100ms, 2min]
        """))
        .isEqualTo(
            "netsim: exp.yaml:13:25: sweep.parameters.tcp.minRto[1]: tcp: maxRto 60s"
                + " is below minRto 120s (at the sweep point links[0].loss=0, tcp.minRto=2min)");
  }

  @Test
  void unknownKeyOfTheSweep_listsTheKnownOnes() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0]
          repetitons: 3
        """))
        .isEqualTo(
            "netsim: exp.yaml:13:3: sweep.repetitons: unknown key 'repetitons'"
                + " (known: parameters, repetitions, seeds, metrics, zip, constraint, warmup)");
  }

  @Test
  void rangeWithMixedUnits_namesBoth() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].delay: {from: 10ms, to: 1s, step: 10ms}
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:34: sweep.parameters.links[0].delay.to: from, to"
                + " and step need the same unit; from has 'ms', to has 's'");
  }

  @Test
  void rangeWithANonPositiveStep_orBackwards_isRefused() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: {from: 0, to: 0.05, step: 0}
        """))
        .endsWith("sweep.parameters.links[0].loss.step: the step must be above 0; got 0");
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: {from: 0.05, to: 0, step: 0.01}
        """))
        .endsWith(
            "sweep.parameters.links[0].loss.to: the range ends (0) before it" + " starts (0.05)");
  }

  @Test
  void theSeed_isNotAParameter() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            seed: [1, 2]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:5: sweep.parameters.seed: the seed is not a"
                + " parameter: each run's seed comes from sweep.repetitions (derived from the master"
                + " seed) or sweep.seeds");
  }

  @Test
  void repetitionsAndSeeds_together_areRefused() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0]
          repetitions: 3
          seeds: [1, 2]
        """))
        .isEqualTo(
            "netsim: exp.yaml:14:3: sweep.seeds: give either repetitions (seeds"
                + " derived from the master seed) or seeds (the same seeds at every point), not"
                + " both");
  }

  @Test
  void repetitionsOutOfRange_andDuplicateValues_areLocated() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0]
          repetitions: 0
        """))
        .isEqualTo(
            "netsim: exp.yaml:13:3: sweep.repetitions: out of range: 0 (expected 1"
                + " to 1000000)");
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0.01, 0.010]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:27: sweep.parameters.links[0].loss[1]: the value"
                + " 0.01 is listed twice");
  }

  @Test
  void anEmptyList_orAScalar_saysWhatAParameterTakes() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: []
        """))
        .endsWith("sweep.parameters.links[0].loss: an empty list: give at least one value");
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: 0.01
        """))
        .endsWith(
            "sweep.parameters.links[0].loss: expected a list of values such as [0,"
                + " 0.01, 0.05] or a range such as {from: 0, to: 0.05, step: 0.01}; got the number"
                + " 0.01");
  }

  @Test
  void aFileWithoutASweep_isRefusedBySweep() {
    String file = SweepFiles.write(dir, "plain.yaml", BASE);
    Cli.Result run = Cli.run("sweep", file, "--out", dir.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("plain.yaml:1:1: no sweep section: add one, e.g.");
  }

  @Test
  void aBadShard_isAUsageError() {
    String file =
        SweepFiles.write(
            dir, "exp.yaml", BASE + "sweep: {parameters:" + " {\"links[0].delay\": [1ms]}}\n");
    Cli.Result run = Cli.run("sweep", file, "--shard", "3/2");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("expected K/N with 1 <= K <= N; got 3/2");
  }

  @Test
  void run_ignoresTheSweep_andValidateCountsItsRuns() {
    String file =
        SweepFiles.write(
            dir,
            "exp.yaml",
            BASE
                + """
        sweep:
          parameters:
            links[0].loss: [0, 0.01]
            links[0].delay: {from: 10ms, to: 50ms, step: 20ms}
          repetitions: 4
        """);
    Cli.Result validate = Cli.run("validate", file);
    assertThat(validate.exit()).as(validate.err()).isZero();
    assertThat(validate.out()).contains("sweep: 24 runs = 6 points x 4");
    Cli.Result run = Cli.run("run", file, "--out", dir.resolve("run").toString());
    assertThat(run.exit()).as(run.err()).isZero();
  }

  @Test
  void aHugeNumberInARange_isOutOfRange_atTheNumber() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: {from: 0, to: 1e999999999, step: 0.1}
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:34: sweep.parameters.links[0].loss.to: out of"
                + " range: '1e999999999' (a number is 0 or lies between 1e-40 and 1e40 in"
                + " magnitude)");
  }

  @Test
  void aHugeNumberWithAUnitInARange_isOutOfRange_andNotEchoedWhole() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].delay: {from: 1ms, to: "%sms", step: 1ms}
        """
                    .formatted("9".repeat(500))))
        .isEqualTo(
            "netsim: exp.yaml:12:33:"
                + " sweep.parameters.links[0].delay.to: out of range: a number of 500 characters (at"
                + " most 100)");
  }

  @Test
  void aSeedBeyond64Bits_isOutOfRange() {
    assertThat(
            error(
                """
        sweep:
          parameters:
            links[0].loss: [0]
          seeds: [1, 18446744073709551616]
        """))
        .isEqualTo(
            "netsim: exp.yaml:13:14: sweep.seeds[1]: out of range:"
                + " 18446744073709551616 (expected -9223372036854775808 to 9223372036854775807)");
  }
}
