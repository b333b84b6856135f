package netsim.explore.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How plots name the values of one parameter: numbers and texts as written; a mapping by the keys
 * in which the values differ ({@code kind=red, max=15}, or {@code without max} for one that has
 * none of them), the keys they all share being said once ({@link #shared()}: {@code packets=50}); a
 * list as {@code [a, b]}. Tables and run files keep the exact JSON text; these names are only for
 * reading. Distinct values keep distinct names.
 */
final class ValueLabels {
  private final List<String> labels;
  private final String shared;

  private ValueLabels(List<String> labels, String shared) {
    this.labels = List.copyOf(labels);
    this.shared = shared;
  }

  /** The names of {@code values}, the value texts of a parameter (distinct, as sweeps are). */
  static ValueLabels of(List<String> values) {
    List<JsonNode> mappings = new ArrayList<>();
    for (String value : values) {
      JsonNode node = value.startsWith("{") ? Json.parse(value) : null;
      if (node == null || !node.isObject()) {
        break;
      }
      mappings.add(node);
    }
    if (mappings.size() == values.size() && values.size() > 1) {
      List<String> common = new ArrayList<>();
      mappings
          .get(0)
          .properties()
          .forEach(
              field -> {
                if (mappings.stream()
                    .allMatch(m -> field.getValue().equals(m.get(field.getKey())))) {
                  common.add(field.getKey());
                }
              });
      Set<String> keys = new LinkedHashSet<>();
      mappings.forEach(m -> m.fieldNames().forEachRemaining(keys::add));
      keys.removeAll(common);
      List<String> differing = new ArrayList<>();
      List<String> whole = new ArrayList<>();
      for (JsonNode mapping : mappings) {
        String label = fields(mapping, key -> !common.contains(key));
        differing.add(label.isEmpty() ? "without " + String.join(", ", keys) : label);
        whole.add(fields(mapping, key -> true));
      }
      if (distinct(differing)) {
        return new ValueLabels(differing, fields(mappings.get(0), common::contains));
      }
      if (distinct(whole)) {
        return new ValueLabels(whole, "");
      }
      return new ValueLabels(values, "");
    }
    List<String> labels = new ArrayList<>();
    for (String value : values) {
      JsonNode node = value.startsWith("{") || value.startsWith("[") ? Json.parse(value) : null;
      labels.add(node == null ? value : flat(node));
    }
    return new ValueLabels(distinct(labels) ? labels : values, "");
  }

  /** "kind=red, max=15": the fields of {@code mapping} whose key passes {@code keep}. */
  private static String fields(JsonNode mapping, Predicate<String> keep) {
    List<String> parts = new ArrayList<>();
    mapping
        .properties()
        .forEach(
            field -> {
              if (keep.test(field.getKey())) {
                parts.add(field.getKey() + "=" + flat(field.getValue()));
              }
            });
    return String.join(", ", parts);
  }

  /** Whether every label is a name (not empty) and no two are alike. */
  private static boolean distinct(List<String> labels) {
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (label.isEmpty() || !seen.add(label)) {
        return false;
      }
    }
    return true;
  }

  /** A JSON value as YAML's flow style writes it, without quotes: {@code {p: 0.01}}. */
  private static String flat(JsonNode node) {
    if (node.isObject()) {
      List<String> parts = new ArrayList<>();
      node.properties().forEach(f -> parts.add(f.getKey() + ": " + flat(f.getValue())));
      return "{" + String.join(", ", parts) + "}";
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(v -> parts.add(flat(v)));
      return "[" + String.join(", ", parts) + "]";
    }
    return node.asText();
  }

  /** The name of value {@code index}. */
  String get(int index) {
    return labels.get(index);
  }

  /** Every name, in value order. */
  List<String> all() {
    return labels;
  }

  /** What every value has in common, "packets=50", or empty. */
  String shared() {
    return shared;
  }
}
