package netsim.scenario.config;

import java.util.List;

/**
 * A network partition: at {@code at} every link with its two ends on different sides goes down,
 * both ways; at {@code until} (or never, -1) it comes back up.
 */
public record PartitionSettings(long at, long until, List<List<String>> sides) {
  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of a {@code partitions} entry ({@code PartitionTable}). */
  static final class Builder {
    private long at;
    private long until = -1;
    private List<List<String>> sides = List.of();

    Builder at(long value) {
      at = value;
      return this;
    }

    Builder until(long value) {
      until = value;
      return this;
    }

    Builder sides(List<List<String>> value) {
      sides = value;
      return this;
    }

    PartitionSettings build() {
      return new PartitionSettings(at, until, sides);
    }
  }
}
