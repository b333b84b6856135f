package netsim.core;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a simulation twice and compares the streams of executed events; on a mismatch, names the
 * first event where the two runs diverge. Usable from any test:
 *
 * <pre>{@code
 * DeterminismCheck.assertDeterministic(sim -> { buildScenario(sim, seed); sim.run(); });
 * }</pre>
 */
public final class DeterminismCheck {
  private DeterminismCheck() {}

  /** The outcome of two runs. */
  public record Outcome(List<EventLog.Entry> first, List<EventLog.Entry> second) {
    public boolean identical() {
      return EventLog.firstDifference(first, second) < 0;
    }

    /** A description of the first divergence, or "identical". */
    public String describe() {
      int i = EventLog.firstDifference(first, second);
      if (i < 0) {
        return "identical (" + first.size() + " events)";
      }
      return "runs diverge at event #" + i + ": run 1 " + at(first, i) + ", run 2 " + at(second, i);
    }

    private static String at(List<EventLog.Entry> log, int i) {
      return i < log.size() ? log.get(i).toString() : "<ended after " + log.size() + " events>";
    }
  }

  /** Runs {@code scenario} twice, each on a fresh simulator from {@code simulators}. */
  public static Outcome compare(Supplier<Simulator> simulators, Consumer<Simulator> scenario) {
    return new Outcome(record(simulators, scenario), record(simulators, scenario));
  }

  /** Runs {@code scenario} twice on default simulators and compares. */
  public static Outcome compare(Consumer<Simulator> scenario) {
    return compare(Simulator::new, scenario);
  }

  /**
   * Runs {@code scenario} twice on default simulators.
   *
   * @throws AssertionError naming the first diverging event
   */
  public static void assertDeterministic(Consumer<Simulator> scenario) {
    Outcome outcome = compare(scenario);
    if (!outcome.identical()) {
      throw new AssertionError(outcome.describe());
    }
  }

  private static List<EventLog.Entry> record(
      Supplier<Simulator> simulators, Consumer<Simulator> scenario) {
    Simulator simulator = simulators.get();
    EventLog log = new EventLog();
    simulator.addListener(log);
    scenario.accept(simulator);
    return log.entries();
  }
}
