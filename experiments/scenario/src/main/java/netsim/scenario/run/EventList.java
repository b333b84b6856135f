package netsim.scenario.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import netsim.scenario.trace.TraceEvent;

/**
 * Keeps every event of a run in a list, for the consumers that still read a whole run after it
 * ended ({@link RunResult#events()}).
 */
public final class EventList implements EventSink {
  private final List<TraceEvent> events = new ArrayList<>();

  @Override
  public void accept(TraceEvent event) {
    events.add(event);
  }

  /** The events received so far, in order. */
  public List<TraceEvent> events() {
    return Collections.unmodifiableList(events);
  }
}
