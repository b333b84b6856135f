package netsim.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
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

  /** The graph of {@code all}: the senders of data, or every flow when there is no data. */
  static XYChart chart(String title, List<Flows.Flow> all) {
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
      if (!flow.congestion() || shown == TimeSequenceGraph.MAX_FLOWS) {
        continue;
      }
      Flows.Series series = flow.series();
      String label = Flows.label(flow, senders);
      Color color = Charts.PALETTE[(2 * shown) % Charts.PALETTE.length];
      XYSeries cwnd = step(chart, label + ": cwnd", series.cwnd);
      cwnd.setLineColor(color);
      cwnd.setLineWidth(2f);
      names.add(cwnd.getName());
      if (!series.ssthresh.isEmpty()) {
        XYSeries ssthresh = step(chart, label + ": ssthresh", series.ssthresh);
        ssthresh.setLineColor(Charts.ALERT);
        ssthresh.setLineStyle(DASHED);
        names.add(ssthresh.getName());
      }
      XYSeries flight = step(chart, label + ": in flight", series.inflight);
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
  private static XYSeries step(XYChart chart, String name, Thinning line) {
    Thinning.Points points = line.points();
    XYSeries series = chart.addSeries(name, points.x(), points.y());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }
}
