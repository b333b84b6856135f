package netsim.report.plot;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
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

  /** The graph of {@code events}: the flows with data, or every flow when there is no data. */
  public static XYChart chart(String title, RunIndex index, List<TraceEvent> events) {
    List<Flows.Flow> all = Flows.of(index, events);
    List<Flows.Flow> flows = new ArrayList<>();
    boolean data = all.stream().anyMatch(f -> f.dataBytes() > 0);
    for (Flows.Flow f : all) {
      if ((!data || f.dataBytes() > 0) && !f.segments().isEmpty()) {
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
      String label = Flows.label(flow, flows);
      // Each direction its own pair of colours: segments, and the ACK line.
      java.awt.Color color = Charts.PALETTE[(2 * i) % Charts.PALETTE.length];
      java.awt.Color ackColor = Charts.PALETTE[(2 * i + 1) % Charts.PALETTE.length];
      List<Flows.Segment> first =
          flow.segments().stream().filter(s -> !s.retransmission()).toList();
      List<Flows.Segment> again =
          flow.segments().stream().filter(Flows.Segment::retransmission).toList();
      if (!flow.acks().isEmpty()) {
        Thinning.Points line = Thinning.thin(stepX(flow.acks()), stepY(flow.acks()));
        XYSeries acks = chart.addSeries(label + ": ACKed", line.x(), line.y());
        acks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        acks.setMarker(SeriesMarkers.NONE);
        acks.setLineColor(ackColor);
        acks.setLineWidth(1.5f);
        names.add(acks.getName());
      }
      if (!first.isEmpty()) {
        names.add(scatter(chart, label + ": sent", first, SeriesMarkers.CIRCLE, color).getName());
      }
      if (!again.isEmpty()) {
        names.add(
            scatter(chart, label + ": retransmitted", again, SeriesMarkers.DIAMOND, Charts.ALERT)
                .getName());
      }
      if (!flow.lost().isEmpty()) {
        names.add(
            scatter(chart, label + ": lost", flow.lost(), SeriesMarkers.CROSS, java.awt.Color.BLACK)
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
      List<Flows.Segment> segments,
      org.knowm.xchart.style.markers.Marker marker,
      java.awt.Color color) {
    double[] x = new double[segments.size()];
    double[] y = new double[segments.size()];
    for (int i = 0; i < segments.size(); i++) {
      x[i] = seconds(segments.get(i).t());
      y[i] = segments.get(i).end();
    }
    Thinning.Points points = Thinning.thin(x, y);
    XYSeries series = chart.addSeries(name, points.x(), points.y());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(marker);
    series.setMarkerColor(color);
    series.setLineStyle(SeriesLines.NONE);
    return series;
  }

  /** x of a step line through the ACKs: each new value starts where the last ended. */
  private static double[] stepX(List<Flows.Ack> acks) {
    double[] x = new double[2 * acks.size() - 1];
    for (int i = 0; i < acks.size(); i++) {
      x[2 * i] = seconds(acks.get(i).t());
      if (i > 0) {
        x[2 * i - 1] = seconds(acks.get(i).t());
      }
    }
    return x;
  }

  private static double[] stepY(List<Flows.Ack> acks) {
    double[] y = new double[2 * acks.size() - 1];
    for (int i = 0; i < acks.size(); i++) {
      y[2 * i] = acks.get(i).ack();
      if (i > 0) {
        y[2 * i - 1] = acks.get(i - 1).ack();
      }
    }
    return y;
  }

  static double seconds(long nanos) {
    return (double) nanos / Time.SECOND;
  }
}
