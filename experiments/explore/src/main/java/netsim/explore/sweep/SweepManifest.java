package netsim.explore.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep.json}: what a sweep directory holds, for resuming, merging and provenance: the
 * netsim version, the experiment, the config hash (the SHA-256 of {@code config.json}), the master
 * seed and how run seeds follow from it, the parameters with their values, the number of runs, the
 * metrics, and, for one share of a sweep, which share. Only texts and whole numbers, so it reads
 * back exactly.
 *
 * @param metrics what every run measured, in column order
 * @param shard the share of the runs this directory holds, or null for the whole sweep
 */
public record SweepManifest(
    String netsim,
    String experiment,
    String configSha256,
    long masterSeed,
    String seeds,
    int runsPerPoint,
    long points,
    long runs,
    List<Parameter> parameters,
    List<Metric> metrics,
    Shard shard) {
  /** The file name in a sweep directory. */
  public static final String FILE = "sweep.json";

  /** A varied config path and its values as results show them. */
  public record Parameter(String path, List<String> values) {
    public Parameter {
      values = List.copyOf(values);
    }
  }

  public SweepManifest {
    parameters = List.copyOf(parameters);
    metrics = List.copyOf(metrics);
  }

  /** The same sweep as a whole (as {@code netsim merge} writes it). */
  public SweepManifest whole() {
    return new SweepManifest(
        netsim,
        experiment,
        configSha256,
        masterSeed,
        seeds,
        runsPerPoint,
        points,
        runs,
        parameters,
        metrics,
        null);
  }

  /** The share these runs belong to: {@link Shard#ALL} for a whole sweep. */
  public Shard share() {
    return shard == null ? Shard.ALL : shard;
  }

  /** The value texts of point {@code point}, one per parameter: the last varies fastest. */
  public List<String> valuesAt(long point) {
    String[] values = new String[parameters.size()];
    long rest = point;
    for (int j = parameters.size() - 1; j >= 0; j--) {
      List<String> options = parameters.get(j).values();
      values[j] = options.get((int) (rest % options.size()));
      rest /= options.size();
    }
    return List.of(values);
  }

  /** The parameters' paths. */
  public List<String> paths() {
    return parameters.stream().map(Parameter::path).toList();
  }

  /** The JSON text, indented. */
  public String text() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("netsim", netsim);
    root.put("experiment", experiment);
    root.put("configSha256", configSha256);
    root.put("masterSeed", masterSeed);
    root.put("seeds", seeds);
    if (shard != null) {
      root.put("shard", shard.toString());
    }
    root.put("points", points);
    root.put("runsPerPoint", runsPerPoint);
    root.put("runs", runs);
    ObjectNode params = root.putObject("parameters");
    for (Parameter p : parameters) {
      ArrayNode values = params.putArray(p.path());
      p.values().forEach(values::add);
    }
    ArrayNode metrics = root.putArray("metrics");
    for (Metric m : this.metrics) {
      metrics.add(m.column());
    }
    return Json.pretty(root);
  }

  /**
   * Reads the text of a {@code sweep.json}.
   *
   * @throws IllegalArgumentException when it is not one, saying what is wrong
   */
  public static SweepManifest parse(String text) {
    JsonNode root = Json.parse(text);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not JSON");
    }
    List<Parameter> parameters = new ArrayList<>();
    JsonNode params = field(root, "parameters");
    params
        .properties()
        .forEach(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              parameters.add(new Parameter(e.getKey(), values));
            });
    List<Metric> metrics = new ArrayList<>();
    field(root, "metrics").forEach(m -> metrics.add(Metric.named(m.asText())));
    JsonNode shard = root.get("shard");
    return new SweepManifest(
        field(root, "netsim").asText(),
        field(root, "experiment").asText(),
        field(root, "configSha256").asText(),
        field(root, "masterSeed").asLong(),
        field(root, "seeds").asText(),
        field(root, "runsPerPoint").asInt(),
        field(root, "points").asLong(),
        field(root, "runs").asLong(),
        parameters,
        metrics,
        shard == null ? null : Shard.parse(shard.asText()));
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("no field '" + name + "'");
    }
    return value;
  }
}
