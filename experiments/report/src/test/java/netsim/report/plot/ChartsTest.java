package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knowm.xchart.XYChart;

/**
 * Charts draw whatever the data: one point, equal values, gaps (NaN), nothing but gaps; never a
 * coordinate that is not a number.
 */
class ChartsTest {
  private static XYChart chart(double[] x, double[] y, double[] errors) {
    XYChart chart = Charts.xy("t", "x", "y");
    chart.addSeries("s", x, y, errors);
    return chart;
  }

  @Test
  void onePoint_getsARangeAroundItsValue() {
    XYChart chart = chart(new double[] {1}, new double[] {5}, new double[] {0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN").startsWith("<?xml");
    assertThat(chart.getStyler().getYAxisMin()).isEqualTo(4.5);
    assertThat(chart.getStyler().getYAxisMax()).isEqualTo(5.5);
  }

  @Test
  void equalValues_atZero_getARangeAroundZero() {
    XYChart chart = chart(new double[] {1, 2, 3}, new double[] {0, 0, 0}, new double[] {0, 0, 0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(chart.getStyler().getYAxisMin()).isEqualTo(-1.0);
    assertThat(chart.getStyler().getYAxisMax()).isEqualTo(1.0);
  }

  @Test
  void gaps_areLeftOut_andTheRangeIsThatOfTheValues() {
    XYChart chart =
        chart(new double[] {1, 2, 3}, new double[] {2, Double.NaN, 4}, new double[] {1, 0, 0.5});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(chart.getStyler().getYAxisMin()).as("XChart's own range").isNull();
  }

  @Test
  void nothingButGaps_drawsAnEmptyZeroToOneAxis() {
    XYChart chart =
        chart(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}, new double[] {0, 0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(chart.getStyler().getYAxisMin()).isEqualTo(0.0);
    assertThat(chart.getStyler().getYAxisMax()).isEqualTo(1.0);
  }

  @Test
  void aRangeSetBeforehand_stays() {
    XYChart chart = chart(new double[] {1}, new double[] {1}, new double[] {0});
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(chart.getStyler().getYAxisMax()).isEqualTo(1.0);
  }

  @Test
  void categories_areLabelledAtTheirPositions_andOnlyThere() {
    XYChart chart = Charts.categories("t", "queue", "y", List.of("kind=red", "kind=droptail"));
    var label = chart.getStyler().getxAxisTickLabelsFormattingFunction();
    assertThat(label.apply(0.0)).isEqualTo("kind=red");
    assertThat(label.apply(1.0)).isEqualTo("kind=droptail");
    assertThat(label.apply(0.5)).isEmpty();
    assertThat(label.apply(-1.0)).as("the left end").isEqualTo(" ");
    assertThat(label.apply(2.0)).as("the right end").isEqualTo("  ");
    assertThat(chart.getStyler().getXAxisMin()).isEqualTo(-1.0);
    assertThat(chart.getStyler().getXAxisMax()).isEqualTo(2.0);
  }

  @Test
  void categoryLabels_areCut_andNumberedWhenCuttingMakesThemAlike() {
    String a = "kind=red, packets=50, min=5, max=15, weight=0.002, probability=0.1";
    String b = "kind=red, packets=50, min=5, max=15, weight=0.002, probability=0.2";
    assertThat(Charts.categoryLabels(List.of("kind=red", "kind=droptail")))
        .containsExactly("kind=red", "kind=droptail");
    assertThat(Charts.categoryLabels(List.of(a, "kind=droptail")))
        .containsExactly("kind=red, packets=50, min=5, ma\u2026", "kind=droptail");
    assertThat(Charts.categoryLabels(List.of(a, b)))
        .containsExactly(
            "1. kind=red, packets=50, min=5,\u2026", "2. kind=red, packets=50, min=5,\u2026");
    assertThat(Charts.categoryLabels(List.of("", "x"))).containsExactly("1. ", "2. x");
  }

  /** XChart never stops laying out x labels wider than the plot: labels and legend must fit. */
  @Test
  @Timeout(60)
  void longCategoryNames_withLongSeriesNames_draw() {
    List<String> names = List.of("a".repeat(300), "b".repeat(300), "W".repeat(300));
    XYChart chart = Charts.categories("t", "x", "y", names);
    List<String> series = List.of("W".repeat(150), "M".repeat(150));
    for (String name : series) {
      chart.addSeries(name, new double[] {0, 1, 2}, new double[] {1, 2, 3}, new double[] {0, 0, 0});
    }
    Charts.placeLegend(chart.getStyler(), series, Charts.MAX_TICK_LABEL);
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void categories_oneOfThem_drawsWithoutNaN() {
    XYChart chart = Charts.categories("t", "queue", "y", List.of("kind=red"));
    chart.addSeries("s", new double[] {0}, new double[] {3}, new double[] {0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }
}
