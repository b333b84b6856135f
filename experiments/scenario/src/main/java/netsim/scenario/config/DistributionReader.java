package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import netsim.core.Registry;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.traffic.Distribution;

/**
 * Reads a {@link Distribution} of sizes or durations: a plain value is fixed ({@code 100KB}, {@code
 * 500ms}); a mapping names one, {@code {distribution: exponential, mean: 100KB}}, {@code
 * {distribution: pareto, mean: 100KB, shape: 1.2}}, {@code {distribution: fixed, value: 1MB}}, or
 * for sizes an empirical CDF, {@code {distribution: empirical, file: web.cdf}} or {@code points:
 * [[SIZE, P], ...]} (docs/config.md, "Distributions"). Unknown names fail with the known ones.
 */
final class DistributionReader {
  /** The keys of a distribution's mapping. */
  static final String[] KEYS = {"distribution", "value", "mean", "shape", "file", "points"};

  /** The largest size a flow may have, as {@code send} allows: 1 TiB. */
  static final long MAX_SIZE = 1L << 40;

  /** The most points an empirical CDF may have. */
  static final int MAX_POINTS = 10_000;

  /** What the values measure: bytes or nanoseconds. */
  enum Quantity {
    SIZE,
    DURATION
  }

  /** The distributions by name, each read from its mapping. */
  private static final Registry<BiFunction<Fields, Quantity, Distribution>> READERS =
      Registry.<BiFunction<Fields, Quantity, Distribution>>builder("distribution")
          .register("fixed", (f, q) -> new Distribution.Fixed(value(f.require("value"), q)))
          .register(
              "exponential", (f, q) -> new Distribution.Exponential(value(f.require("mean"), q)))
          .register("pareto", DistributionReader::pareto)
          .register("empirical", DistributionReader::empirical)
          .build();

  private DistributionReader() {}

  /** The distribution at {@code node}, of sizes or durations. */
  static Distribution read(ConfigNode node, Quantity quantity) {
    if (!node.isMapping()) {
      return new Distribution.Fixed(value(node, quantity));
    }
    Fields f = node.fields(KEYS);
    String name = ConfigBinder.known(f.require("distribution"), READERS);
    for (String key : KEYS) {
      boolean takes =
          switch (key) {
            case "distribution" -> true;
            case "value" -> name.equals("fixed");
            case "mean" -> name.equals("exponential") || name.equals("pareto");
            case "shape" -> name.equals("pareto");
            default -> name.equals("empirical");
          };
      if (f.has(key) && !takes) {
        throw f.get(key).error("the " + name + " distribution takes no " + key);
      }
    }
    return READERS.get(name).apply(f, quantity);
  }

  private static long value(ConfigNode node, Quantity quantity) {
    if (quantity == Quantity.SIZE) {
      return node.size(1, MAX_SIZE);
    }
    long d = node.duration();
    if (d <= 0) {
      throw node.error("must be positive");
    }
    return d;
  }

  private static Distribution pareto(Fields f, Quantity quantity) {
    long mean = value(f.require("mean"), quantity);
    ConfigNode shapeNode = f.require("shape");
    BigDecimal shape = shapeNode.decimal();
    if (shape.compareTo(BigDecimal.ONE) <= 0 || shape.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw shapeNode.error(
          "out of range: "
              + shape.toPlainString()
              + " (expected a shape above 1 and at most 100: at or below 1 a Pareto's mean is"
              + " infinite)");
    }
    return new Distribution.Pareto(mean, shape.doubleValue());
  }

