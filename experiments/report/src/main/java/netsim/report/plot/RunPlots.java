package netsim.report.plot;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;

/**
 * The plots of one run, written by {@code netsim run} when the run carries data (or with {@code
 * --plots}): {@code timeseq.svg} and {@code cwnd.svg}, each through a {@link PlotWriter}, so that
 * one that cannot be drawn costs the run nothing else. A sink: it sees the run's events as they
 * happen and keeps bounded series of the flows it may draw ({@link Flows}), not the events.
 */
public final class RunPlots implements EventSink {
  public static final String TIME_SEQUENCE = "timeseq.svg";
  public static final String CWND = "cwnd.svg";

  private final Flows flows = new Flows();

  /** The plots of a run that has not started. */
  public RunPlots() {}

  @Override
  public void start(RunIndex index) {
    flows.start(index);
  }

  @Override
  public void accept(TraceEvent event) {
    flows.accept(event);
  }

  @Override
  public Set<EventKind> kinds() {
    return flows.kinds();
  }

  /** Whether the run is worth plotting without being asked: some segment carried data. */
  public boolean carriesData() {
    return flows.anyData();
  }

  /**
   * Draws both plots into {@code sink}.
   *
   * @return a warning for each plot that could not be drawn (and was not written)
   * @throws IOException when the sink cannot write a plot
   */
  public List<String> write(String title, String provenance, PlotWriter.Sink sink)
      throws IOException {
    PlotWriter plots = new PlotWriter(sink, "the experiment file");
    plots.write(
        TIME_SEQUENCE,
        () ->
            Charts.svg(
                TimeSequenceGraph.chart("time-sequence graph: " + title, flows.flows()),
                provenance));
    plots.write(
        CWND,
        () ->
            Charts.svg(CwndGraph.chart("congestion window: " + title, flows.flows()), provenance));
    return plots.warnings();
  }
}
