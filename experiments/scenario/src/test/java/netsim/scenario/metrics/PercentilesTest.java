package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Percentiles are exact for a flow's first samples and estimated closely beyond. */
class PercentilesTest {
  @Test
  void twoSamples_giveTheInterpolatedExactPercentiles() {
    Percentiles p = new Percentiles();
    p.add(5);
    p.add(1);
    assertThat(p.p50()).isEqualTo(3);
    assertThat(p.p99()).isEqualTo(5); // 1 + 0.98 * 4 = 4.92
  }

  @Test
  void upToTheExactLimit_percentilesAreThoseOfTheSortedSamples() {
    Percentiles p = new Percentiles();
    for (int i = Percentiles.EXACT; i >= 1; i--) {
      p.add(i * 10L);
    }
    // Commons Math: rank p (n + 1) / 100 = 507.87, between 5070 and 5080.
    assertThat(p.p50()).isEqualTo(2565);
    assertThat(p.p99()).isEqualTo(5079);
  }

  @Test
  void beyondTheLimit_theEstimatesStayCloseToTheTruePercentiles() {
    Percentiles p = new Percentiles();
    for (int i = 0; i < 100_000; i++) {
      p.add((i * 7919L) % 100_000); // every value 0..99999 once, in a scrambled order
    }
    assertThat(p.p50()).isBetween(49_000L, 51_000L);
    assertThat(p.p99()).isBetween(98_000L, 100_000L);
  }
}
