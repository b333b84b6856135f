package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The harsh soak of docs/reliability.md, small: 200 seeds of the shipped harsh config (20% loss,
 * duplication, corruption, reordering, heavy-tailed jitter, nine connections). TCP gives up, resets
 * and times out along the way, which are expected outcomes; no run may break an invariant. The full
 * soak runs 10^5 seeds with the same command.
 */
class SoakTest {
  static final String HARSH = Repository.path("experiments/examples/harsh-soak.yaml").toString();

  @Test
  void twoHundredHarshSeeds_haveExpectedOutcomes_andNoViolation() {
    Cli.Result hunt =
        Cli.run("hunt", HARSH, "--until", "data-violation", "--seeds", "1..200", "--parallel", "2");
    assertThat(hunt.exit()).as(hunt.out() + hunt.err()).isEqualTo(1); // found none
    assertThat(hunt.out()).contains("no seed fired data-violation in 200 runs (seeds 1..200)");
    // The soak is harsh enough to make TCP give up: the classification is exercised.
    assertThat(hunt.out())
        .containsPattern(
            "expected outcomes \\(TCP doing its job, not"
                + " violations\\) in these runs: \\d+ reset, \\d+ open-timed-out, .*\\d+ user-timeout,"
                + " \\d+ peer-gave-up");
  }
}
