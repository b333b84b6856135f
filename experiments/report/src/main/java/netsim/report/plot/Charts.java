package netsim.report.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.VectorHints;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.report.files.AtomicFile;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jspecify.annotations.Nullable;

/**
 * netsim's charts, all alike and deterministic: a {@link Plot} laid out by JFreeChart and written
 * as SVG by VectorGraphics2D, with a fixed size, {@link Ticks} numbers whatever the locale, white
 * backgrounds, and every title, axis label, tick label and legend entry as an SVG {@code <text>}
 * element (searchable, selectable, editable) in the generic {@code sans-serif} family: layout
 * measures text with the JDK's logical SansSerif font, and nothing written names a font of the
 * machine. The only varying parts of VectorGraphics2D's output (clip-path ids from identity hash
 * codes) are renumbered in order: the same chart gives the same bytes.
 */
public final class Charts {
  /** Chart size in pixels. */
  public static final int WIDTH = 900;

  public static final int HEIGHT = 540;

  static {
    // JFreeChart draws rotated text (the y axis title) as TextLayout outlines unless told not to;
    // a process-wide setting, made once when plots are first drawn.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private static final Pattern CLIP_ID = Pattern.compile("clip-?[0-9]+");
  private static final Pattern FONT_FAMILY = Pattern.compile("font-family:&quot;[^&]*&quot;");
  private static final Pattern TEXT = Pattern.compile("<text[^>]*>[^<]*</text>");
  private static final Pattern TEXT_STYLE = Pattern.compile("<text style=\"([^\"]*)\"");

  /** The font size VectorGraphics2D leaves unsaid: its default state's (SVG's own is larger). */
  private static final int UNSAID_FONT_SIZE = 12;

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color BORDER = new Color(160, 160, 160);
  private static final Color LEGEND_BORDER = new Color(200, 200, 200);
  private static final Color GRID = new Color(225, 225, 225);

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

  /** A chart with numeric axes. */
  public static Plot xy(String title, String xTitle, String yTitle) {
    return new Plot(title, xTitle, yTitle);
  }

  /**
   * A chart of points at named categories: category {@code i} is at x = i, labelled by its name
   * ({@link #categoryLabels}). Each series may miss values (NaN): a gap, not a shift of the later
   * points.
   */
  public static Plot categories(String title, String xTitle, String yTitle, List<String> names) {
    return new Plot(title, xTitle, yTitle).categories(names);
  }

  /**
   * Category names as x tick labels: at most {@link #MAX_TICK_LABEL} characters ("..." marks a
   * cut), and numbered ("2. ...") should two be alike or one be empty.
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

  /**
   * Puts the legend under the plot in one row when the series names are short, else in a column: on
   * the right when the plot keeps room for its x tick labels, else under the plot, so that no name
   * is cut off and the plot never gets too narrow for its labels.
   *
   * @param widestTickLabel the characters of the widest x tick label
   */
  public static void placeLegend(Plot plot, Collection<String> names, int widestTickLabel) {
    int length = 0;
    int longest = 0;
    for (String name : names) {
      length += name.length() + 6;
      longest = Math.max(longest, name.length());
    }
    if (length <= 110) {
      plot.legend(Plot.Legend.ROW_BELOW);
      return;
    }
    int width = WIDTH - CHAR_PIXELS * longest - 140;
    plot.legend(
        width >= Math.max(MIN_PLOT_WIDTH, 2 * CHAR_PIXELS * widestTickLabel)
            ? Plot.Legend.COLUMN_RIGHT
            : Plot.Legend.COLUMN_BELOW);
  }

  /** {@link #placeLegend(Plot, Collection, int)} for numeric x tick labels. */
  public static void placeLegend(Plot plot, Collection<String> names) {
    placeLegend(plot, names, NUMBER_TICK_LABEL);
  }

  /**
   * The chart as SVG text, with {@code comment} (e.g. provenance) as an XML comment. A y axis with
   * no spread (one point, equal values, nothing but gaps) gets a range around its value ({@link
   * #yRange}), and so does an x axis ({@link #xRange}).
   *
   * @throws IllegalStateException if the drawing has a coordinate that is not a number
   */
  public static String svg(Plot plot, String comment) {
    VectorGraphics2D g = new VectorGraphics2D();
    g.setRenderingHint(
        VectorHints.KEY_TEXT, VectorHints.VALUE_TEXT_DEFAULT); // <text>, not outlines
    chart(plot).draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      new SVGProcessor()
          .getDocument(g.getCommands(), new PageSize(0, 0, WIDTH, HEIGHT))
          .writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String svg = bytes.toString(StandardCharsets.UTF_8);
    svg = FONT_FAMILY.matcher(svg).replaceAll("font-family:sans-serif");
    svg = sayFontSizes(svg);
    svg = renumberClipIds(svg);
    String drawing = TEXT.matcher(svg).replaceAll("");
    if (drawing.contains("NaN") || drawing.contains("Infinity")) {
      throw new IllegalStateException(
          "the chart '" + plot.title() + "' has a coordinate that is not a number");
    }
    if (comment != null && !comment.isEmpty()) {
      int at = svg.indexOf("<svg");
      String safe = comment.replace("--", "- -");
      svg = svg.substring(0, at) + "<!-- " + safe + " -->\n" + svg.substring(at);
    }
    return svg;
  }

  /** Writes the chart as SVG, atomically. */
  public static void writeSvg(Plot plot, String comment, Path file) throws IOException {
    AtomicFile.write(file, svg(plot, comment));
  }

  /** The JFreeChart drawing of {@code plot}. */
  static JFreeChart chart(Plot plot) {
    XYPlot xy = new XYPlot();
    xy.setDomainAxis(xAxis(plot));
    NumberAxis y = numberAxis(plot.yTitle());
    double[] range = yRange(plot);
    if (range != null) {
      y.setRange(range[0], range[1]);
    }
    xy.setRangeAxis(y);
    int index = 0;
    for (Plot.Series series : plot.series()) {
      Color color = series.color();
      xy.setDataset(index, dataset(series));
      xy.setRenderer(
          index,
          renderer(
              series, color != null ? color : PALETTE[index % PALETTE.length], plot.markerSize()));
      index++;
    }
    xy.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the first series underneath
    xy.setBackgroundPaint(Color.WHITE);
    xy.setOutlinePaint(BORDER);
    xy.setDomainGridlinePaint(GRID);
    xy.setRangeGridlinePaint(GRID);
    xy.setDomainGridlineStroke(new BasicStroke(1f));
    xy.setRangeGridlineStroke(new BasicStroke(1f));
    xy.setAxisOffset(RectangleInsets.ZERO_INSETS);

    JFreeChart chart = new JFreeChart(plot.title(), TITLE_FONT, xy, false);
    chart.setBackgroundPaint(Color.WHITE);
    TextTitle title = chart.getTitle();
    if (title != null) {
      title.setPadding(new RectangleInsets(6, 6, 6, 6));
    }
    chart.addSubtitle(legend(xy, plot.legend()));
    chart.setPadding(new RectangleInsets(4, 8, 4, 12));
    return chart;
  }

  private static NumberAxis xAxis(Plot plot) {
    List<String> categories = plot.categories();
    double[] range = xRange(plot);
    if (categories == null) {
      NumberAxis x = numberAxis(plot.xTitle());
      if (range != null) {
        x.setRange(range[0], range[1]);
      }
      return x;
    }
    List<String> labels = categoryLabels(categories);
    SymbolAxis x = new SymbolAxis(plot.xTitle(), labels.toArray(String[]::new));
    style(x);
    x.setGridBandsVisible(false);
    x.setRange(-0.75, labels.size() - 0.25);
    int widest = labels.stream().mapToInt(String::length).max().orElse(0);
    if (widest * CHAR_PIXELS * labels.size() > WIDTH * 3 / 4) {
      x.setVerticalTickLabels(true); // side by side they would not fit
    }
    return x;
  }

  private static NumberAxis numberAxis(String title) {
    NumberAxis axis = new NumberAxis(title);
    style(axis);
    axis.setStandardTickUnits(new NumberTickUnitSource(false, new TickFormat()));
    return axis;
  }

  private static void style(NumberAxis axis) {
    axis.setAutoRangeIncludesZero(false);
    axis.setLabelFont(AXIS_FONT);
    axis.setTickLabelFont(TICK_FONT);
    axis.setAxisLinePaint(BORDER);
    axis.setTickMarkPaint(BORDER);
  }

  private static LegendTitle legend(XYPlot xy, Plot.Legend place) {
    LegendTitle legend =
        place == Plot.Legend.ROW_BELOW
            ? new LegendTitle(xy)
            : new LegendTitle(xy, new ColumnArrangement(), new ColumnArrangement());
    legend.setPosition(
        place == Plot.Legend.COLUMN_RIGHT ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
    legend.setItemFont(LEGEND_FONT);
    legend.setBackgroundPaint(Color.WHITE);
    legend.setFrame(new BlockBorder(LEGEND_BORDER));
    legend.setMargin(new RectangleInsets(8, 8, 4, 8));
    legend.setPadding(new RectangleInsets(4, 6, 4, 6));
    return legend;
  }

  private static org.jfree.data.xy.XYDataset dataset(Plot.Series series) {
    double[] x = series.x();
    double[] y = series.y();
    double[] errors = series.errors();
    if (errors == null) {
      XYSeries points = new XYSeries(series.name(), false, true);
      for (int i = 0; i < x.length; i++) {
        points.add(x[i], y[i]);
      }
      return new XYSeriesCollection(points);
    }
    YIntervalSeries points = new YIntervalSeries(series.name(), false, true);
    for (int i = 0; i < x.length; i++) {
      double e = Double.isFinite(errors[i]) ? Math.abs(errors[i]) : 0;
      points.add(x[i], y[i], y[i] - e, y[i] + e);
    }
    YIntervalSeriesCollection collection = new YIntervalSeriesCollection();
    collection.addSeries(points);
    return collection;
  }

  private static XYLineAndShapeRenderer renderer(Plot.Series series, Color color, int size) {
    boolean lines = series.style() != Plot.Style.POINTS;
    boolean shapes = series.marker() != Plot.Marker.NONE;
    XYLineAndShapeRenderer r;
    if (series.errors() != null) {
      r = new ErrorBarRenderer(lines, shapes);
    } else {
      r = new XYLineAndShapeRenderer(lines, shapes);
    }
    r.setDrawSeriesLineAsPath(true); // one <path> a series, not a <line> a segment; NaN breaks it
    r.setSeriesPaint(0, color);
    r.setSeriesStroke(
        0,
        series.isDashed()
            ? new BasicStroke(
                series.width(),
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER,
                10f,
                new float[] {6f, 4f},
                0f)
            : new BasicStroke(series.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    r.setSeriesShape(0, shape(series.marker(), size));
    r.setSeriesShapesFilled(0, true);
    r.setDrawOutlines(false);
    r.setUseFillPaint(false);
    return r;
  }

  private static Shape shape(Plot.Marker marker, int size) {
    float half = size / 2f;
    return switch (marker) {
      case NONE, CIRCLE -> new Ellipse2D.Double(-half, -half, size, size);
      case DIAMOND -> ShapeUtils.createDiamond(half + 0.5f);
      case CROSS -> ShapeUtils.createDiagonalCross(half, 0.7f);
    };
  }

  /**
   * The y range to fix: the plot's own, else one where its values (with their error bars) have
   * none: 0 to 1 when no value is a number, else 10% around the single value (or -1 to 1 around 0);
   * null when the axis may fit the data.
   */
  static double @Nullable [] yRange(Plot plot) {
    double[] fixed = plot.yRange();
    if (fixed != null) {
      return fixed;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Plot.Series series : plot.series()) {
      double[] y = series.y();
      double[] errors = series.errors();
      for (int i = 0; i < y.length; i++) {
        double error = errors == null || !Double.isFinite(errors[i]) ? 0 : Math.abs(errors[i]);
        if (Double.isFinite(y[i])) {
          min = Math.min(min, y[i] - error);
          max = Math.max(max, y[i] + error);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    if (min == max) {
      return new double[] {min - pad(min), max + pad(max)};
    }
    return null;
  }

  /**
   * The numeric x range to fix: the plot's own, else, when all x values are one, that value plus
   * and minus its {@link #pad}; null when the axis may fit the data.
   */
  static double @Nullable [] xRange(Plot plot) {
    double[] fixed = plot.xRange();
    if (fixed != null || plot.categories() != null) {
      return fixed;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Plot.Series series : plot.series()) {
      for (double x : series.x()) {
        if (Double.isFinite(x)) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    return min == max ? new double[] {min - pad(min), max + pad(max)} : null;
  }

  /** The room around a value an axis has no other range for: 10% of it, or 1 around 0. */
  public static double pad(double value) {
    return value == 0 ? 1 : Math.abs(value) / 10;
  }

  /** Gives each {@code <text>} without a font size the size VectorGraphics2D meant. */
  static String sayFontSizes(String svg) {
    Matcher m = TEXT_STYLE.matcher(svg);
    StringBuilder out = new StringBuilder(svg.length() + 1024);
    while (m.find()) {
      String style = m.group(1);
      if (!style.contains("font-size:")) {
        style = style + "font-size:" + UNSAID_FONT_SIZE + "px;";
      }
      m.appendReplacement(out, Matcher.quoteReplacement("<text style=\"" + style + "\""));
    }
    m.appendTail(out);
    return out.toString();
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

  /** {@link Ticks} as the {@link NumberFormat} JFreeChart's axes label their ticks with. */
  private static final class TickFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      return to.append(Ticks.format(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      return to.append(Ticks.format((double) number));
    }

    @Override
    public @Nullable Number parse(String source, ParsePosition pos) {
      return null; // tick labels are only written
    }
  }
}
