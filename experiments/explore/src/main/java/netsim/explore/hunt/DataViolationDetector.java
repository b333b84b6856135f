package netsim.explore.hunt;

import java.util.EnumSet;
import java.util.List;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;

/**
 * {@code data-violation}: the run broke one of the invariants every run checks: data delivered
 * intact and in order, no embryonic connection leaked, no connection left open unless its peer gave
 * up. Expected outcomes (resets, timeouts, a peer that gave up, ...) never fire it; see {@link
 * netsim.scenario.run.Invariants}.
 */
final class DataViolationDetector implements Detector {
  @Override
  public String name() {
    return "data-violation";
  }

  @Override
  public String meaning() {
    return "an invariant broke: data changed, lost or duplicated, an embryonic connection, or a"
        + " connection left open although its peer did not give up";
  }

  @Override
  public Watch watch() {
    return new Watch(EnumSet.noneOf(EventKind.class)) {
      @Override
      public void accept(TraceEvent event) {}

      @Override
      public void end(RunResult result) {
        violations(Invariants.check(result, result.connections()));
      }

      @Override
      public void violations(List<String> violations) {
        for (String violation : violations) {
          found(-1, "invariant violated: " + violation);
        }
      }
    };
  }
}
