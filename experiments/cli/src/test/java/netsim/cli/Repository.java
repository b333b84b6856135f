package netsim.cli;

import java.nio.file.Path;

/**
 * Files of the netsim repository that tests read (the examples, the sweeps, the docs, the
 * packetdrill suite), found from the repository's root: the system property {@code netsim.root},
 * which the root pom's Surefire configuration sets, whichever module the tests run in.
 */
final class Repository {
  private Repository() {}

  /** {@code relative} (such as {@code "experiments/examples"}) in the repository. */
  static Path path(String relative) {
    String root = System.getProperty("netsim.root");
    if (root == null) {
      throw new IllegalStateException(
          "the system property netsim.root (the repository's root)"
              + " is not set; the root pom's Surefire configuration sets it");
    }
    return Path.of(root).resolve(relative);
  }
}
