package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import netsim.report.plot.Charts;
import netsim.report.plot.Plot;
import org.junit.jupiter.api.Test;

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

  private static double[] y(Plot chart, String series) {
    return chart.series(series).y();
  }

  private static Plot chart(
      SweepManifest manifest, Metric metric, int j, Map<Long, Map<Metric, Estimate>> estimates) {
    Plot chart = SweepPlots.chart(manifest, metric, j, estimates);
    assertThat(chart).isNotNull();
    return chart;
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
    Plot chart = chart(manifest, Metric.TIME_TO_CLOSE, 1, estimates);
    assertThat(chart.names())
        .containsExactly("stop.at=50ms (no value at kind=red, min=5, max=15)", "stop.at=10s");
    assertThat(y(chart, "stop.at=50ms (no value at kind=red, min=5, max=15)"))
        .containsExactly(Double.NaN, 21.0);
    assertThat(y(chart, "stop.at=10s")).containsExactly(30.0, 22.0);
    assertThat(chart.xTitle()).isEqualTo("links[1].queue (all with packets=50)");
    assertThat(chart.categories()).containsExactly("kind=red, min=5, max=15", "kind=droptail");
    assertThat(texts(Charts.svg(chart, "")))
        .doesNotContain("NaN")
        .contains(
            "kind=droptail",
            "links[1].queue (all with packets=50)",
            "stop.at=50ms (no value at kind=red, min=5, max=15)");
  }

  @Test
  void aNumericParameter_withAMissingPoint_breaksItsLineThere() {
    SweepManifest manifest =
        manifest(new SweepManifest.Parameter("links[0].loss", List.of("0", "0.01", "0.05")));
    Plot chart =
        chart(
            manifest,
            Metric.TIME_TO_CLOSE,
            0,
            estimates(new double[] {10, 12}, new double[] {}, new double[] {30}));
    String name = "mean \u00b1 95% confidence interval (2 runs per point) (no value at 0.01)";
    assertThat(chart.names()).containsExactly(name);
    assertThat(chart.series(name).x()).as("one line: no offset").containsExactly(0, 0.01, 0.05);
    assertThat(y(chart, name)).containsExactly(11.0, Double.NaN, 30.0);
    assertThat(chart.series(name).errors()[2]).as("one run: no interval").isZero();
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void onePoint_andEqualValues_drawWithoutNaN() {
    SweepManifest one =
        manifest(new SweepManifest.Parameter("tcp.congestionControl", List.of("cubic")));
    Plot single = chart(one, Metric.TIME_TO_CLOSE, 0, estimates(new double[] {7, 7}));
    assertThat(Charts.svg(single, "")).doesNotContain("NaN");
    SweepManifest two =
        manifest(new SweepManifest.Parameter("links[0].delay", List.of("10ms", "20ms")));
    Plot equal =
        chart(two, Metric.TIME_TO_CLOSE, 0, estimates(new double[] {7, 7}, new double[] {7, 7}));
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
    Plot chart =
        chart(
            manifest,
            Metric.TIME_TO_CLOSE,
            1,
            estimates(new double[] {}, new double[] {}, new double[] {5}, new double[] {6}));
    assertThat(chart.names())
        .containsExactly("clients[0].close=never (no value at any point)", "clients[0].close=done");
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void threeLinesAtTheSameX_haveTheirErrorBarsAtThreeXs_inLegendOrder_centredOnTheX() {
    SweepManifest manifest =
        manifest(
            new SweepManifest.Parameter("tcp.congestionControl", List.of("reno", "cubic", "bbr")),
            new SweepManifest.Parameter("links[0].loss", List.of("0", "0.01", "0.05")));
    double[][] points = new double[9][];
    for (int p = 0; p < 9; p++) {
      points[p] = new double[] {10 + p, 14 + p};
    }
    Plot chart = chart(manifest, Metric.TIME_TO_CLOSE, 1, estimates(points));
    List<String> lines =
        List.of(
            "tcp.congestionControl=reno",
            "tcp.congestionControl=cubic",
            "tcp.congestionControl=bbr");
    assertThat(chart.names()).containsExactlyElementsOf(lines);
    double[] x = {0, 0.01, 0.05};
    for (int i = 0; i < x.length; i++) {
      double[] at = new double[lines.size()];
      for (int s = 0; s < lines.size(); s++) {
        at[s] = chart.series(lines.get(s)).x()[i];
      }
      assertThat(at[0]).as("x %s", x[i]).isLessThan(at[1]);
      assertThat(at[1]).as("x %s", x[i]).isLessThan(at[2]);
      assertThat((at[0] + at[1] + at[2]) / 3).isCloseTo(x[i], within(1e-12));
      assertThat(at[2] - at[0]).as("nearer its x than the next").isLessThan(0.01 / 2 + 1e-12);
    }
    // In the drawing: each error bar's vertical line, at 3 distinct x per parameter value, in the
    // order of the lines.
    String svg = Charts.svg(chart, "");
    List<Double> bars =
        Pattern.compile("stroke-width:1\\.5;[^\"]*\" x1=\"([0-9.]+)\" x2=\"\\1\"")
            .matcher(svg)
            .results()
            .map(m -> Double.parseDouble(m.group(1)))
            .distinct()
            .toList();
    assertThat(bars).as("drawn line by line, each at its x").hasSize(9);
    for (int i = 0; i < x.length; i++) {
      assertThat(bars.get(i)).isLessThan(bars.get(3 + i));
      assertThat(bars.get(3 + i)).isLessThan(bars.get(6 + i));
      if (i + 1 < x.length) {
        assertThat(bars.get(6 + i))
            .as("the next x's bars are further on")
            .isLessThan(bars.get(i + 1));
      }
    }
  }

  @Test
  void categoriesAtTheSameX_areDodgedToo() {
    SweepManifest manifest =
        manifest(
            new SweepManifest.Parameter("stop.at", List.of("50ms", "10s")),
            new SweepManifest.Parameter("links[1].queue", List.of(RED, DROPTAIL)));
    Plot chart =
        chart(
            manifest,
            Metric.TIME_TO_CLOSE,
            1,
            estimates(
                new double[] {1, 2},
                new double[] {3, 4},
                new double[] {5, 6},
                new double[] {7, 8}));
    assertThat(chart.series("stop.at=50ms").x()).containsExactly(-0.25, 0.75);
    assertThat(chart.series("stop.at=10s").x()).containsExactly(0.25, 1.25);
  }

  private static List<String> texts(String svg) {
    return Pattern.compile("<text[^>]*>([^<]*)</text>")
        .matcher(svg)
        .results()
        .map(m -> m.group(1).replace("&amp;", "&"))
        .toList();
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
