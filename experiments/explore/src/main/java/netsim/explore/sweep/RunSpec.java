package netsim.explore.sweep;

import java.util.List;

/**
 * One run of a sweep: its index (the order of results), its point (the combination of values), its
 * repetition at that point, its seed and the values of the parameters.
 */
public record RunSpec(long index, long point, int repetition, long seed, List<SweepValue> values) {
  public RunSpec {
    values = List.copyOf(values);
  }
}
