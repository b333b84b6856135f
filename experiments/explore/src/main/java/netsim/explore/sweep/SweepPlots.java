package netsim.explore.sweep;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.report.files.AtomicFile;
import netsim.report.plot.Charts;
import netsim.report.plot.Dodge;
import netsim.report.plot.Plot;
import netsim.report.plot.PlotWriter;
import org.jspecify.annotations.Nullable;

/**
 * {@code plots/METRIC-vs-PARAMETER.svg}: every metric against every varied parameter, the mean of
 * each point with its 95% confidence interval as an error bar. With more than one parameter, each
 * combination of the other parameters' values is its own line. Numbers (and numbers with one unit,
 * such as 10ms) make a numeric axis; other values are categories in sweep order, named by {@link
 * ValueLabels}, with points and no lines between them. Several lines' points at one x are set apart
 * by a small horizontal offset per line, in legend order, centred on the x ({@link Dodge}), so that
 * their error bars do not hide each other. A point whose runs measured nothing is a gap, and the
 * legend says where. A plot that cannot be drawn is left out with a warning ({@link PlotWriter});
 * the tables and the other plots are written all the same.
 */
final class SweepPlots {
  static final String DIR = "plots";
  private static final Pattern QUANTITY = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)([A-Za-z%]*)");

  /** Gaps listed by name in a legend; more are counted. */
  private static final int GAPS_NAMED = 3;

  private SweepPlots() {}

  /**
   * Writes the plots into {@code dir}.
   *
   * @param warnings receives a line for each plot that could not be drawn
   * @return the files written
   */
  static List<Path> write(
      Path dir,
      SweepManifest manifest,
      Map<Long, Map<Metric, Estimate>> estimates,
      List<String> warnings)
      throws IOException {
    List<Path> files = new ArrayList<>();
    String provenance = Provenance.of(manifest);
    PlotWriter plots =
        new PlotWriter(
            (name, svg) -> {
              Files.createDirectories(dir);
              AtomicFile.write(dir.resolve(name), svg);
              files.add(dir.resolve(name));
            },
            "the sweep file");
    for (Metric metric : manifest.metrics()) {
      for (int j = 0; j < manifest.parameters().size(); j++) {
        int parameter = j;
        Map<String, Estimate[]> lines = lines(manifest, estimates, metric, j);
        if (lines.values().stream().allMatch(SweepPlots::allMissing)) {
          continue; // nothing measured: no plot
        }
        String name =
            metric.fileName() + "-vs-" + slug(manifest.parameters().get(j).path()) + ".svg";
        plots.write(name, () -> Charts.svg(draw(manifest, metric, parameter, lines), provenance));
      }
    }
    warnings.addAll(plots.warnings());
    return files;
  }

  /** The chart of {@code metric} against parameter {@code j}; null when nothing was measured. */
  static @Nullable Plot chart(
      SweepManifest manifest, Metric metric, int j, Map<Long, Map<Metric, Estimate>> estimates) {
    Map<String, Estimate[]> lines = lines(manifest, estimates, metric, j);
    if (lines.values().stream().allMatch(SweepPlots::allMissing)) {
      return null;
    }
    return draw(manifest, metric, j, lines);
  }

  /**
   * The lines, by the values of the other parameters, each with the estimate at every value of the
   * plotted parameter, in value order; null where no run of the point measured the metric.
   */
  private static Map<String, Estimate[]> lines(
      SweepManifest manifest, Map<Long, Map<Metric, Estimate>> estimates, Metric metric, int j) {
    List<SweepManifest.Parameter> parameters = manifest.parameters();
    List<ValueLabels> labels = parameters.stream().map(p -> ValueLabels.of(p.values())).toList();
    Map<String, Estimate[]> lines = new LinkedHashMap<>();
    int runs = manifest.runsPerPoint();
    List<String> zipped = manifest.zippedWith(j);
    for (Map.Entry<Long, Map<Metric, Estimate>> entry : estimates.entrySet()) {
      int[] at = manifest.indexesAt(entry.getKey());
      List<String> others = new ArrayList<>();
      for (int k = 0; k < parameters.size(); k++) {
        if (!zipped.contains(parameters.get(k).path())) {
          others.add(parameters.get(k).path() + "=" + labels.get(k).get(at[k]));
        }
      }
      String name =
          others.isEmpty()
              ? "mean \u00b1 95% confidence interval ("
                  + runs
                  + " run"
                  + (runs == 1 ? "" : "s")
                  + " per point)"
              : String.join(", ", others);
      Estimate[] line =
          lines.computeIfAbsent(name, k -> new Estimate[parameters.get(j).values().size()]);
      Estimate e = entry.getValue().get(metric);
      if (e.n() > 0 && Double.isFinite(e.mean())) {
        line[at[j]] = e;
      }
    }
    return lines;
  }

  private static boolean allMissing(Estimate[] line) {
    return Arrays.stream(line).allMatch(e -> e == null);
  }

  private static Plot draw(
      SweepManifest manifest, Metric metric, int j, Map<String, Estimate[]> lines) {
    SweepManifest.Parameter parameter = manifest.parameters().get(j);
    String title = metric.label() + " vs " + parameter.path() + " (" + manifest.experiment() + ")";
    String yTitle = metric.label() + " (" + metric.unit() + ")";
    double[] numbers = numeric(parameter.values());
    ValueLabels labels = ValueLabels.of(parameter.values());
    Plot chart;
    double[] x;
    if (numbers != null) {
      String unit = unit(parameter.values());
      chart =
          Charts.xy(title, parameter.path() + (unit.isEmpty() ? "" : " (" + unit + ")"), yTitle);
      x = numbers;
    } else {
      String shared = labels.shared().isEmpty() ? "" : " (all with " + labels.shared() + ")";
      chart = Charts.categories(title, parameter.path() + shared, yTitle, labels.all());
      x = new double[parameter.values().size()];
      Arrays.setAll(x, i -> i);
    }
    List<String> ticks = Charts.categoryLabels(labels.all());
    List<String> names = new ArrayList<>();
    double dodge = Dodge.width(x, numbers == null);
    if (numbers != null && Arrays.stream(x).distinct().count() == 1) {
      chart.xRange(x[0] - Charts.pad(x[0]), x[0] + Charts.pad(x[0])); // not the dodged spread
    }
    int index = 0;
    for (Map.Entry<String, Estimate[]> line : lines.entrySet()) {
      Estimate[] points = line.getValue();
      double[] ys = new double[points.length];
      double[] errors = new double[points.length];
      List<String> gaps = new ArrayList<>();
      for (int i = 0; i < points.length; i++) {
        Estimate e = points[i];
        ys[i] = e == null ? Double.NaN : e.mean();
        errors[i] = e == null || !Double.isFinite(e.halfWidth()) ? 0 : e.halfWidth();
        if (e == null) {
          gaps.add(numbers != null ? parameter.values().get(i) : ticks.get(i));
        }
      }
      String name = line.getKey() + gapNote(gaps, points.length);
      double offset = Dodge.offset(index++, lines.size(), dodge);
      double[] dodged = Arrays.stream(x).map(v -> v + offset).toArray();
      Plot.Series series = chart.add(name, dodged, ys, errors).marker(Plot.Marker.CIRCLE);
      if (numbers == null) {
        // Categories have no order between them: points with their intervals, no lines.
        series.style(Plot.Style.POINTS);
      }
      names.add(name);
    }
    if (metric.equals(Metric.INVARIANTS_OK)) {
      chart.yRange(0.0, 1.0);
    }
    if (numbers != null) {
      Charts.placeLegend(chart, names);
    } else {
      Charts.placeLegend(chart, names, ticks.stream().mapToInt(String::length).max().orElse(0));
    }
    return chart;
  }

  /** " (no value at 0.05)", " (no value at 4 of 6 points)", " (no value at any point)", "". */
  static String gapNote(List<String> gaps, int points) {
    if (gaps.isEmpty()) {
      return "";
    }
    if (gaps.size() == points) {
      return " (no value at any point)";
    }
    if (gaps.size() > GAPS_NAMED) {
      return " (no value at " + gaps.size() + " of " + points + " points)";
    }
    return " (no value at " + String.join("; ", gaps) + ")";
  }

  /**
   * The numbers of values such as 0.01 or 10ms when all share one unit (and each is a double), else
   * null.
   */
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
      if (!Double.isFinite(x[i])) {
        return null;
      }
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
