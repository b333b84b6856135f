package netsim.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.report.files.AtomicFile;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * netsim's charts (XChart), all alike and deterministic: a fixed size, fixed fonts (DejaVu Sans,
 * drawn as outlines, so a viewer needs no font), {@link Locale#ROOT} numbers, white backgrounds,
 * and SVG output whose only varying parts (XChart's clip-path ids come from identity hash codes)
 * are renumbered in order. The same chart gives the same bytes.
 */
public final class Charts {
  /** Chart size in pixels. */
  public static final int WIDTH = 900;

  public static final int HEIGHT = 540;
  private static final String FONT = "DejaVu Sans";
  private static final Pattern CLIP_ID = Pattern.compile("clip-?[0-9]+");

  /** About the width of a character of the 12-13 point labels, in pixels. */
  private static final int CHAR_PIXELS = 7;

  /** The longest x tick label of a category, in characters. */
  static final int MAX_TICK_LABEL = 32;

  /** The longest numeric tick label ({@link Ticks}: "-999.9 M"). */
  private static final int NUMBER_TICK_LABEL = 8;

  /** The narrowest plot area a legend on the right may leave, in pixels. */
  private static final int MIN_PLOT_WIDTH = 300;

  /** Colours that stay apart for readers with colour-blindness (Okabe and Ito). */
  static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(230, 159, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(86, 180, 233),
    new Color(213, 94, 0),
    new Color(240, 228, 66),
    new Color(0, 0, 0)
  };

  /** The colour of retransmissions and losses. */
  public static final Color ALERT = new Color(200, 30, 30);

  private Charts() {}

  /** A line chart with numeric axes. */
  public static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setxAxisTickLabelsFormattingFunction(Ticks::format);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Ticks::format);
    return chart;
  }

  /**
   * A chart of points at named categories: category {@code i} is at x = i, the axis runs from -1 to
   * the number of categories, and each category's name labels its x (XChart labels evenly spaced x
   * values one by one, the ends included: these get blank labels, distinct so that XChart does not
   * take them for a rounding artefact). Unlike XChart's category chart, each series may miss values
   * (NaN): a gap, not a shift of the later points. Every series must have its points at x = 0, 1,
   * ..., n - 1.
   */
  public static XYChart categories(String title, String xTitle, String yTitle, List<String> names) {
    XYChart chart = xy(title, xTitle, yTitle);
    List<String> labels = categoryLabels(names);
    chart.getStyler().setXAxisMin(-1.0).setXAxisMax((double) labels.size());
    chart
        .getStyler()
        .setxAxisTickLabelsFormattingFunction(
            x -> {
              long i = Math.round(x);
              if (Math.abs(x - i) > 1e-9) {
                return "";
              }
              return i < 0 ? " " : i >= labels.size() ? "  " : labels.get((int) i);
            });
    int widest = 0;
    for (String label : labels) {
      widest = Math.max(widest, label.length());
    }
    if (widest * CHAR_PIXELS * labels.size() > WIDTH * 3 / 4) {
      chart.getStyler().setXAxisLabelRotation(30); // side by side they would not fit
    }
    return chart;
  }

  /**
   * Category names as x tick labels: at most {@link #MAX_TICK_LABEL} characters ("..." marks a
   * cut), and numbered ("2. ...") should two be alike or one be empty. (XChart lays out x labels by
   * leaving out every second one, then all but every third, ..., until they fit; with a label wider
   * than the plot between the two ends it would never stop.)
   */
  public static List<String> categoryLabels(List<String> names) {
    List<String> labels = new ArrayList<>();
    for (String name : names) {
      labels.add(cut(name, MAX_TICK_LABEL));
    }
    if (labels.contains("") || new HashSet<>(labels).size() < labels.size()) {
      for (int i = 0; i < labels.size(); i++) {
        labels.set(i, cut((i + 1) + ". " + names.get(i), MAX_TICK_LABEL));
      }
    }
    return labels;
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "\u2026";
  }

  private static void style(AxesChartStyler styler) {
    styler.setLocale(Locale.ROOT);
    styler.setAntiAlias(true);
    styler.setBaseFont(new Font(FONT, Font.PLAIN, 13));
    styler.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
    styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
    styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
    styler.setLegendFont(new Font(FONT, Font.PLAIN, 12));
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(new Color(160, 160, 160));
    styler.setChartTitleBoxVisible(false);
    styler.setLegendBorderColor(new Color(200, 200, 200));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setPlotGridLinesColor(new Color(225, 225, 225));
    styler.setPlotGridLinesStroke(new BasicStroke(1f));
    styler.setSeriesColors(PALETTE);
    styler.setMarkerSize(7);
    styler.setErrorBarsColorSeriesColor(true);
    styler.setToolTipsEnabled(false);
  }

  /**
   * Puts the legend under the plot in one row when the series names are short, else in a column: on
   * the right when the plot keeps room for its x tick labels, else under the plot, so that no name
   * is cut off and the plot never gets too narrow for its labels.
   *
   * @param widestTickLabel the characters of the widest x tick label
   */
  public static void placeLegend(
      AxesChartStyler styler, Collection<String> names, int widestTickLabel) {
    int length = 0;
    int longest = 0;
    for (String name : names) {
      length += name.length() + 6;
      longest = Math.max(longest, name.length());
    }
    if (length <= 110) {
      return; // the default: one row under the plot
    }
    int plot = WIDTH - CHAR_PIXELS * longest - 140;
    if (plot >= Math.max(MIN_PLOT_WIDTH, 2 * CHAR_PIXELS * widestTickLabel)) {
      styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    }
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
  }

  /** {@link #placeLegend(AxesChartStyler, Collection, int)} for numeric x tick labels. */
  public static void placeLegend(AxesChartStyler styler, Collection<String> names) {
    placeLegend(styler, names, NUMBER_TICK_LABEL);
  }

  /**
   * The chart as SVG text, with {@code comment} (e.g. provenance) as an XML comment. A y axis with
   * no spread (one point, equal values, nothing but gaps) gets a range around its value, where
   * XChart would divide by zero.
   *
   * @throws IllegalStateException if the drawing still has a coordinate that is not a number
   */
  public static String svg(Chart<?, ?> chart, String comment) {
    if (chart instanceof XYChart xy) {
      spreadY(xy);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String svg = renumberClipIds(bytes.toString(StandardCharsets.UTF_8));
    // Text is drawn as outlines, so "NaN" here can only be a coordinate.
    if (svg.contains("NaN") || svg.contains("Infinity")) {
      throw new IllegalStateException(
          "the chart '" + chart.getTitle() + "' has a coordinate" + " that is not a number");
    }
    if (comment != null && !comment.isEmpty()) {
      int at = svg.indexOf("<svg");
      String safe = comment.replace("--", "- -");
      svg = svg.substring(0, at) + "<!-- " + safe + " -->\n" + svg.substring(at);
    }
    return svg;
  }

  /**
   * Gives the y axis a range when its values (with their error bars) have none: 0 to 1 when no
   * value is a number, else 10% around the single value (or -1 to 1 around 0). A range set
   * beforehand stays.
   */
  static void spreadY(XYChart chart) {
    if (chart.getStyler().getYAxisMin() != null || chart.getStyler().getYAxisMax() != null) {
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (XYSeries series : chart.getSeriesMap().values()) {
      double[] y = series.getYData();
      double[] errors = series.getExtraValues();
      for (int i = 0; i < y.length; i++) {
        double error = errors == null || !Double.isFinite(errors[i]) ? 0 : Math.abs(errors[i]);
        if (Double.isFinite(y[i])) {
          min = Math.min(min, y[i] - error);
          max = Math.max(max, y[i] + error);
        }
      }
    }
    if (min > max) {
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    } else if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) / 10;
      chart.getStyler().setYAxisMin(min - pad).setYAxisMax(max + pad);
    }
  }

  /** Writes the chart as SVG, atomically. */
  public static void writeSvg(Chart<?, ?> chart, String comment, Path file) throws IOException {
    AtomicFile.write(file, svg(chart, comment));
  }

  /** clip865945664 -> clip1, in order of first appearance. */
  static String renumberClipIds(String svg) {
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher m = CLIP_ID.matcher(svg);
    StringBuilder out = new StringBuilder(svg.length());
    while (m.find()) {
      String id = ids.computeIfAbsent(m.group(), k -> "clip" + (ids.size() + 1));
      m.appendReplacement(out, id);
    }
    m.appendTail(out);
    return out.toString();
  }
}
