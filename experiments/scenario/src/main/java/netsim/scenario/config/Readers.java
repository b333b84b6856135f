package netsim.scenario.config;

import java.util.function.Function;

/**
 * The readers that many rows of the settings tables share, one function object each: every method
 * reference written in a table is an invokedynamic call site of its own, which the JVM links when
 * the table's class is initialized, on every start-up of a run (about 0.1 ms each: benchmarks/
 * RESULTS.md, "Session 13, CLI start-up"). A row that reads a flag, a duration, a probability or a
 * new name names the shared reader instead.
 */
final class Readers {
  /** {@link ConfigNode#bool}. */
  static final Function<ConfigNode, Boolean> FLAG = ConfigNode::bool;

  /** {@link ConfigNode#duration}. */
  static final Function<ConfigNode, Long> DURATION = ConfigNode::duration;

  /** {@link ConfigBinder#positiveDuration}. */
  static final Function<ConfigNode, Long> POSITIVE_DURATION = ConfigBinder::positiveDuration;

  /** {@link ConfigNode#probability}. */
  static final Function<ConfigNode, Double> PROBABILITY = ConfigNode::probability;

  /** {@link ConfigNode#newName}. */
  static final Function<ConfigNode, String> NEW_NAME = ConfigNode::newName;

  private Readers() {}
}
