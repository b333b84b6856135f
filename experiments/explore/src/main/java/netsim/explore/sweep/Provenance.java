package netsim.explore.sweep;

/**
 * The line that says where a sweep output comes from: netsim's version, the experiment, the number
 * of runs, the config hash, the master seed and how run seeds follow from it. The first line of
 * results.csv and summary.csv (as a {@code #} comment) and a comment in every plot.
 */
final class Provenance {
  private Provenance() {}

  static String of(SweepManifest m) {
    return "netsim "
        + m.netsim()
        + "; sweep '"
        + m.experiment()
        + "'; "
        + m.runs()
        + " runs = "
        + m.points()
        + " points x "
        + m.runsPerPoint()
        + "; config sha256 "
        + m.configSha256()
        + "; master seed "
        + m.masterSeed()
        + "; run seeds: "
        + m.seeds();
  }
}
