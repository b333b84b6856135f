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
import netsim.scenario.config.ConfigNode;
import netsim.scenario.config.InputLimits;
import netsim.scenario.config.YamlDocument;

/**
 * The {@code sweep:} section of an experiment file: the config paths to vary with their values
 * (lists, each value possibly with a {@code label}, or ranges {@code {from, to, step}}), the
 * parameters that vary together ({@code zip}), the combinations to skip ({@code constraint}), and
 * the runs each combination of values (a <em>point</em>) gets: {@code repetitions}, each with a
 * seed derived from the master seed and the run's index, or the same listed {@code seeds} at every
 * point; and the {@code warmup} before which the chosen metrics count no delivery. Read once and
 * checked; every mistake is located in the file like any other config mistake.
 *
 * @param seeds the listed seeds, or null when seeds are derived
 * @param zip the groups of parameters that vary together, as indexes into {@code parameters}
 * @param constraint the constraint points satisfy, or null
 * @param combinations every point, in run order: the index of each parameter's value
 * @param warmup nanoseconds of virtual time before which the metrics that count deliveries
 *     (goodput, bytes, Jain's index, link utilization) count nothing; 0 to measure the whole run
 */
public record SweepSpec(
    List<SweepParameter> parameters,
    int repetitions,
    List<Long> seeds,
    List<Metric> metrics,
    List<List<Integer>> zip,
    Constraint constraint,
    List<int[]> combinations,
    long warmup) {
  /** The keys of {@code sweep:}. */
  private static final String[] KEYS = {
    "parameters", "repetitions", "seeds", "metrics", "zip", "constraint", "warmup"
  };

  /** The keys of a range. */
  private static final String[] RANGE = {"from", "to", "step"};

  /** The keys of a labelled value. */
  private static final String[] LABELLED = {"value", "label"};

  /** The most values one parameter may take. */
  public static final int MAX_VALUES = 10_000;

  /** The most runs a sweep may have. */
  public static final long MAX_RUNS = 1_000_000;

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern QUANTITY =
      Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z%]+)\\s*");

  public SweepSpec {
    parameters = List.copyOf(parameters);
    seeds = seeds == null ? null : List.copyOf(seeds);
    metrics = metrics == null ? null : List.copyOf(metrics);
    zip = zip.stream().map(List::copyOf).toList();
    combinations = List.copyOf(combinations);
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

  /** The points: combinations of parameter values that satisfy the constraint. */
  public long points() {
    return combinations.size();
  }

  /**
   * Whether the points are every combination of the values, in the order where the last parameter
   * varies fastest (no zip, no constraint).
   */
  public boolean everyCombination() {
    return zip.isEmpty() && constraint == null;
  }

  /** The values of point {@code point}, one per parameter. */
  public List<SweepValue> valuesAt(long point) {
    int[] at = combinations.get((int) point);
    List<SweepValue> values = new ArrayList<>();
    for (int j = 0; j < parameters.size(); j++) {
      values.add(parameters.get(j).values().get(at[j]));
    }
    return values;
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
    List<List<Integer>> zip = zip(document, sweep.get("zip"), parameters);
    List<List<Integer>> axes = axes(parameters.size(), zip);
    double runs = hasSeeds ? seeds.size() : repetitions;
    for (List<Integer> axis : axes) {
      runs *= parameters.get(axis.get(0)).values().size();
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
    Constraint constraint = constraint(document, sweep.get("constraint"), parameters);
    List<int[]> combinations = combinations(document, parameters, axes, constraint);
    long warmup = warmup(document);
    if (warmup > 0) {
      checkMeasuredFromWarmup(document, metrics);
    }
    return new SweepSpec(
        parameters, repetitions, seeds, metrics, zip, constraint, combinations, warmup);
  }

  /** {@code warmup:}, a duration; 0 when absent. */
  private static long warmup(YamlDocument document) {
    List<String> keys = new ArrayList<>();
    document.root().fieldNames().forEachRemaining(keys::add);
    ConfigNode warmup =
        ConfigNode.root(document)
            .fields(keys.toArray(String[]::new))
            .get("sweep")
            .fields(KEYS)
            .get("warmup");
    return warmup.isMissing() ? 0 : warmup.duration();
  }

  /** With a warm-up, every metric must be one that counts deliveries from it. */
  private static void checkMeasuredFromWarmup(YamlDocument document, List<Metric> metrics) {
    if (metrics == null) {
      throw document.error(
          "sweep.warmup",
          "a warm-up applies to chosen metrics that count deliveries ("
              + StudyMetric.FROM_WARMUP
              + "); the default metrics are measured over the whole run: choose them in"
              + " sweep.metrics");
    }
    for (int i = 0; i < metrics.size(); i++) {
      Metric m = metrics.get(i);
      if (m.isDefault() || !StudyMetric.parse(m.column()).countsFromWarmup()) {
        throw document.error(
            "sweep.metrics[" + i + "]",
            quote(m.column())
                + " is measured over the whole run, not from sweep.warmup: with a warm-up, choose"
                + " among "
                + StudyMetric.FROM_WARMUP);
      }
    }
  }

  /**
   * The groups of parameters that vary together: {@code zip: [[a, b], [c, d]]}, or one group {@code
   * zip: [a, b]}; each parameter in one group at most, the parameters of a group with as many
   * values each.
   */
  private static List<List<Integer>> zip(
      YamlDocument document, JsonNode node, List<SweepParameter> parameters) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    String example = "e.g. [[links[0].delay, links[1].delay]]";
    if (!node.isArray() || node.isEmpty()) {
      throw document.error(
          "sweep.zip",
          "expected a list of groups of parameters that vary together, "
              + example
              + "; got "
              + describe(node));
    }
    boolean oneGroup = node.get(0).isTextual();
    List<String> paths = parameters.stream().map(SweepParameter::path).toList();
    List<List<Integer>> groups = new ArrayList<>();
    Map<Integer, String> zipped = new java.util.TreeMap<>();
    for (int g = 0; g < (oneGroup ? 1 : node.size()); g++) {
      JsonNode group = oneGroup ? node : node.get(g);
      String at = oneGroup ? "sweep.zip" : "sweep.zip[" + g + "]";
      if (!group.isArray() || group.size() < 2) {
        throw document.error(
            at,
            "expected a list of two or more parameters, " + example + "; got " + describe(group));
      }
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < group.size(); i++) {
        String where = at + "[" + i + "]";
        JsonNode name = group.get(i);
        int index = name.isTextual() ? paths.indexOf(name.textValue()) : -1;
        if (index < 0) {
          throw document.error(
              where,
              (name.isTextual()
                      ? "no parameter named " + quote(name.textValue())
                      : "expected a parameter's path; got " + describe(name))
                  + " (parameters: "
                  + String.join(", ", paths)
                  + ")");
        }
        String before = zipped.putIfAbsent(index, where);
        if (before != null) {
          throw document.error(
              where,
              "the parameter "
                  + quote(paths.get(index))
                  + " is zipped twice (first at "
                  + before
                  + ")");
        }
        int first = parameters.get(members.isEmpty() ? index : members.get(0)).values().size();
        int size = parameters.get(index).values().size();
        if (size != first) {
          throw document.error(
              where,
              "the parameters of a zip vary together, so they need as many values each: "
                  + paths.get(members.get(0))
                  + " has "
                  + first
                  + ", "
                  + paths.get(index)
                  + " has "
                  + size);
        }
        members.add(index);
      }
      groups.add(members);
    }
    return groups;
  }

  /**
   * The axes of the sweep, in the order of their first parameter: a zip group, or a parameter of
   * its own.
   */
  private static List<List<Integer>> axes(int parameters, List<List<Integer>> zip) {
    List<List<Integer>> axes = new ArrayList<>();
    for (int j = 0; j < parameters; j++) {
      int parameter = j;
      if (axes.stream().noneMatch(axis -> axis.contains(parameter))) {
        axes.add(
            zip.stream().filter(g -> g.contains(parameter)).findFirst().orElse(List.of(parameter)));
      }
    }
    return axes;
  }

  /** {@code constraint:}: an expression, or a list of them that must all hold. */
  private static Constraint constraint(
      YamlDocument document, JsonNode node, List<SweepParameter> parameters) {
    if (node == null || node.isNull()) {
      return null;
    }
    String at = "sweep.constraint";
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw document.error(
          at,
          "expected an expression such as \"links[0].delay < 50ms and tcp.congestionControl !="
              + " reno\"; got "
              + describe(node));
    }
    try {
      return Constraint.parse(
          node.textValue(), parameters.stream().map(SweepParameter::path).toList());
    } catch (Constraint.Problem e) {
      throw inExpression(document, at, node.textValue(), e);
    }
  }

  /** An error in the constraint, located at the character it is about where the text allows. */
  private static ConfigException inExpression(
      YamlDocument document, String at, String text, Constraint.Problem problem) {
    ConfigException e = document.error(at, problem.getMessage());
    int[] value = document.valueLocation(at);
    if (value == null || text.indexOf('\n') >= 0 || e.line() == 0) {
      return e;
    }
    int column =
        value[1] + value[2] + text.codePointCount(0, Math.min(problem.offset, text.length()));
    return e.relocated(e.file(), value[0], column, at, problem.getMessage());
  }

  /** The points: the product of the axes' values, the last fastest, that satisfy the constraint. */
  private static List<int[]> combinations(
      YamlDocument document,
      List<SweepParameter> parameters,
      List<List<Integer>> axes,
      Constraint constraint) {
    List<int[]> combinations = new ArrayList<>();
    int[] sizes = new int[axes.size()];
    long total = 1;
    for (int a = 0; a < axes.size(); a++) {
      sizes[a] = parameters.get(axes.get(a).get(0)).values().size();
      total *= sizes[a];
    }
    for (long point = 0; point < total; point++) {
      int[] at = new int[parameters.size()];
      long rest = point;
      for (int a = axes.size() - 1; a >= 0; a--) {
        int index = (int) (rest % sizes[a]);
        rest /= sizes[a];
        for (int j : axes.get(a)) {
          at[j] = index;
        }
      }
      if (constraint != null) {
        List<SweepValue> values = new ArrayList<>();
        for (int j = 0; j < at.length; j++) {
          values.add(parameters.get(j).values().get(at[j]));
        }
        try {
          if (!constraint.test(values)) {
            continue;
          }
        } catch (Constraint.Problem e) {
          throw inExpression(document, "sweep.constraint", constraint.text(), e);
        }
      }
      combinations.add(at);
    }
    if (combinations.isEmpty()) {
      throw document.error(
          "sweep.constraint",
          "no combination of the parameters' values satisfies the constraint: nothing to run");
    }
    return combinations;
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
      SweepValue v = labelled(document, where, value);
      if (!seen.add(text(v.value()))) {
        throw document.error(where, "the value " + text(v.value()) + " is listed twice");
      }
      list.add(v);
    }
    Set<String> shown = new LinkedHashSet<>();
    for (SweepValue v : list) {
      if (!shown.add(v.text())) {
        throw document.error(
            v.origin() + (v.label() == null ? "" : ".label"),
            "two values are shown as " + quote(v.text()) + ": give each value its own label");
      }
    }
    return list;
  }

  /** A list element: a value, or {@code {value: V, label: NAME}}. */
  private static SweepValue labelled(YamlDocument document, String where, JsonNode element) {
    if (!element.isObject()
        || element.size() != 2
        || !element.has(LABELLED[0])
        || !element.has(LABELLED[1])) {
      return new SweepValue(element, text(element), where);
    }
    JsonNode value = element.get("value");
    JsonNode label = element.get("label");
    if (value.isNull()) {
      throw document.error(where + ".value", "expected a value; got nothing");
    }
    if (!label.isValueNode() || label.isNull() || label.asText().isBlank()) {
      throw document.error(
          where + ".label",
          "expected a short name for the value, such as red-50; got " + describe(label));
    }
    String name = label.asText().trim();
    return new SweepValue(value, name, where, name);
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
