package netsim.bench;

import netsim.core.EventQueue;
import netsim.core.LadderEventQueue;
import netsim.core.QuaternaryHeapEventQueue;

/** The event sets benchmarks choose from by name, the value of their {@code queue} parameter. */
final class EventSets {
  static final String BASELINE = "pq-baseline";

  private EventSets() {}

  /** A fresh event set; {@code cancellable} matters only to the baseline. */
  static EventQueue create(String name, boolean cancellable) {
    return switch (name) {
      case BASELINE -> new PriorityQueueBaseline(cancellable);
      case "heap4" -> new QuaternaryHeapEventQueue();
      case "ladder" -> new LadderEventQueue();
      default ->
          throw new IllegalArgumentException(
              "unknown event set '" + name + "' (expected pq-baseline, heap4, ladder)");
    };
  }
}
