package netsim.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.experiments.output.AtomicFile;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
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
  /** Colours that stay apart for readers with colour-blindness (Okabe and Ito). */
  public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0),
      new Color(0, 158, 115), new Color(204, 121, 167), new Color(86, 180, 233),
      new Color(213, 94, 0), new Color(240, 228, 66), new Color(0, 0, 0)};
  /** The colour of retransmissions and losses. */
  public static final Color ALERT = new Color(200, 30, 30);

  private Charts() {}

  /** A line chart with numeric axes. */
  public static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setxAxisTickLabelsFormattingFunction(Ticks::format);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Ticks::format);
    return chart;
  }

  /** A line chart whose x axis has named categories. */
  public static CategoryChart category(String title, String xTitle, String yTitle) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Ticks::format);
    return chart;
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
   * Puts the legend under the plot in one row when the series names are short, else in a column
   * on the right, so that no name is cut off.
   */
  public static void placeLegend(AxesChartStyler styler, java.util.Collection<String> names) {
    int length = 0;
    for (String name : names) {
      length += name.length() + 6;
    }
    if (length > 110) {
      styler.setLegendPosition(Styler.LegendPosition.OutsideE);
      styler.setLegendLayout(Styler.LegendLayout.Vertical);
    }
  }

  /** The chart as SVG text, with {@code comment} (e.g. provenance) as an XML comment. */
  public static String svg(Chart<?, ?> chart, String comment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, bytes,
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String svg = renumberClipIds(bytes.toString(StandardCharsets.UTF_8));
    if (comment != null && !comment.isEmpty()) {
      int at = svg.indexOf("<svg");
      String safe = comment.replace("--", "- -");
      svg = svg.substring(0, at) + "<!-- " + safe + " -->\n" + svg.substring(at);
    }
    return svg;
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
