package netsim.report.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

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
  static Plot chart(String title, List<Flows.Flow> all) {
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
    Plot chart =
        Charts.xy(title + note, "time (s)", "sequence number (relative to the ISN)").markerSize(5);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < shown; i++) {
      Flows.Flow flow = flows.get(i);
      Flows.Series series = flow.series();
      String label = Flows.label(flow, flows);
      // Each direction its own pair of colours: segments, and the ACK line.
      Color color = Charts.PALETTE[(2 * i) % Charts.PALETTE.length];
      Color ackColor = Charts.PALETTE[(2 * i + 1) % Charts.PALETTE.length];
      if (!series.acked.isEmpty()) {
        Thinning.Points line = series.acked.points();
        names.add(
            chart.add(label + ": ACKed", line.x(), line.y()).color(ackColor).width(1.5f).name());
      }
      if (!series.sent.isEmpty()) {
        names.add(scatter(chart, label + ": sent", series.sent, Plot.Marker.CIRCLE, color).name());
      }
      if (!series.retransmitted.isEmpty()) {
        names.add(
            scatter(
                    chart,
                    label + ": retransmitted",
                    series.retransmitted,
                    Plot.Marker.DIAMOND,
                    Charts.ALERT)
                .name());
      }
      if (!series.lost.isEmpty()) {
        names.add(
            scatter(chart, label + ": lost", series.lost, Plot.Marker.CROSS, Color.BLACK).name());
      }
    }
    if (shown == 0) {
      chart.add("no segment sent", new double[] {0}, new double[] {0});
    }
    Charts.placeLegend(chart, names);
    return chart;
  }

  private static Plot.Series scatter(
      Plot chart, String name, Thinning segments, Plot.Marker marker, Color color) {
    Thinning.Points points = segments.points();
    return chart
        .add(name, points.x(), points.y())
        .style(Plot.Style.POINTS)
        .marker(marker)
        .color(color);
  }
}
