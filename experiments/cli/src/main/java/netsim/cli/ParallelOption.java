package netsim.cli;

import picocli.CommandLine.Option;

/**
 * {@code --parallel N}: how many runs go at once. Results never depend on it; only the time they
 * take does.
 */
final class ParallelOption {
  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Runs at once (default: the number of processors).")
  Integer parallel;

  /** {@code --parallel}, or the number of processors; not checked here (see each command). */
  int workers() {
    return parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
  }
}
