package netsim.explore.sweep;

import static netsim.scenario.config.ConfigException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.InputLimits;
import netsim.scenario.config.YamlDocument;

/**
 * The {@code sweep:} section of an experiment file: the config paths to vary with their values
 * (lists, or ranges {@code {from, to, step}}), and the runs each combination of values (a
 * <em>point</em>) gets: {@code repetitions}, each with a seed derived from the master seed and the
 * run's index, or the same listed {@code seeds} at every point. Read once and checked; every
 * mistake is located in the file like any other config mistake.
 *
 * @param seeds the listed seeds, or null when seeds are derived
 */
public record SweepSpec(
    List<SweepParameter> parameters, int repetitions, List<Long> seeds, List<Metric> metrics) {
  /** The keys of {@code sweep:}. */
  private static final String[] KEYS = {"parameters", "repetitions", "seeds", "metrics"};

  /** The keys of a range. */
  private static final String[] RANGE = {"from", "to", "step"};

  /** The most values one parameter may take. */
  public static final int MAX_VALUES = 10_000;

  /** The most runs a sweep may have. */
  public static final long MAX_RUNS = 1_000_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern QUANTITY =
      Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z%]+)\\s*");

  public SweepSpec {
    parameters = List.copyOf(parameters);
    seeds = seeds == null ? null : List.copyOf(seeds);
    metrics = metrics == null ? null : List.copyOf(metrics);
  }

  /** The metrics every run measures: those the file chose, else {@link Metric#DEFAULTS}. */
  public List<Metric> measured() {
    return metrics != null ? metrics : Metric.DEFAULTS;
  }

  /** Whether every point runs with the listed seeds (else seeds are derived per run). */
  public boolean listedSeeds() {
    return seeds != null;
  }

  /** Runs per point: the repetitions, or the number of listed seeds. */
  public int runsPerPoint() {
    return seeds != null ? seeds.size() : repetitions;
  }

  /** Combinations of parameter values. */
  public long points() {
    long points = 1;
    for (SweepParameter p : parameters) {
      points *= p.values().size();
    }
    return points;
  }

  public long runs() {
    return points() * runsPerPoint();
  }

  /**
   * Reads the {@code sweep:} section of {@code document}.
   *
   * @throws ConfigException for a missing section or any mistake in it, located
   */
  public static SweepSpec read(YamlDocument document) {
    JsonNode sweep = document.root().get("sweep");
    if (sweep == null || sweep.isNull()) {
      throw document.error(
          "",
          "no sweep section: add one, e.g. 'sweep: {parameters:"
              + " {links[0].loss: [0, 0.01, 0.05]}, repetitions: 5}' (see docs/config.md)");
    }
    if (!sweep.isObject()) {
      throw document.error(
          "sweep", "expected a mapping of " + String.join(", ", KEYS) + "; got " + describe(sweep));
    }
    checkKeys(document, "sweep", sweep, KEYS);
    List<SweepParameter> parameters = parameters(document, sweep.get("parameters"));
    JsonNode reps = sweep.get("repetitions");
    JsonNode seedsNode = sweep.get("seeds");
    boolean hasReps = reps != null && !reps.isNull();
    boolean hasSeeds = seedsNode != null && !seedsNode.isNull();
    if (hasReps && hasSeeds) {
      throw document.error(
          "sweep.seeds",
          "give either repetitions (seeds derived from the master"
              + " seed) or seeds (the same seeds at every point), not both");
    }
    int repetitions = 1;
    if (hasReps) {
      repetitions = (int) integer(document, "sweep.repetitions", reps, 1, MAX_RUNS);
    }
    List<Long> seeds = hasSeeds ? seeds(document, seedsNode) : null;
    JsonNode metricsNode = sweep.get("metrics");
    List<Metric> metrics =
        metricsNode == null || metricsNode.isNull() ? null : metrics(document, metricsNode);
    SweepSpec spec = new SweepSpec(parameters, repetitions, seeds, metrics);
    double runs = (double) spec.runsPerPoint();
    for (SweepParameter p : parameters) {
      runs *= p.values().size();
    }
    if (runs > MAX_RUNS) {
      throw document.error(
          "sweep",
          String.format(
              java.util.Locale.ROOT,
              "%.0f runs; a sweep may" + " have at most %d (split it into several files)",
              runs,
              MAX_RUNS));
    }
    return spec;
  }

  /** The metrics a file chooses: a list of names, each once. */
  private static List<Metric> metrics(YamlDocument document, JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw document.error(
          "sweep.metrics",
          "expected a list of metric names, e.g. [flows.goodput.mean, fairness.jain]; got "
              + describe(node));
    }
    List<Metric> metrics = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "sweep.metrics[" + i + "]";
      JsonNode name = node.get(i);
      if (!name.isTextual()) {
        throw document.error(at, "expected a metric name; got " + describe(name));
      }
      Metric metric;
      try {
        metric = Metric.named(name.asText().trim());
      } catch (IllegalArgumentException e) {
        throw document.error(at, e.getMessage());
      }
      if (metrics.contains(metric)) {
        throw document.error(at, "the metric " + quote(metric.column()) + " is listed twice");
      }
      metrics.add(metric);
    }
    return metrics;
  }

  private static List<SweepParameter> parameters(YamlDocument document, JsonNode node) {
    String at = "sweep.parameters";
    if (node == null || node.isNull()) {
      throw document.error(
          "sweep",
          "missing key 'parameters': the config paths to vary, e.g."
              + " 'parameters: {links[0].loss: [0, 0.01, 0.05]}'");
    }
    if (!node.isObject() || node.isEmpty()) {
      throw document.error(
          at,
          "expected a mapping of config paths to their values, e.g."
              + " {links[0].loss: [0, 0.01, 0.05]}; got "
              + describe(node));
    }
    List<SweepParameter> parameters = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = field.getKey();
      String origin = at + "." + path;
      if (path.equals("seed")) {
        throw document.error(
            origin,
            "the seed is not a parameter: each run's seed comes from"
                + " sweep.repetitions (derived from the master seed) or sweep.seeds");
      }
      if (path.equals("sweep") || path.startsWith("sweep.") || path.startsWith("sweep[")) {
        throw document.error(origin, "a sweep cannot vary its own definition");
      }
      JsonNode values = field.getValue();
      List<SweepValue> list;
      if (values != null && values.isArray()) {
        list = list(document, origin, values);
      } else if (values != null && values.isObject()) {
        list = range(document, origin, values);
      } else {
        throw document.error(
            origin,
            "expected a list of values such as [0, 0.01, 0.05] or a"
                + " range such as {from: 0, to: 0.05, step: 0.01}; got "
                + describe(values));
      }
      parameters.add(new SweepParameter(path, list, origin));
    }
    return parameters;
  }

  private static List<SweepValue> list(YamlDocument document, String origin, JsonNode values) {
    if (values.isEmpty()) {
      throw document.error(origin, "an empty list: give at least one value");
    }
    if (values.size() > MAX_VALUES) {
      throw document.error(
          origin, values.size() + " values; a parameter may take at most " + MAX_VALUES);
    }
    List<SweepValue> list = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      JsonNode value = values.get(i);
      String where = origin + "[" + i + "]";
      if (value.isNull()) {
        throw document.error(where, "expected a value; got nothing");
      }
      SweepValue v = new SweepValue(value, text(value), where);
      if (!seen.add(v.text())) {
        throw document.error(where, "the value " + v.text() + " is listed twice");
      }
      list.add(v);
    }
    return list;
  }

  /** from, from+step, ... up to and including to: numbers, or numbers with one unit. */
  private static List<SweepValue> range(YamlDocument document, String origin, JsonNode range) {
    Iterator<String> names = range.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!Arrays.asList(RANGE).contains(name)) {
        throw document.error(
            origin + "." + name,
            "unknown key "
                + quote(name)
                + ": a range has the"
                + " keys from, to and step (to vary a mapping, list its values: [{...}, {...}])");
      }
    }
    Quantity from = quantity(document, origin, range, "from");
    Quantity to = quantity(document, origin, range, "to");
    Quantity step = quantity(document, origin, range, "step");
    for (Quantity q : List.of(to, step)) {
      if (!q.unit().equals(from.unit())) {
        throw document.error(
            origin + "." + q.key(),
            "from, to and step need the same unit; from"
                + " has "
                + unitName(from.unit())
                + ", "
                + q.key()
                + " has "
                + unitName(q.unit()));
      }
    }
    if (step.number().signum() <= 0) {
      throw document.error(origin + ".step", "the step must be above 0; got " + step.text());
    }
    if (to.number().compareTo(from.number()) < 0) {
      throw document.error(
          origin + ".to",
          "the range ends (" + to.text() + ") before it" + " starts (" + from.text() + ")");
    }
    BigInteger steps =
        to.number()
            .subtract(from.number())
            .divide(step.number(), 0, RoundingMode.FLOOR)
            .toBigIntegerExact();
    if (steps.compareTo(BigInteger.valueOf(MAX_VALUES - 1)) > 0) {
      throw document.error(
          origin, "the range has more than " + MAX_VALUES + " values; take a" + " larger step");
    }
    List<SweepValue> values = new ArrayList<>();
    for (int i = 0; i <= steps.intValue(); i++) {
      BigDecimal n = from.number().add(step.number().multiply(BigDecimal.valueOf(i)));
      String number = plain(n);
      JsonNode node;
      if (!from.unit().isEmpty()) {
        node = NODES.textNode(number + from.unit());
      } else if (n.stripTrailingZeros().scale() <= 0) {
        node = NODES.numberNode(n.toBigIntegerExact());
      } else {
        node = NODES.numberNode(n.stripTrailingZeros());
      }
      values.add(new SweepValue(node, text(node), origin));
    }
    return values;
  }

  private record Quantity(String key, BigDecimal number, String unit, String text) {}

  private static Quantity quantity(
      YamlDocument document, String origin, JsonNode range, String key) {
    JsonNode node = range.get(key);
    String where = origin + "." + key;
    if (node == null || node.isNull()) {
      throw document.error(
          origin,
          "missing key '"
              + key
              + "': a range needs from, to and step,"
              + " e.g. {from: 0, to: 0.05, step: 0.01} or {from: 10ms, to: 50ms, step: 20ms}");
    }
    if (node.isNumber()) {
      return new Quantity(key, node.decimalValue(), "", text(node));
    }
    if (node.isTextual()) {
      Matcher m = QUANTITY.matcher(node.textValue());
      if (m.matches()) {
        try {
          return new Quantity(key, InputLimits.decimal(m.group(1)), m.group(2), node.textValue());
        } catch (IllegalArgumentException e) {
          throw document.error(where, e.getMessage());
        }
      }
    }
    throw document.error(
        where,
        "expected a number, or a number with a unit such as \"10ms\";" + " got " + describe(node));
  }

  private static String unitName(String unit) {
    return unit.isEmpty() ? "no unit" : quote(unit);
  }

  private static List<Long> seeds(YamlDocument document, JsonNode node) {
    String at = "sweep.seeds";
    List<Long> seeds = new ArrayList<>();
    if (node.isArray()) {
      if (node.isEmpty()) {
        throw document.error(at, "an empty list: give at least one seed");
      }
      for (int i = 0; i < node.size(); i++) {
        long seed =
            integer(document, at + "[" + i + "]", node.get(i), Long.MIN_VALUE, Long.MAX_VALUE);
        if (seeds.contains(seed)) {
          throw document.error(at + "[" + i + "]", "the seed " + seed + " is listed twice");
        }
        seeds.add(seed);
      }
    } else if (node.isObject()) {
      checkKeys(document, at, node, "from", "to");
      if (!node.has("from") || !node.has("to")) {
        throw document.error(at, "a seed range needs from and to, e.g. {from: 1, to: 10}");
      }
      long from = integer(document, at + ".from", node.get("from"), Long.MIN_VALUE, Long.MAX_VALUE);
      long to = integer(document, at + ".to", node.get("to"), Long.MIN_VALUE, Long.MAX_VALUE);
      if (to < from) {
        throw document.error(
            at + ".to", "the range ends (" + to + ") before it starts (" + from + ")");
      }
      if (to - from >= MAX_RUNS || to - from < 0) {
        throw document.error(at, "more than " + MAX_RUNS + " seeds");
      }
      for (long s = from; s <= to; s++) {
        seeds.add(s);
      }
    } else {
      throw document.error(
          at,
          "expected a list of seeds such as [1, 2, 3] or a range such as"
              + " {from: 1, to: 10}; got "
              + describe(node));
    }
    return seeds;
  }

  private static long integer(YamlDocument document, String at, JsonNode node, long min, long max) {
    if (node == null || !node.isIntegralNumber()) {
      throw document.error(
          at, "expected a whole number between " + min + " and " + max + "; got " + describe(node));
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw document.error(
          at, "out of range: " + node.asText() + " (expected " + min + " to " + max + ")");
    }
    return node.longValue();
  }

  private static void checkKeys(YamlDocument document, String at, JsonNode node, String... known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!Arrays.asList(known).contains(name)) {
        throw document.error(
            at + "." + name,
            "unknown key " + quote(name) + " (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** How results show a value: numbers without trailing zeros, texts as written, else JSON. */
  static String text(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return plain(value.decimalValue());
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return Json.compact(value);
  }

  private static String plain(BigDecimal n) {
    return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isBoolean()) {
      return "the boolean " + value.asText();
    }
    if (value.isNumber()) {
      return "the number " + text(value);
    }
    return "the text " + quote(value.asText());
  }
}
