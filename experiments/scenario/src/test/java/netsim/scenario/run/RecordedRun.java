package netsim.scenario.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.trace.TraceEvent;

/**
 * A finished run together with every event it produced, in order: for tests that check what a run
 * made against the whole run. Main code keeps no such list (a run's sinks see its events as they
 * happen); this test helper keeps one with a sink of its own.
 *
 * @param result what the run produced
 * @param events every event of the run, in order
 */
public record RecordedRun(RunResult result, List<TraceEvent> events) {

  /** Runs {@code config} with {@code sinks} beside the one that keeps its events. */
  public static RecordedRun of(ExperimentConfig config, EventSink... sinks) {
    List<TraceEvent> events = new ArrayList<>();
    EventSink[] all = new EventSink[sinks.length + 1];
    all[0] = events::add;
    System.arraycopy(sinks, 0, all, 1, sinks.length);
    RunResult result = new Experiment(config, all).run();
    return new RecordedRun(result, Collections.unmodifiableList(events));
  }
}
