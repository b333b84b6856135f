package netsim.explore.hunt;

/**
 * Watches a run and says whether one edge case happened in it, and where: the question a hunt asks
 * of every seed. Its {@link Watch} sees the run's events as they happen, so no run keeps its trace
 * for it. Detectors are found by name in {@link Detectors}.
 */
public interface Detector {
  /** The name on the command line: "stale-syn". */
  String name();

  /** What the edge case is, in one line, for help texts and docs. */
  String meaning();

  /** A new watch for one run. */
  Watch watch();
}