  private static Distribution empirical(Fields f, Quantity quantity) {
    if (quantity != Quantity.SIZE) {
      throw f.node().error("an empirical distribution is for sizes only");
    }
    if (f.has("file") == f.has("points")) {
      throw f.node().error("an empirical distribution needs exactly one of file and points");
    }
    List<long[]> values = new ArrayList<>();
    List<BigDecimal> cdf = new ArrayList<>();
    String source;
    if (f.has("points")) {
      source = "inline";
      List<ConfigNode> points = f.get("points").elements();
      if (points.size() > MAX_POINTS) {
        throw f.get("points").error("more than " + MAX_POINTS + " points");
      }
      for (ConfigNode point : points) {
        List<ConfigNode> pair = point.elements();
        if (pair.size() != 2) {
          throw point.error("expected a point [SIZE, P] such as [1500, 0.5]");
        }
        values.add(new long[] {pair.get(0).size(1, MAX_SIZE)});
        cdf.add(pair.get(1).decimal());
        String problem = checkPoint(values, cdf);
        if (problem != null) {
          throw point.error(problem);
        }
      }
    } else {
      ConfigNode fileNode = f.get("file");
      String name = fileNode.text();
      Path file;
      try {
        file = fileNode.resolve(name);
      } catch (InvalidPathException e) {
        throw fileNode.error("not a file name: " + quote(name));
      }
      source = name;
      List<String> lines;
      try {
        if (!Files.isRegularFile(file) && Files.exists(file)) {
          throw fileNode.error(file + " is not a regular file");
        }
        if (Files.size(file) > InputLimits.MAX_DOCUMENT_BYTES) {
          throw fileNode.error(file + " is longer than 1 MiB, the most a CDF file may hold");
        }
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw fileNode.error("no such CDF file: " + file);
      } catch (IOException e) {
        throw fileNode.error("cannot read the CDF file " + file + ": " + e.getMessage());
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String at = name + ":" + (i + 1) + ": ";
        String[] columns = line.split("\\s+");
        if (columns.length != 2) {
          throw fileNode.error(
              at + "expected two columns, a size in bytes and a cumulative probability");
        }
        try {
          long size = Long.parseLong(columns[0]);
          if (size < 1 || size > MAX_SIZE) {
            throw fileNode.error(at + "size out of range: " + size + " (expected 1 to 2^40)");
          }
          values.add(new long[] {size});
          cdf.add(InputLimits.decimal(columns[1]));
        } catch (IllegalArgumentException e) {
          throw fileNode.error(at + "not a number: " + quote(line));
        }
        if (values.size() > MAX_POINTS) {
          throw fileNode.error(at + "more than " + MAX_POINTS + " points");
        }
        String problem = checkPoint(values, cdf);
        if (problem != null) {
          throw fileNode.error(at + problem);
        }
      }
    }
    ConfigNode where = f.has("points") ? f.get("points") : f.get("file");
    if (values.isEmpty()) {
      throw where.error("an empirical CDF needs at least one point");
    }
    if (cdf.get(cdf.size() - 1).compareTo(BigDecimal.ONE) != 0) {
      throw where.error(
          "the last cumulative probability must be 1; got " + cdf.get(cdf.size() - 1));
    }
    long[] v = new long[values.size()];
    double[] p = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i)[0];
      p[i] = cdf.get(i).doubleValue();
    }
    return new Distribution.Empirical(v, p, source);
  }

  /** What is wrong with the last point after the others, or null. */
  private static String checkPoint(List<long[]> values, List<BigDecimal> cdf) {
    int last = values.size() - 1;
    BigDecimal p = cdf.get(last);
    if (p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
      return "a cumulative probability is from 0 to 1; got " + p.toPlainString();
    }
    if (last > 0 && values.get(last)[0] <= values.get(last - 1)[0]) {
      return "not monotone: the sizes must increase ("
          + values.get(last)[0]
          + " after "
          + values.get(last - 1)[0]
          + ")";
    }
    if (last > 0 && p.compareTo(cdf.get(last - 1)) < 0) {
      return "not monotone: the cumulative probabilities must not decrease ("
          + p.toPlainString()
          + " after "
          + cdf.get(last - 1).toPlainString()
          + ")";
    }
    return null;
  }
}
