package netsim.report.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The congestion window over time ({@code cwnd.svg}), from the trace's {@code cc} lines: for each
 * sender of data, cwnd as a solid step line, ssthresh (once set) dashed, and the bytes in flight
 * thin and grey. Slow start doubles cwnd each round trip; a fast retransmit halves it; a timeout
 * drops it to one segment. Long runs are thinned for drawing ({@link Thinning}).
 */
public final class CwndGraph {
  private static final Color IN_FLIGHT = new Color(150, 150, 150);

  private CwndGraph() {}

  /** The graph of {@code all}: the senders of data, or every flow when there is no data. */
  static Plot chart(String title, List<Flows.Flow> all) {
    boolean data = all.stream().anyMatch(f -> f.dataBytes() > 0);
    List<Flows.Flow> senders = new ArrayList<>();
    for (Flows.Flow f : all) {
      if (!data || f.dataBytes() > 0) {
        senders.add(f);
      }
    }
    int shown = 0;
    Plot chart = Charts.xy(title, "time (s)", "bytes");
    List<String> names = new ArrayList<>();
    for (Flows.Flow flow : senders) {
      if (!flow.congestion() || shown == TimeSequenceGraph.MAX_FLOWS) {
        continue;
      }
      Flows.Series series = flow.series();
      String label = Flows.label(flow, senders);
      Color color = Charts.PALETTE[(2 * shown) % Charts.PALETTE.length];
      names.add(step(chart, label + ": cwnd", series.cwnd).color(color).width(2f).name());
      if (!series.ssthresh.isEmpty()) {
        names.add(
            step(chart, label + ": ssthresh", series.ssthresh).color(Charts.ALERT).dashed().name());
      }
      names.add(
          step(chart, label + ": in flight", series.inflight).color(IN_FLIGHT).width(0.8f).name());
      shown++;
    }
    if (shown == 0) {
      chart.add("no congestion state reported", new double[] {0}, new double[] {0});
    }
    Charts.placeLegend(chart, names);
    return chart;
  }

  /** A step line: each value holds until the next change. */
  private static Plot.Series step(Plot chart, String name, Thinning line) {
    Thinning.Points points = line.points();
    return chart.add(name, points.x(), points.y()); // the points hold each value (Flows)
  }
}
