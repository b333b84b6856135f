package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import netsim.core.Time;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JitterTest {
  private static final long DELAY = Time.millis(50);
  private static final long SIGMA = Time.millis(5);
  private static final int PACKETS = 50_000;
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  /** netem's tables hold standardized values within +-4 (16-bit entries scaled by 8192). */
  private static double clamp(double t) {
    return Math.max(-4, Math.min(4, t));
  }

  private static double normalQuantile(double u) {
    return clamp(STANDARD_NORMAL.inverseCumulativeProbability(u));
  }

  /** iproute2's pareto table: (X - 1.5) * 4/3 for X Pareto(scale 1, shape 3), capped at 4. */
  private static double paretoQuantile(double u) {
    return Math.min((Math.pow(1 - u, -1.0 / 3) - 1.5) * 4 / 3, 4);
  }

  /** iproute2's paretonormal table: 1/4 normal plus 3/4 pareto at the same quantile. */
  private static double paretoNormalQuantile(double u) {
    return clamp((normalQuantile(u) + 3 * paretoQuantile(u)) / 4);
  }

  static Stream<Arguments> netemDistributions() {
    return Stream.of(
        Arguments.of(new Jitter.Normal(SIGMA), (DoubleUnaryOperator) JitterTest::normalQuantile),
        Arguments.of(new Jitter.Pareto(SIGMA), (DoubleUnaryOperator) JitterTest::paretoQuantile),
        Arguments.of(
            new Jitter.ParetoNormal(SIGMA),
            (DoubleUnaryOperator) JitterTest::paretoNormalQuantile));
  }

  @ParameterizedTest
  @MethodSource("netemDistributions")
  void netemJitter_meanAndVariance_matchTheTableDistribution(
      Jitter jitter, DoubleUnaryOperator standardizedQuantile) {
    Theory.Moments expected = Theory.moments(standardizedQuantile).scaled((double) SIGMA);
    long[] delays = delaysWith(jitter);
    assertThat(delays).hasSize(PACKETS);
    Theory.assertNear(
        jitter + " mean delay",
        Theory.mean(delays),
        DELAY + expected.mean(),
        expected.meanError(PACKETS));
    Theory.assertNear(
        jitter + " delay variance",
        Theory.variance(delays),
        expected.variance(),
        expected.varianceError(PACKETS));
  }

  @Test
  void uniformJitter_meanAndVariance_matchTheDiscreteUniform() {
    // Whole nanoseconds uniform on [-R, R]: N = 2R + 1 values, variance (N^2 - 1) / 12.
    double points = 2.0 * SIGMA + 1;
    double variance = (points * points - 1) / 12;
    double fourth = (points * points - 1) * (3 * points * points - 7) / 240;
    Theory.Moments expected = new Theory.Moments(0, variance, fourth);
    long[] delays = delaysWith(new Jitter.Uniform(SIGMA));
    Theory.assertNear(
        "uniform mean delay", Theory.mean(delays), (double) DELAY, expected.meanError(PACKETS));
    Theory.assertNear(
        "uniform delay variance",
        Theory.variance(delays),
        variance,
        expected.varianceError(PACKETS));
    assertAllBetween(delays, DELAY - SIGMA, DELAY + SIGMA);
  }

  @Test
  void paretoTableMoments_matchTheClosedForm() {
    // Y = min(X, 4.5) for X Pareto(1, 3): E[Y] = 1 + (1 - 4.5^-2) / 2, E[Y^2] = 3 - 2 / 4.5.
    double meanY = 1 + (1 - Math.pow(4.5, -2)) / 2;
    double varianceY = 3 - 2 / 4.5 - meanY * meanY;
    Theory.Moments integrated = Theory.moments(JitterTest::paretoQuantile);
    assertThat(integrated.mean()).isCloseTo((meanY - 1.5) * 4 / 3, within(1e-4));
    assertThat(integrated.variance()).isCloseTo(varianceY * 16 / 9, within(1e-4));
    // So netem's pareto jitter is centred slightly below zero and spreads about 0.82 sigma.
    assertThat(integrated.mean()).isCloseTo(-0.0329, within(1e-4));
    assertThat(integrated.sd()).isCloseTo(0.821, within(1e-3));
  }

  @Test
  void netemJitter_staysWithinTheTableBounds() {
    long[] pareto = delaysWith(new Jitter.Pareto(SIGMA));
    assertAllBetween(pareto, DELAY - Math.round(SIGMA * 2.0 / 3), DELAY + 4 * SIGMA);
    long[] normal = delaysWith(new Jitter.Normal(SIGMA));
    assertAllBetween(normal, DELAY - 4 * SIGMA, DELAY + 4 * SIGMA);
  }

  private static void assertAllBetween(long[] values, long low, long high) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).as("smallest").isGreaterThanOrEqualTo(low);
    assertThat(max).as("largest").isLessThanOrEqualTo(high);
  }

  @Test
  void empiricalJitter_drawsEachTableEntryWithEqualProbability() {
    long[] table = {-Time.millis(2), 0, 0, Time.millis(3), Time.millis(10)};
    long[] delays = delaysWith(new Jitter.Empirical(table));
    long[] counts = new long[4];
    long[] values = {-Time.millis(2), 0, Time.millis(3), Time.millis(10)};
    for (long d : delays) {
      int index = Arrays.binarySearch(values, d - DELAY);
      assertThat(index).as("delay %s is a table entry", d).isNotNegative();
      counts[index]++;
    }
    Theory.assertBinomial("draws of -2ms", counts[0], PACKETS, 0.2);
    Theory.assertBinomial("draws of 0 (twice in the table)", counts[1], PACKETS, 0.4);
    Theory.assertBinomial("draws of 3ms", counts[2], PACKETS, 0.2);
    Theory.assertBinomial("draws of 10ms", counts[3], PACKETS, 0.2);
  }

  @Test
  void jitterWithoutReordering_neverLetsAPacketOvertakeAnEarlierOne() {
    LinkConfig fifo = LinkConfig.builder().delay(DELAY).jitter(new Jitter.Normal(SIGMA)).build();
    long[] order = LinkRun.replayed(fifo, 21, 5_000, Time.micros(100)).arrivalSequences();
    assertThat(order).isSorted();
    assertThat(order).hasSize(5_000);
  }

  @Test
  void jitterWithReordering_letsPacketsOvertake_asNetemDoes() {
    LinkConfig netem =
        LinkConfig.builder()
            .delay(DELAY)
            .jitter(new Jitter.Normal(SIGMA))
            .jitterReorders(true)
            .build();
    long[] order = LinkRun.replayed(netem, 21, 5_000, Time.micros(100)).arrivalSequences();
    int overtaken = 0;
    for (int i = 1; i < order.length; i++) {
      if (order[i] < order[i - 1]) {
        overtaken++;
      }
    }
    assertThat(overtaken).isGreaterThan(1000);
  }

  @Test
  void jitterByName_isNetemsSpelling_andAnUnknownNameListsTheKnownOnes() {
    assertThat(Jitter.named("uniform", 7)).isEqualTo(new Jitter.Uniform(7));
    assertThat(Jitter.named("normal", 7)).isEqualTo(new Jitter.Normal(7));
    assertThat(Jitter.named("pareto", 7)).isEqualTo(new Jitter.Pareto(7));
    assertThat(Jitter.named("paretonormal", 7)).isEqualTo(new Jitter.ParetoNormal(7));
    assertThatThrownBy(() -> Jitter.named("gaussian", 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown jitter distribution 'gaussian' (known: "
                + String.join(", ", Jitter.DISTRIBUTIONS.names())
                + ")");
    assertThat(Jitter.DISTRIBUTIONS.names())
        .startsWith("uniform", "normal", "pareto", "paretonormal");
  }

  @Test
  void everyNamedDistribution_givesBackTheSpreadItWasMadeFrom() {
    for (String name : Jitter.DISTRIBUTIONS.names()) {
      assertThat(Jitter.named(name, 7_000).spread()).as(name).isEqualTo(7_000);
    }
    assertThat(((Jitter.Spread) Jitter.NONE).spread()).isZero();
  }

  @Test
  void badJitter_isRejectedWithItsValue() {
    assertThatThrownBy(() -> new Jitter.Normal(-3))
        .hasMessage("jitter sigma must not be negative, got -3 ns");
    assertThatThrownBy(() -> Jitter.named("pareto", -1))
        .hasMessage("jitter sigma must not be negative, got -1 ns");
    assertThatThrownBy(() -> new Jitter.Empirical(new long[0]))
        .hasMessage("an empirical jitter table needs at least one sample");
  }

  @Test
  void empiricalJitter_isAValue_equalByContent() {
    long[] table = {1, 2, 3};
    Jitter.Empirical jitter = new Jitter.Empirical(table);
    table[0] = 99; // the spec keeps its own copy
    assertThat(jitter).isEqualTo(new Jitter.Empirical(new long[] {1, 2, 3}));
    assertThat(jitter.hashCode()).isEqualTo(new Jitter.Empirical(new long[] {1, 2, 3}).hashCode());
    assertThat(jitter.samples()).containsExactly(1, 2, 3);
  }

  /** One-way delays over a direction with DELAY, {@code jitter} and netem's reordering. */
  private static long[] delaysWith(Jitter jitter) {
    LinkConfig config =
        LinkConfig.builder().delay(DELAY).jitter(jitter).jitterReorders(true).build();
    return LinkRun.replayed(config, 20, PACKETS, Time.micros(10)).delays();
  }
}
