package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import netsim.report.plot.Charts;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Sweep plots from estimates made up for each case: values that are mappings, metrics missing at
 * some points (a gap, said in the legend, never a shift or a crash), one point, equal values.
 */
class SweepPlotsTest {
  private static final String RED = "{\"kind\":\"red\",\"packets\":50,\"min\":5,\"max\":15}";
  private static final String DROPTAIL = "{\"kind\":\"droptail\",\"packets\":50}";

  private static SweepManifest manifest(SweepManifest.Parameter... parameters) {
    long points = 1;
    for (SweepManifest.Parameter p : parameters) {
      points *= p.values().size();
    }
    return new SweepManifest(
        "test",
        "plots",
        "0".repeat(64),
        1,
        "seeds",
        2,
        points,
        2 * points,
        List.of(parameters),
        Metric.DEFAULTS,
        null);
  }

  /** Per point, the given values of time_to_close_ms (none: not measured), 1 elsewhere. */
  private static Map<Long, Map<Metric, Estimate>> estimates(double[]... points) {
    Map<Long, Map<Metric, Estimate>> estimates = new TreeMap<>();
    for (int p = 0; p < points.length; p++) {
      Map<Metric, Estimate> byMetric = new LinkedHashMap<>();
      for (Metric m : Metric.DEFAULTS) {
        List<BigDecimal> values = new ArrayList<>();
        if (m.equals(Metric.TIME_TO_CLOSE)) {
          Arrays.stream(points[p]).forEach(v -> values.add(BigDecimal.valueOf(v)));
        } else {
          values.add(BigDecimal.ONE);
        }
        byMetric.put(m, Estimate.of(values));
      }
      estimates.put((long) p, byMetric);
    }
    return estimates;
  }

  private static double[] y(XYChart chart, String series) {
    XYSeries s = chart.getSeriesMap().get(series);
    assertThat(s).as("series '%s' among %s", series, chart.getSeriesMap().keySet()).isNotNull();
    return s.getYData();
  }

