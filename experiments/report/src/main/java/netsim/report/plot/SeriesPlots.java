package netsim.report.plot;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.scenario.metrics.TimeSeries;

/**
 * The plots of a run's time series ({@code outputs.interval}): {@code queue.svg}, the mean queue of
 * each link direction that ever held a packet waiting, and {@code throughput.svg}, each flow's
 * throughput, one point per interval. At most {@link #MAX_SERIES} lines each, the first to appear,
 * each thinned ({@link Thinning}): memory does not grow with the run, and a plot of many flows
 * stays readable (the title says how many were left out).
 */
public final class SeriesPlots implements TimeSeries.Listener {
  public static final String QUEUE = "queue.svg";
  public static final String THROUGHPUT = "throughput.svg";

  /** The most lines a plot draws. */
  static final int MAX_SERIES = 12;

  /** One plot's lines by entity, in order of appearance, and the entities left out. */
  private static final class Lines {
    final Map<String, Thinning> drawn = new LinkedHashMap<>();
    final Set<String> leftOut = new HashSet<>(); // counted only, never iterated

    void add(String entity, long t, double value) {
      Thinning line = drawn.get(entity);
      if (line == null) {
        if (drawn.size() == MAX_SERIES) {
          leftOut.add(entity);
          return;
        }
        line = new Thinning();
        drawn.put(entity, line);
      }
      line.add(t / 1e9, value);
    }
  }

  private final Lines queues = new Lines();
  private final Lines throughputs = new Lines();

  @Override
  public void value(long t, String entity, String metric, double value) {
    if (metric.equals("queue")) {
      if (value > 0 || queues.drawn.containsKey(entity)) {
        queues.add(entity, t, value);
      }
    } else if (metric.equals("throughput") && !entity.contains("->")) {
      throughputs.add(entity, t, value / 1e6);
    }
  }

  /**
   * Draws both plots into {@code sink}.
   *
   * @return a warning for each plot that could not be drawn (and was not written)
   */
  public List<String> write(String title, String provenance, PlotWriter.Sink sink)
      throws IOException {
    PlotWriter plots = new PlotWriter(sink, "the experiment file");
    plots.write(
        QUEUE,
        () ->
            Charts.svg(
                chart("queue length: " + title, "packets (mean per interval)", queues, "queue"),
                provenance));
    plots.write(
        THROUGHPUT,
        () ->
            Charts.svg(
                chart("throughput: " + title, "Mbit/s (per interval)", throughputs, "flow"),
                provenance));
    return plots.warnings();
  }

  private static Plot chart(String title, String yTitle, Lines lines, String what) {
    String full =
        lines.leftOut.isEmpty()
            ? title
            : title + " (first " + MAX_SERIES + "; " + lines.leftOut.size() + " more not drawn)";
    Plot chart = Charts.xy(full, "time (s)", yTitle);
    for (Map.Entry<String, Thinning> line : lines.drawn.entrySet()) {
      Thinning.Points points = line.getValue().points();
      chart.add(line.getKey(), points.x(), points.y());
    }
    if (lines.drawn.isEmpty()) {
      chart.add("no " + what + " to show", new double[] {0}, new double[] {0});
    }
    Charts.placeLegend(chart, lines.drawn.keySet());
    return chart;
  }
}
