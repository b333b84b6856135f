package netsim.explore.hunt;

import java.util.List;

/**
 * Reads a run's trace and says whether one edge case happened in it, and where: the question a hunt
 * asks of every seed. Detectors are found by name in {@link Detectors}.
 */
public interface Detector {
  /** The name on the command line: "stale-syn". */
  String name();

  /** What the edge case is, in one line, for help texts and docs. */
  String meaning();

  /** Every occurrence, in trace order; empty when the edge case did not happen. */
  List<Detection> detect(RunTrace run);
}
