package netsim.report.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tcptrace-style time-sequence graph of a run ({@code timeseq.svg}): for each direction that
 * carries data, every segment sent as a dot at the time it left and the end of its sequence range
 * (relative to the sender's ISN), retransmissions as red diamonds, lost segments crossed out, and
 * the acknowledgment number the sender received as a step line. Slow start is the steepening curve,
 * a loss a cross followed by a red diamond, a timeout a flat stretch. Long runs are thinned for
 * drawing ({@link Thinning}).
 */
public final class TimeSequenceGraph {
  /** The most directions drawn; more are listed in the title as left out. */
  static final int MAX_FLOWS = 4;

  private TimeSequenceGraph() {}

  /** The graph of {@code all}: the flows with data, or every flow when there is no data. */
  static XYChart chart(String title, List<Flows.Flow> all) {
    List<Flows.Flow> flows = new ArrayList<>();
    boolean data = all.stream().anyMatch(f -> f.dataBytes() > 0);
    for (Flows.Flow f : all) {
      if ((!data || f.dataBytes() > 0) && f.segments()) {
        flows.add(f);
      }
    }
    int shown = Math.min(flows.size(), MAX_FLOWS);
    String note =
        flows.size() > shown ? " (first " + shown + " of " + flows.size() + " directions)" : "";
    XYChart chart = Charts.xy(title + note, "time (s)", "sequence number (relative to the ISN)");
    chart.getStyler().setMarkerSize(5);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      Flows.Flow flow = flows.get(i);
      Flows.Series series = flow.series();
      String label = Flows.label(flow, flows);
      // Each direction its own pair of colours: segments, and the ACK line.
      java.awt.Color color = Charts.PALETTE[(2 * i) % Charts.PALETTE.length];
      java.awt.Color ackColor = Charts.PALETTE[(2 * i + 1) % Charts.PALETTE.length];
      if (!series.acked.isEmpty()) {
        Thinning.Points line = series.acked.points();
        XYSeries acks = chart.addSeries(label + ": ACKed", line.x(), line.y());
        acks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        acks.setMarker(SeriesMarkers.NONE);
        acks.setLineColor(ackColor);
        acks.setLineWidth(1.5f);
        names.add(acks.getName());
      }
      if (!series.sent.isEmpty()) {
        names.add(
            scatter(chart, label + ": sent", series.sent, SeriesMarkers.CIRCLE, color).getName());
      }
      if (!series.retransmitted.isEmpty()) {
        names.add(
            scatter(
                    chart,
                    label + ": retransmitted",
                    series.retransmitted,
                    SeriesMarkers.DIAMOND,
                    Charts.ALERT)
                .getName());
      }
      if (!series.lost.isEmpty()) {
        names.add(
            scatter(chart, label + ": lost", series.lost, SeriesMarkers.CROSS, java.awt.Color.BLACK)
                .getName());
      }
    }
    if (shown == 0) {
      XYSeries none = chart.addSeries("no segment sent", new double[] {0}, new double[] {0});
      none.setMarker(SeriesMarkers.NONE);
    }
    Charts.placeLegend(chart.getStyler(), names);
    return chart;
  }

  private static XYSeries scatter(
      XYChart chart,
      String name,
      Thinning segments,
      org.knowm.xchart.style.markers.Marker marker,
      java.awt.Color color) {
    Thinning.Points points = segments.points();
    XYSeries series = chart.addSeries(name, points.x(), points.y());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(marker);
    series.setMarkerColor(color);
    series.setLineStyle(SeriesLines.NONE);
    return series;
  }
}
