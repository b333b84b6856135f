package netsim.experiments.hunt;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code data-violation}: the run broke one of the invariants every run checks (data delivered
 * intact and in order, every connection closed, no embryonic connection leaked).
 */
final class DataViolationDetector implements Detector {
  @Override
  public String name() {
    return "data-violation";
  }

  @Override
  public String meaning() {
    return "an invariant broke: data not delivered intact, a connection left open or embryonic";
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
