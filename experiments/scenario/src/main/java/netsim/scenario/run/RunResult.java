package netsim.scenario.run;

import java.util.List;
import java.util.Map;
import netsim.net.fault.FaultChain;
import netsim.net.link.Link;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpStack;

/**
 * What a run produced: its events in order, its connections, the TCP stacks and links in their
 * final state, the applications' records and the fault chains, for the outputs and the invariants.
 *
 * @param end the virtual time the run ended
 * @param stopReason why it ended, in words
 * @param index the names behind the ids of its events
 * @param events every event in order, or null when the run kept none ({@link
 *     Experiment#streaming}); read it through {@link #events()}
 * @param connections every connection of every host, host by host, in order of creation
 */
public record RunResult(
    ExperimentConfig config,
    long end,
    String stopReason,
    RunIndex index,
    List<TraceEvent> events,
    List<ConnectionReport> connections,
    Map<String, TcpStack> stacks,
    Map<String, Link> links,
    List<AppRecord> apps,
    List<Experiment.ServerAppView> listeners,
    List<FaultChain> chains) {

  /**
   * Every event of the run, in order.
   *
   * @throws IllegalStateException if the run kept no list of its events ({@link
   *     Experiment#streaming}): its sinks saw them as they happened
   */
  @Override
  public List<TraceEvent> events() {
    if (events == null) {
      throw new IllegalStateException(
          "this run kept no list of its events (Experiment.streaming): its sinks saw them");
    }
    return events;
  }

  /** Whether the run kept a list of its events, so that {@link #events()} can be read. */
  public boolean keptEvents() {
    return events != null;
  }
}
