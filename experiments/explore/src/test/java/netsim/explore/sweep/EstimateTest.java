package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The statistics of summary.csv against examples worked by hand: mean, sample standard deviation
 * and the 95% interval mean ± t(0.975, n-1) · sd / √n, with t from a printed table.
 */
class EstimateTest {
  private static List<BigDecimal> values(double... v) {
    return java.util.Arrays.stream(v).mapToObj(BigDecimal::valueOf).toList();
  }

  @Test
  void fiveValues_oneToFive() {
    // mean 3; squares of deviations 4+1+0+1+4 = 10, sd = sqrt(10/4) = 1.5811388;
    // t(0.975, 4) = 2.7764451 (table: 2.776); half width = 2.7764451 * 1.5811388 / sqrt(5)
    // = 1.9632432; interval [1.0367568, 4.9632432].
    Estimate e = Estimate.of(values(1, 2, 3, 4, 5));
    assertThat(e.n()).isEqualTo(5);
    assertThat(e.mean()).isEqualTo(3.0);
    assertThat(e.sd()).isCloseTo(1.5811388, within(1e-7));
    assertThat(Estimate.tQuantile(4)).isCloseTo(2.7764451, within(1e-7));
    assertThat(e.ciLow()).isCloseTo(1.0367568, within(1e-7));
    assertThat(e.ciHigh()).isCloseTo(4.9632432, within(1e-7));
  }

  @Test
  void twoValues_useTheWideTOfOneDegreeOfFreedom() {
    // mean 11, sd = sqrt(((10-11)^2 + (12-11)^2) / 1) = 1.4142136; t(0.975, 1) = 12.7062047;
    // half width = 12.7062047 * 1.4142136 / sqrt(2) = 12.7062047: [-1.7062047, 23.7062047].
    Estimate e = Estimate.of(values(10, 12));
    assertThat(e.sd()).isCloseTo(1.4142136, within(1e-7));
    assertThat(e.ciLow()).isCloseTo(-1.7062047, within(1e-6));
    assertThat(e.ciHigh()).isCloseTo(23.7062047, within(1e-6));
  }

  @Test
  void thirtyDegreesOfFreedom_matchTheTable() {
    assertThat(Estimate.tQuantile(30)).isCloseTo(2.0422725, within(1e-7));
  }

  @Test
  void equalValues_haveNoSpread_andAPointInterval() {
    Estimate e = Estimate.of(values(7, 7, 7));
    assertThat(e.sd()).isZero();
    assertThat(e.ciLow()).isEqualTo(7.0);
    assertThat(e.ciHigh()).isEqualTo(7.0);
  }

  @Test
  void oneValue_hasAMeanOnly_andNoValue_nothing() {
    Estimate one = Estimate.of(values(4.5));
    assertThat(one.n()).isEqualTo(1);
    assertThat(one.mean()).isEqualTo(4.5);
    assertThat(one.sd()).isNaN();
    assertThat(one.ciLow()).isNaN();
    assertThat(Estimate.of(List.of()).mean()).isNaN();
  }

  @Test
  void summaryCsv_writesSixDecimals_andEmptyCellsForWhatIsUndefined() {
    SweepManifest manifest =
        new SweepManifest(
            "0.1.0",
            "x",
            "ab",
            1,
            "seeds",
            5,
            2,
            10,
            List.of(new SweepManifest.Parameter("links[0].loss", List.of("0", "0.01"))),
            Metric.DEFAULTS,
            null);
    Map<Long, Map<Metric, Estimate>> estimates = new TreeMap<>();
    Map<Metric, Estimate> first = new java.util.LinkedHashMap<>();
    first.put(Metric.RETRANSMISSIONS, Estimate.of(values(1, 2, 3, 4, 5)));
    Map<Metric, Estimate> second = new java.util.LinkedHashMap<>();
    second.put(Metric.RETRANSMISSIONS, Estimate.of(values(2)));
    estimates.put(0L, first);
    estimates.put(1L, second);
    List<String> lines = SummaryCsv.text(manifest, estimates).lines().toList();
    assertThat(lines.get(1)).isEqualTo("point,links[0].loss,metric,n,mean,sd,ci95_low,ci95_high");
    assertThat(lines.get(2))
        .isEqualTo("0,0,retransmissions,5,3.000000,1.581139,1.036757," + "4.963243");
    assertThat(lines.get(3)).isEqualTo("1,0.01,retransmissions,1,2.000000,,,");
  }

  @Test
  void decimals_roundHalfEvenFromTheExactBinaryValue() {
    assertThat(Decimals.format(2.5e-7, 6)).isEqualTo("0.000000"); // 2.4999...e-7 in binary
    // 1234567.0000005 is 1234567.00000049993... as a double: down, where "%.6f" of some JDKs,
    // rounding the shortest decimal digits, goes up.
    assertThat(Decimals.format(1234567.0000005, 6)).isEqualTo("1234567.000000");
    assertThat(Decimals.format(0.75, 1)).isEqualTo("0.8");
    assertThat(Decimals.format(0.25, 1)).isEqualTo("0.2");
    assertThat(Decimals.format(-0.0, 6)).isEqualTo("0.000000");
    assertThat(Decimals.format(Double.NaN, 6)).isEmpty();
  }
}
