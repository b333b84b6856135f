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
 * @param combinations every point, as the index of each parameter's value; null when the points are
 *     every combination, the last parameter varying fastest
 * @param zip the groups of parameter paths that vary together
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
    Shard shard,
    List<int[]> combinations,
    List<List<String>> zip) {
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
    combinations = combinations == null ? null : List.copyOf(combinations);
    zip = zip.stream().map(List::copyOf).toList();
  }

  /** A manifest of a sweep over every combination of its parameters' values, without zip. */
  public SweepManifest(
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
    this(
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
        shard,
        null,
        List.of());
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
        null,
        combinations,
        zip);
  }

  /** The share these runs belong to: {@link Shard#ALL} for a whole sweep. */
  public Shard share() {
    return shard == null ? Shard.ALL : shard;
  }

  /** The value texts of point {@code point}, one per parameter. */
  public List<String> valuesAt(long point) {
    int[] at = indexesAt(point);
    String[] values = new String[parameters.size()];
    for (int j = 0; j < values.length; j++) {
      values[j] = parameters.get(j).values().get(at[j]);
    }
    return List.of(values);
  }

  /** The index of each parameter's value at point {@code point}. */
  public int[] indexesAt(long point) {
    if (combinations != null) {
      return combinations.get((int) point).clone();
    }
    int[] at = new int[parameters.size()];
    long rest = point;
    for (int j = at.length - 1; j >= 0; j--) {
      int size = parameters.get(j).values().size();
      at[j] = (int) (rest % size);
      rest /= size;
    }
    return at;
  }

  /** The paths zipped with parameter {@code j}, itself included; just its own when none. */
  public List<String> zippedWith(int j) {
    String path = parameters.get(j).path();
    return zip.stream().filter(g -> g.contains(path)).findFirst().orElse(List.of(path));
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
    if (!zip.isEmpty()) {
      ArrayNode groups = root.putArray("zip");
      for (List<String> group : zip) {
        ArrayNode paths = groups.addArray();
        group.forEach(paths::add);
      }
    }
    if (combinations != null) {
      ArrayNode points = root.putArray("combinations");
      for (int[] at : combinations) {
        ArrayNode indexes = points.addArray();
        for (int i : at) {
          indexes.add(i);
        }
      }
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
    List<List<String>> zip = new ArrayList<>();
    JsonNode groups = root.get("zip");
    if (groups != null) {
      for (JsonNode g : groups) {
        List<String> paths = new ArrayList<>();
        g.forEach(p -> paths.add(p.asText()));
        zip.add(paths);
      }
    }
    List<int[]> combinations = null;
    JsonNode points = root.get("combinations");
    if (points != null) {
      combinations = new ArrayList<>();
      for (JsonNode point : points) {
        int[] at = new int[point.size()];
        for (int j = 0; j < at.length; j++) {
          at[j] = point.get(j).asInt();
        }
        combinations.add(at);
      }
    }
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
        shard == null ? null : Shard.parse(shard.asText()),
        combinations,
        zip);
  }

  private static JsonNode field(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("no field '" + name + "'");
    }
    return value;
  }
}
