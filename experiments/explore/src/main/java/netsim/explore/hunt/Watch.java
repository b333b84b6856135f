package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import netsim.scenario.run.EventSink;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;

/**
 * One detector's eyes on one run: sees its events as they happen (a sink of a run in memory, or of
 * a trace read from a file), keeps only what its question needs, and collects what it found. A
 * watch is used for one run only; {@link Detector#watch()} makes a new one.
 */
public abstract class Watch implements EventSink {
  private final Set<EventKind> kinds;
  private final List<Detection> found = new ArrayList<>();
  private RunIndex index = new RunIndex();

  /**
   * @param kinds the kinds of event the watch needs to see: no other is built for it
   */
  protected Watch(Set<EventKind> kinds) {
    this.kinds = Set.copyOf(kinds);
  }

  @Override
  public final Set<EventKind> kinds() {
    return kinds;
  }

  @Override
  public final void start(RunIndex index) {
    this.index = index;
  }

  /**
   * The run's invariant violations, after its last event, for a watch that asks about them: a run
   * read from files tells them from its {@code summary.json}; in memory, such a watch finds them
   * itself at {@link #end} (no other watch pays for them).
   */
  public void violations(List<String> violations) {}

  /** Every occurrence found so far, in trace order; empty when the edge case did not happen. */
  public final List<Detection> detections() {
    return List.copyOf(found);
  }

  /** Whether the edge case has happened. */
  public final boolean fired() {
    return !found.isEmpty();
  }

  /** Notes one occurrence. */
  protected final void found(long t, String description) {
    found.add(new Detection(t, description));
  }

  /** The name of node {@code id}: "client". */
  protected final String node(int id) {
    return index.node(id);
  }
}
