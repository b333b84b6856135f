package netsim.explore.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one finished run of a sweep leaves behind ({@code runs/NNNNNN.json}): its index, point,
 * repetition and seed, the values of the parameters, every metric, the invariant violations, and
 * when and why it ended. Everything a table, a summary or a plot needs, so that those can be
 * rebuilt from the run files alone (after a resume or a merge).
 *
 * @param parameters value text by parameter path, in the sweep's order
 * @param metrics every metric of the sweep, in its order, null where there was nothing to measure
 * @param end the virtual time the run ended, in nanoseconds
 */
public record RunRecord(
    long run,
    long point,
    int repetition,
    long seed,
    Map<String, String> parameters,
    Map<Metric, BigDecimal> metrics,
    List<String> violations,
    long end,
    String stopReason) {
  public RunRecord {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    Map<Metric, BigDecimal> exact = new LinkedHashMap<>();
    for (Metric m : metrics.keySet()) {
      BigDecimal value = metrics.get(m);
      exact.put(m, value == null ? null : value.setScale(m.scale(), RoundingMode.HALF_EVEN));
    }
    metrics = Collections.unmodifiableMap(exact);
    violations = List.copyOf(violations);
  }

  /** The value of {@code metric}, or null. */
  public BigDecimal metric(Metric metric) {
    return metrics.get(metric);
  }

  /** One line of JSON with the provenance first: netsim version and config hash. */
  public String json(String netsim, String configSha256) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("netsim", netsim);
    root.put("configSha256", configSha256);
    root.put("run", run);
    root.put("point", point);
    root.put("repetition", repetition);
    root.put("seed", seed);
    ObjectNode params = root.putObject("parameters");
    parameters.forEach(params::put);
    ObjectNode values = root.putObject("metrics");
    for (Metric m : metrics.keySet()) {
      BigDecimal v = metrics.get(m);
      if (v == null) {
        values.putNull(m.column());
      } else {
        values.put(m.column(), v);
      }
    }
    ArrayNode list = root.putArray("violations");
    violations.forEach(list::add);
    root.put("end", end);
    root.put("stopReason", stopReason);
    return Json.compact(root) + "\n";
  }

  /** A parsed run file with its provenance. */
  public record Stored(String netsim, String configSha256, RunRecord record) {}

  /**
   * Reads the text of a run file.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static Stored parse(String text) {
    JsonNode root = Json.parse(text);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not JSON");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    field(root, "parameters")
        .properties()
        .forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
    Map<Metric, BigDecimal> metrics = new LinkedHashMap<>();
    field(root, "metrics")
        .properties()
        .forEach(
            e ->
                metrics.put(
                    Metric.named(e.getKey()),
                    e.getValue().isNull() ? null : new BigDecimal(e.getValue().asText())));
    List<String> violations = new ArrayList<>();
    field(root, "violations").forEach(v -> violations.add(v.asText()));
    RunRecord record =
        new RunRecord(
            field(root, "run").asLong(),
            field(root, "point").asLong(),
            field(root, "repetition").asInt(),
            field(root, "seed").asLong(),
            parameters,
            metrics,
            violations,
            field(root, "end").asLong(),
            field(root, "stopReason").asText());
    return new Stored(field(root, "netsim").asText(), field(root, "configSha256").asText(), record);
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null) {
      throw new IllegalArgumentException("no field '" + name + "'");
    }
    return value;
  }
}
