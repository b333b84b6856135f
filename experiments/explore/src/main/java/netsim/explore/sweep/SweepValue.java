package netsim.explore.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One value a swept parameter takes.
 *
 * @param value the value as the config reads it (a number, a text such as "10ms", a mapping)
 * @param text how results, tables, plots and kept-run directories show it: its label when it has
 *     one, else numbers without trailing zeros, texts as written, mappings and lists as compact
 *     JSON
 * @param origin the field path in the sweep file where the value was written (a list element, or
 *     the range that made it), so that a mistake can be located
 * @param label the name the file gave it ({@code {value: ..., label: red}}), or null
 */
public record SweepValue(JsonNode value, String text, String origin, String label) {
  /** A value without a label, shown as {@code text}. */
  public SweepValue(JsonNode value, String text, String origin) {
    this(value, text, origin, null);
  }

  /** The {@code PATH=VALUE} override that sets {@code path} to this value (JSON is YAML). */
  public String override(String path) {
    return path + "=" + Json.compact(value);
  }
}
