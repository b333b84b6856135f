package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Charts draw whatever the data: one point, equal values, gaps (NaN), nothing but gaps; never a
 * coordinate that is not a number. Every text is SVG text, and the same chart gives the same bytes.
 */
class ChartsTest {
  private static Plot chart(double[] x, double[] y, double[] errors) {
    Plot chart = Charts.xy("t", "x", "y");
    chart.add("s", x, y, errors);
    return chart;
  }

  @Test
  void onePoint_getsARangeAroundItsValue() {
    Plot chart = chart(new double[] {1}, new double[] {5}, new double[] {0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN").startsWith("<?xml");
    assertThat(Charts.yRange(chart)).containsExactly(4.5, 5.5);
    assertThat(Charts.xRange(chart)).containsExactly(0.9, 1.1);
  }

  @Test
  void equalValues_atZero_getARangeAroundZero() {
    Plot chart = chart(new double[] {1, 2, 3}, new double[] {0, 0, 0}, new double[] {0, 0, 0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(Charts.yRange(chart)).containsExactly(-1.0, 1.0);
  }

  @Test
  void gaps_areLeftOut_andTheRangeIsThatOfTheValues() {
    Plot chart =
        chart(new double[] {1, 2, 3}, new double[] {2, Double.NaN, 4}, new double[] {1, 0, 0.5});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(Charts.yRange(chart)).as("the axis fits the data").isNull();
  }

  @Test
  void nothingButGaps_drawsAnEmptyZeroToOneAxis() {
    Plot chart =
        chart(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}, new double[] {0, 0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(Charts.yRange(chart)).containsExactly(0.0, 1.0);
  }

  @Test
  void aRangeSetBeforehand_stays() {
    Plot chart = chart(new double[] {1}, new double[] {1}, new double[] {0}).yRange(0, 1);
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
    assertThat(Charts.yRange(chart)).containsExactly(0.0, 1.0);
  }

  @Test
  void categories_areLabelledAtTheirPositions_inOrder() {
    Plot chart = Charts.categories("t", "queue", "y", List.of("kind=red", "kind=droptail"));
    chart.add("s", new double[] {0, 1}, new double[] {1, 2});
    List<String> texts = SvgText.texts(Charts.svg(chart, ""));
    assertThat(texts).containsSubsequence("kind=red", "kind=droptail", "queue");
    assertThat(texts.subList(texts.indexOf("kind=red"), texts.indexOf("queue")))
        .as("the x tick labels: the categories only")
        .containsExactly("kind=red", "kind=droptail");
  }

  @Test
  void titlesAxisTitlesTicksAndLegend_areSvgText_notGlyphOutlines() {
    Plot chart = Charts.xy("queue length: a & <b>", "time (s)", "packets");
    chart.add("r1 -> r2", new double[] {0, 1, 2}, new double[] {0, 3, 1});
    chart.add("r2 -> r1", new double[] {0, 1, 2}, new double[] {1, 2, 2}).marker(Plot.Marker.CROSS);
    String svg = Charts.svg(chart, "provenance");
    assertThat(SvgText.texts(svg))
        .contains("queue length: a & <b>", "time (s)", "packets", "r1 -> r2", "r2 -> r1", "1");
    assertThat(SvgText.glyphPaths(svg)).isZero();
    assertThat(svg).contains("font-family:sans-serif").doesNotContain("DejaVu", "Dialog");
    assertThat(svg.split("<text ", -1)).hasSize(svg.split("font-size:", -1).length);
  }

  @Test
  void theSameChart_givesTheSameBytes() {
    Plot a = chart(new double[] {1, 2, 3}, new double[] {2, Double.NaN, 4}, new double[] {1, 0, 1});
    Plot b = chart(new double[] {1, 2, 3}, new double[] {2, Double.NaN, 4}, new double[] {1, 0, 1});
    assertThat(Charts.svg(a, "p")).isEqualTo(Charts.svg(b, "p")).contains("<!-- p -->");
  }

  @Test
  void aLongLegend_goesBesideOrUnderThePlot_oneEntryALine() {
    Plot chart = Charts.xy("t", "x", "y");
    List<String> names = List.of("a".repeat(40), "b".repeat(40), "c".repeat(40));
    Charts.placeLegend(chart, names);
    assertThat(chart.legend()).isEqualTo(Plot.Legend.COLUMN_RIGHT);
    Charts.placeLegend(chart, List.of("w".repeat(100), "v".repeat(100)));
    assertThat(chart.legend()).isEqualTo(Plot.Legend.COLUMN_BELOW);
    Charts.placeLegend(chart, List.of("a", "b"));
    assertThat(chart.legend()).isEqualTo(Plot.Legend.ROW_BELOW);
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

  /** Labels wider than the plot, and a legend of long names, still draw (and end). */
  @Test
  @Timeout(60)
  void longCategoryNames_withLongSeriesNames_draw() {
    List<String> names = List.of("a".repeat(300), "b".repeat(300), "W".repeat(300));
    Plot chart = Charts.categories("t", "x", "y", names);
    List<String> series = List.of("W".repeat(150), "M".repeat(150));
    for (String name : series) {
      chart.add(name, new double[] {0, 1, 2}, new double[] {1, 2, 3}, new double[] {0, 0, 0});
    }
    Charts.placeLegend(chart, series, Charts.MAX_TICK_LABEL);
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }

  @Test
  void categories_oneOfThem_drawsWithoutNaN() {
    Plot chart = Charts.categories("t", "queue", "y", List.of("kind=red"));
    chart.add("s", new double[] {0}, new double[] {3}, new double[] {0});
    assertThat(Charts.svg(chart, "")).doesNotContain("NaN");
  }
}
