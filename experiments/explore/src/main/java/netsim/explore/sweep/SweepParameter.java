package netsim.explore.sweep;

import java.util.List;

/**
 * A config path that a sweep varies ({@code links[0].loss}) with the values it takes, in order.
 *
 * @param origin the field path of its key in the sweep file
 */
public record SweepParameter(String path, List<SweepValue> values, String origin) {
  public SweepParameter {
    values = List.copyOf(values);
  }

  /** The values as results show them. */
  public List<String> texts() {
    return values.stream().map(SweepValue::text).toList();
  }
}
