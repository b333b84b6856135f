package netsim.experiments.plot;

import java.util.List;
import netsim.experiments.run.TraceEvent;

/**
 * The plots of one run, written by {@code netsim run} when the run carries data (or with {@code
 * --plots}): {@code timeseq.svg} and {@code cwnd.svg}.
 */
public final class RunPlots {
  public static final String TIME_SEQUENCE = "timeseq.svg";
  public static final String CWND = "cwnd.svg";

  private RunPlots() {}

  /** Whether a run is worth plotting without being asked: some segment carried data. */
  public static boolean carriesData(List<TraceEvent> events) {
    return Flows.anyData(events);
  }

  /** The time-sequence graph as SVG text. */
  public static String timeSequence(String title, String provenance, List<TraceEvent> events) {
    return Charts.svg(TimeSequenceGraph.chart("time-sequence graph: " + title, events),
        provenance);
  }

  /** The congestion window graph as SVG text. */
  public static String cwnd(String title, String provenance, List<TraceEvent> events) {
    return Charts.svg(CwndGraph.chart("congestion window: " + title, events), provenance);
  }
}
