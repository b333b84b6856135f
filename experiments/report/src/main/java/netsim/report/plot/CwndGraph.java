package netsim.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The congestion window over time ({@code cwnd.svg}), from the trace's {@code cc} lines: for each
 * sender of data, cwnd as a solid step line, ssthresh (once set) dashed, and the bytes in flight
 * thin and grey. Slow start doubles cwnd each round trip; a fast retransmit halves it; a timeout
 * drops it to one segment. Long runs are thinned for drawing ({@link Thinning}).
 */
public final class CwndGraph {
  private static final Color IN_FLIGHT = new Color(150, 150, 150);
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  private CwndGraph() {}

  public static XYChart chart(String title, RunIndex index, List<TraceEvent> events) {
    List<Flows.Flow> all = Flows.of(index, events);
    boolean data = all.stream().anyMatch(f -> f.dataBytes() > 0);
    List<Flows.Flow> senders = new ArrayList<>();
    for (Flows.Flow f : all) {
      if (!data || f.dataBytes() > 0) {
        senders.add(f);
      }
    }
    int shown = 0;
    XYChart chart = Charts.xy(title, "time (s)", "bytes");
    List<String> names = new ArrayList<>();
    for (Flows.Flow flow : senders) {
      List<TraceEvent.Congestion> cc = flow.congestion();
      if (cc.isEmpty() || shown == TimeSequenceGraph.MAX_FLOWS) {
        continue;
      }
      String label = Flows.label(flow, senders);
      Color color = Charts.PALETTE[(2 * shown) % Charts.PALETTE.length];
      XYSeries cwnd = step(chart, label + ": cwnd", cc, TraceEvent.Congestion::cwnd);
      cwnd.setLineColor(color);
      cwnd.setLineWidth(2f);
      names.add(cwnd.getName());
      List<TraceEvent.Congestion> set =
          cc.stream().filter(c -> c.ssthresh() != TraceEvent.NONE).toList();
      if (!set.isEmpty()) {
        XYSeries ssthresh = step(chart, label + ": ssthresh", set, TraceEvent.Congestion::ssthresh);
        ssthresh.setLineColor(Charts.ALERT);
        ssthresh.setLineStyle(DASHED);
        names.add(ssthresh.getName());
      }
      XYSeries flight = step(chart, label + ": in flight", cc, TraceEvent.Congestion::inflight);
      flight.setLineColor(IN_FLIGHT);
      flight.setLineWidth(0.8f);
      names.add(flight.getName());
      shown++;
    }
    if (shown == 0) {
      XYSeries none =
          chart.addSeries("no congestion state reported", new double[] {0}, new double[] {0});
      none.setMarker(SeriesMarkers.NONE);
    }
    Charts.placeLegend(chart.getStyler(), names);
    return chart;
  }

  /** A step line: each value holds until the next change. */
  private static XYSeries step(
      XYChart chart,
      String name,
      List<TraceEvent.Congestion> cc,
      ToLongFunction<TraceEvent.Congestion> value) {
    double[] x = new double[2 * cc.size() - 1];
    double[] y = new double[2 * cc.size() - 1];
    for (int i = 0; i < cc.size(); i++) {
      x[2 * i] = TimeSequenceGraph.seconds(cc.get(i).t());
      y[2 * i] = value.applyAsLong(cc.get(i));
      if (i > 0) {
        x[2 * i - 1] = x[2 * i];
        y[2 * i - 1] = value.applyAsLong(cc.get(i - 1));
      }
    }
    Thinning.Points points = Thinning.thin(x, y);
    XYSeries series = chart.addSeries(name, points.x(), points.y());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }
}
