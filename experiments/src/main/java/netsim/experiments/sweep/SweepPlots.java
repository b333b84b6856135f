package netsim.experiments.sweep;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.experiments.plot.Charts;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code plots/METRIC-vs-PARAMETER.svg}: every metric against every varied parameter, the mean of
 * each point with its 95% confidence interval as an error bar. With more than one parameter, each
 * combination of the other parameters' values is its own line. Numbers (and numbers with one
 * unit, such as 10ms) make a numeric axis; other values are categories in sweep order, with
 * points side by side and no lines between them.
 */
final class SweepPlots {
  static final String DIR = "plots";
  private static final Pattern QUANTITY = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)([A-Za-z%]*)");

  private SweepPlots() {}

  static List<Path> write(Path dir, SweepManifest manifest,
      Map<Long, Map<Metric, Estimate>> estimates) throws IOException {
    List<Path> files = new ArrayList<>();
    String provenance = Provenance.of(manifest);
    for (Metric metric : Metric.values()) {
      for (int j = 0; j < manifest.parameters().size(); j++) {
        Map<String, List<Point>> lines = lines(manifest, estimates, metric, j);
        if (lines.values().stream().allMatch(List::isEmpty)) {
          continue; // nothing measured: no plot
        }
        SweepManifest.Parameter parameter = manifest.parameters().get(j);
        Path file = dir.resolve(metric.column() + "-vs-" + slug(parameter.path()) + ".svg");
        Files.createDirectories(dir);
        Charts.writeSvg(chart(manifest, metric, parameter, lines), provenance, file);
        files.add(file);
      }
    }
    return files;
  }

  /** One estimate at one value (by index) of the plotted parameter. */
  private record Point(int value, Estimate estimate) {}

  /** Lines by the values of the other parameters, each with its points in value order. */
  private static Map<String, List<Point>> lines(SweepManifest manifest,
      Map<Long, Map<Metric, Estimate>> estimates, Metric metric, int j) {
    Map<String, List<Point>> lines = new LinkedHashMap<>();
    int runs = manifest.runsPerPoint();
    for (Map.Entry<Long, Map<Metric, Estimate>> entry : estimates.entrySet()) {
      List<String> values = manifest.valuesAt(entry.getKey());
      List<String> others = new ArrayList<>();
      for (int k = 0; k < values.size(); k++) {
        if (k != j) {
          others.add(manifest.parameters().get(k).path() + "=" + values.get(k));
        }
      }
      String name = others.isEmpty()
          ? "mean \u00b1 95% confidence interval (" + runs + " run" + (runs == 1 ? "" : "s")
              + " per point)"
          : String.join(", ", others);
      List<Point> line = lines.computeIfAbsent(name, k -> new ArrayList<>());
      Estimate e = entry.getValue().get(metric);
      if (e.n() > 0) {
        line.add(new Point(manifest.parameters().get(j).values().indexOf(values.get(j)), e));
      }
    }
    return lines;
  }

  private static org.knowm.xchart.internal.chartpart.Chart<?, ?> chart(SweepManifest manifest,
      Metric metric, SweepManifest.Parameter parameter, Map<String, List<Point>> lines) {
    String title = metric.label() + " vs " + parameter.path() + " (" + manifest.experiment()
        + ")";
    String yTitle = metric.label() + " (" + metric.unit() + ")";
    double[] x = numeric(parameter.values());
    if (x != null) {
      String unit = unit(parameter.values());
      XYChart chart = Charts.xy(title, parameter.path() + (unit.isEmpty() ? "" : " (" + unit
          + ")"), yTitle);
      for (Map.Entry<String, List<Point>> line : lines.entrySet()) {
        if (line.getValue().isEmpty()) {
          continue;
        }
        int n = line.getValue().size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
          Point p = line.getValue().get(i);
          xs[i] = x[p.value()];
          ys[i] = p.estimate().mean();
          errors[i] = Double.isNaN(p.estimate().halfWidth()) ? 0 : p.estimate().halfWidth();
        }
        XYSeries series = chart.addSeries(line.getKey(), xs, ys, errors);
        series.setMarker(SeriesMarkers.CIRCLE);
      }
      fixRange(chart.getStyler(), metric);
      Charts.placeLegend(chart.getStyler(), lines.keySet());
      return chart;
    }
    CategoryChart chart = Charts.category(title, parameter.path(), yTitle);
    // Categories have no order between them: points with their intervals, no lines.
    chart.getStyler().setDefaultSeriesRenderStyle(
        CategorySeries.CategorySeriesRenderStyle.Scatter);
    for (Map.Entry<String, List<Point>> line : lines.entrySet()) {
      if (line.getValue().isEmpty()) {
        continue;
      }
      List<String> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (Point p : line.getValue()) {
        xs.add(parameter.values().get(p.value()));
        ys.add(p.estimate().mean());
        errors.add(Double.isNaN(p.estimate().halfWidth()) ? 0 : p.estimate().halfWidth());
      }
      chart.addSeries(line.getKey(), xs, ys, errors).setMarker(SeriesMarkers.CIRCLE);
    }
    fixRange(chart.getStyler(), metric);
    Charts.placeLegend(chart.getStyler(), lines.keySet());
    return chart;
  }

  private static void fixRange(org.knowm.xchart.style.AxesChartStyler styler, Metric metric) {
    if (metric == Metric.INVARIANTS_OK) {
      styler.setYAxisMin(0.0);
      styler.setYAxisMax(1.0);
    }
  }

  /** The numbers of values such as 0.01 or 10ms when all share one unit, else null. */
  static double[] numeric(List<String> values) {
    double[] x = new double[values.size()];
    String unit = null;
    for (int i = 0; i < values.size(); i++) {
      Matcher m = QUANTITY.matcher(values.get(i).trim());
      if (!m.matches() || (unit != null && !unit.equals(m.group(2)))) {
        return null;
      }
      unit = m.group(2);
      x[i] = new BigDecimal(m.group(1)).doubleValue();
    }
    return x;
  }

  private static String unit(List<String> values) {
    Matcher m = QUANTITY.matcher(values.get(0).trim());
    return m.matches() ? m.group(2) : "";
  }

  /** links[0].loss -> links-0-loss. */
  static String slug(String path) {
    String slug = path.replaceAll("[^A-Za-z0-9]+", "-");
    return slug.replaceAll("^-+|-+$", "");
  }
}