  @Test
  void mappingValues_withTheFirstLineMissingItsFirstPoint_leaveAGapSaidInTheLegend() {
    SweepManifest manifest =
        manifest(
            new SweepManifest.Parameter("stop.at", List.of("50ms", "10s")),
            new SweepManifest.Parameter("links[1].queue", List.of(RED, DROPTAIL)));
    Map<Long, Map<Metric, Estimate>> estimates =
        estimates(
            new double[] {}, new double[] {20, 22}, new double[] {30, 30}, new double[] {20, 24});
    XYChart chart = SweepPlots.chart(manifest, Metric.TIME_TO_CLOSE, 1, estimates);
    assertThat(chart.getSeriesMap().keySet())
        .containsExactly("stop.at=50ms (no value at kind=red, min=5, max=15)", "stop.at=10s");
    assertThat(y(chart, "stop.at=50ms (no value at kind=red, min=5, max=15)"))
        .containsExactly(Double.NaN, 21.0);
    assertThat(y(chart, "stop.at=10s")).containsExactly(30.0, 22.0);
    assertThat(chart.getXAxisTitle()).isEqualTo("links[1].queue (all with packets=50)");
    assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(1.0))
        .isEqualTo("kind=droptail");
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void aNumericParameter_withAMissingPoint_breaksItsLineThere() {
    SweepManifest manifest =
        manifest(new SweepManifest.Parameter("links[0].loss", List.of("0", "0.01", "0.05")));
    XYChart chart =
        SweepPlots.chart(
            manifest,
            Metric.TIME_TO_CLOSE,
            0,
            estimates(new double[] {10, 12}, new double[] {}, new double[] {30}));
    String name = "mean \u00b1 95% confidence interval (2 runs per point) (no value at 0.01)";
    assertThat(chart.getSeriesMap().keySet()).containsExactly(name);
    assertThat(chart.getSeriesMap().get(name).getXData()).containsExactly(0, 0.01, 0.05);
    assertThat(y(chart, name)).containsExactly(11.0, Double.NaN, 30.0);
    assertThat(chart.getSeriesMap().get(name).getExtraValues()[2])
        .as("one run: no interval")
        .isZero();
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void onePoint_andEqualValues_drawWithoutNaN() {
    SweepManifest one =
        manifest(new SweepManifest.Parameter("tcp.congestionControl", List.of("cubic")));
    XYChart single = SweepPlots.chart(one, Metric.TIME_TO_CLOSE, 0, estimates(new double[] {7, 7}));
    assertThat(Charts.svg(single, "")).doesNotContain("NaN");
    SweepManifest two =
        manifest(new SweepManifest.Parameter("links[0].delay", List.of("10ms", "20ms")));
    XYChart equal =
        SweepPlots.chart(
            two, Metric.TIME_TO_CLOSE, 0, estimates(new double[] {7, 7}, new double[] {7, 7}));
    assertThat(Charts.svg(equal, "")).doesNotContain("NaN");
  }

  @Test
  void aMetricMeasuredNowhere_hasNoPlot() {
    SweepManifest manifest =
        manifest(new SweepManifest.Parameter("links[0].loss", List.of("0", "0.01")));
    assertThat(
            SweepPlots.chart(
                manifest, Metric.TIME_TO_CLOSE, 0, estimates(new double[] {}, new double[] {})))
        .isNull();
  }

  @Test
  void aLineMissingEveryPoint_isInTheLegendAsSuch() {
    SweepManifest manifest =
        manifest(
            new SweepManifest.Parameter("clients[0].close", List.of("never", "done")),
            new SweepManifest.Parameter("links[0].loss", List.of("0", "0.01")));
    XYChart chart =
        SweepPlots.chart(
            manifest,
            Metric.TIME_TO_CLOSE,
            1,
            estimates(new double[] {}, new double[] {}, new double[] {5}, new double[] {6}));
    assertThat(chart.getSeriesMap().keySet())
        .containsExactly("clients[0].close=never (no value at any point)", "clients[0].close=done");
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void gapNotes_nameAFewGaps_andCountMany() {
    assertThat(SweepPlots.gapNote(List.of(), 4)).isEmpty();
    assertThat(SweepPlots.gapNote(List.of("0.01", "0.05"), 4))
        .isEqualTo(" (no value at 0.01; 0.05)");
    assertThat(SweepPlots.gapNote(List.of("a", "b", "c", "d"), 6))
        .isEqualTo(" (no value at 4 of 6 points)");
    assertThat(SweepPlots.gapNote(List.of("a", "b"), 2)).isEqualTo(" (no value at any point)");
  }

  @Test
  void valueLabels_nameMappingsByTheKeysTheyDifferIn() {
    ValueLabels labels = ValueLabels.of(List.of(RED, DROPTAIL));
    assertThat(labels.all()).containsExactly("kind=red, min=5, max=15", "kind=droptail");
    assertThat(labels.shared()).isEqualTo("packets=50");
  }

  @Test
  void valueLabels_ofNestedMappingsAndLists_readAsYamlFlowStyle() {
    ValueLabels labels =
        ValueLabels.of(
            List.of(
                "{\"model\":\"gilbert-elliott\",\"p\":0.01,\"states\":[\"good\",\"bad\"]}",
                "{\"model\":\"bernoulli\",\"p\":0.01,\"extra\":{\"a\":1}}"));
    assertThat(labels.all())
        .containsExactly(
            "model=gilbert-elliott, states=[good, bad]", "model=bernoulli, extra={a: 1}");
    assertThat(labels.shared()).isEqualTo("p=0.01");
  }

  @Test
  void valueLabels_ofPlainValues_areTheValues() {
    ValueLabels labels = ValueLabels.of(List.of("reno", "cubic", "[1,2]"));
    assertThat(labels.all()).containsExactly("reno", "cubic", "[1, 2]");
    assertThat(labels.shared()).isEmpty();
  }

  @Test
  void valueLabels_ofAMappingWithoutTheKeysOthersDifferIn_sayWithout() {
    ValueLabels labels =
        ValueLabels.of(List.of("{\"a\":1,\"b\":2,\"c\":3}", "{\"a\":1,\"c\":4}", "{\"a\":1}"));
    assertThat(labels.all()).containsExactly("b=2, c=3", "c=4", "without b, c");
    assertThat(labels.shared()).isEqualTo("a=1");
  }
}
