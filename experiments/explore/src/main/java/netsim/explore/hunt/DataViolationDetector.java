package netsim.explore.hunt;

import java.util.ArrayList;
import java.util.List;

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
  public List<Detection> detect(RunTrace run) {
    List<Detection> found = new ArrayList<>();
    for (String violation : run.violations()) {
      found.add(new Detection(-1, "invariant violated: " + violation));
    }
    return found;
  }
}
