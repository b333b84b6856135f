package netsim.report.plot;

import java.io.IOException;
import java.util.List;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;

/**
 * The plots of one run, written by {@code netsim run} when the run carries data (or with {@code
 * --plots}): {@code timeseq.svg} and {@code cwnd.svg}, each through a {@link PlotWriter}, so that
 * one that cannot be drawn costs the run nothing else.
 */
public final class RunPlots {
  public static final String TIME_SEQUENCE = "timeseq.svg";
  public static final String CWND = "cwnd.svg";

  private RunPlots() {}

  /** Whether a run is worth plotting without being asked: some segment carried data. */
  public static boolean carriesData(List<TraceEvent> events) {
    return Flows.anyData(events);
  }

  /**
   * Draws both plots into {@code sink}.
   *
   * @return a warning for each plot that could not be drawn (and was not written)
   * @throws IOException when the sink cannot write a plot
   */
  public static List<String> write(
      String title,
      String provenance,
      RunIndex index,
      List<TraceEvent> events,
      PlotWriter.Sink sink)
      throws IOException {
    PlotWriter plots = new PlotWriter(sink, "the experiment file");
    plots.write(TIME_SEQUENCE, () -> timeSequence(title, provenance, index, events));
    plots.write(CWND, () -> cwnd(title, provenance, index, events));
    return plots.warnings();
  }

  /** The time-sequence graph as SVG text. */
  public static String timeSequence(
      String title, String provenance, RunIndex index, List<TraceEvent> events) {
    return Charts.svg(
        TimeSequenceGraph.chart("time-sequence graph: " + title, index, events), provenance);
  }

  /** The congestion window graph as SVG text. */
  public static String cwnd(
      String title, String provenance, RunIndex index, List<TraceEvent> events) {
    return Charts.svg(CwndGraph.chart("congestion window: " + title, index, events), provenance);
  }
}
