package netsim.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --seed N}: the master seed, which replaces the experiment file's own when given. */
final class MasterSeedOption {
  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The master seed (overrides the file's seed).")
  Long seed;

  /** {@code overrides}, then {@code seed=N} when {@code --seed} was given. */
  List<String> after(List<String> overrides) {
    return seed == null ? new ArrayList<>(overrides) : withSeed(overrides, seed);
  }

  /**
   * {@code overrides}, then {@code seed=S}: the overrides that run the experiment under {@code
   * seed}.
   */
  static List<String> withSeed(List<String> overrides, long seed) {
    List<String> all = new ArrayList<>(overrides);
    all.add("seed=" + seed);
    return all;
  }
}
