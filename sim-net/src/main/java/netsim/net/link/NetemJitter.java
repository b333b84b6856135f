package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * netem's table distributions, the way netem draws them: a table of standardized quantiles in units
 * of 1/{@value #SCALE} (netem's NETEM_DIST_SCALE), an entry chosen uniformly at random, multiplied
 * by sigma. The tables ({@code normal.dist}, {@code pareto.dist}, {@code paretonormal.dist} beside
 * this class) are data, generated once by a test from the quantile functions; drawing from them is
 * integer arithmetic, so a run's jitter is the same on every JVM.
 */
final class NetemJitter {
  /** netem's NETEM_DIST_SCALE: table entries are sigma multiples times this. */
  static final int SCALE = 8192;

  /** Entries per table. */
  static final int SIZE = 8192;

  static final int[] NORMAL = load("normal.dist");
  static final int[] PARETO = load("pareto.dist");
  static final int[] PARETO_NORMAL = load("paretonormal.dist");

  private NetemJitter() {}

  /** A sampler that draws {@code sigma} times a random entry of {@code table}, in whole ns. */
  static Jitter.Sampler sampler(int[] table, long sigma, UniformRandomProvider random) {
    return () -> Math.floorDiv(sigma * table[random.nextInt(table.length)] + SCALE / 2, SCALE);
  }

  private static int[] load(String name) {
    try (InputStream in = NetemJitter.class.getResourceAsStream(name)) {
      checkArgument(in != null, "missing jitter table %s", name);
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      int[] table = new int[SIZE];
      int count = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        for (String value : line.split("\\s+")) {
          table[count++] = Integer.parseInt(value);
        }
      }
      checkArgument(
          count == SIZE, "jitter table %s has %s entries, expected %s", name, count, SIZE);
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read jitter table " + name, e);
    }
  }

  /** A copy of a table, for tests. */
  static int[] table(int[] table) {
    return Arrays.copyOf(table, table.length);
  }
}
