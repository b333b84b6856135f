package netsim.scenario.config;

import java.util.Locale;

/**
 * How much memory a run will need, estimated from its config before it starts, and the check that
 * refuses a run that would not fit in the JVM's heap rather than let it fail after minutes.
 *
 * <p>The rule. A run streams its events to its outputs as they happen, so neither its bytes nor its
 * packets nor its length make it grow; what it keeps to its end is what it knows of every
 * connection (its record in its stack's history and its state changes, for the summary and the
 * invariants), at least {@value #BYTES_PER_CONNECTION} bytes for one. A client makes {@code
 * connections} one after the other, each taking at least a round trip (twice the shortest link
 * delay) and its {@code pause}, so no more than fit before {@code stop.at} count. The estimate is a
 * lower bound.
 */
public final class RunSize {
  /**
   * Heap bytes per connection kept to the run's end, at least, on a 64-bit JVM with compressed
   * references: its client's side alone keeps its record in its stack's history (56 bytes, and a
   * 16-byte slot), and its first state change (48 bytes) in a list of its own (80 bytes with room
   * for ten). The listener's side, later state changes and the report at the end come on top.
   */
  public static final long BYTES_PER_CONNECTION = 200;

  /**
   * What a run will hold.
   *
   * @param connections the connections its clients make, at least
   * @param heapBytes the heap their records take, at least
   * @param largest the field path of the client that makes the most ({@code
   *     clients[2].connections})
   */
  public record Estimate(double connections, double heapBytes, String largest) {}

  private RunSize() {}

  /** The estimate for {@code config}. */
  public static Estimate estimate(ExperimentConfig config) {
    double connections = 0;
    double most = -1;
    String largest = "clients";
    double roundTrip = 2.0 * shortestDelay(config);
    for (ClientSettings client : config.clients()) {
      double made = client.flows() != null ? client.flows().count() : client.connections();
      if (client.flows() == null && client.pause() + roundTrip > 0) {
        made =
            Math.min(
                made,
                Math.floor(
                        (config.stop().at() - Math.min(client.at(), config.stop().at()))
                            / (client.pause() + roundTrip))
                    + 1);
      }
      connections += made;
      if (made > most) {
        most = made;
        largest = client.entry() + (client.flows() != null ? ".flows.count" : ".connections");
      }
    }
    return new Estimate(connections, connections * BYTES_PER_CONNECTION, largest);
  }

  /** The shortest one-way delay of any link direction, in any change (0 without links). */
  private static long shortestDelay(ExperimentConfig config) {
    long shortest = Long.MAX_VALUE;
    for (LinkSettings link : config.links()) {
      shortest = Math.min(shortest, Math.min(link.aToB().delay(), link.bToA().delay()));
    }
    for (ChangeSettings change : config.changes()) {
      shortest = Math.min(shortest, change.settings().delay());
    }
    return shortest == Long.MAX_VALUE ? 0 : shortest;
  }

  /**
   * Refuses {@code config} when its {@link #estimate} exceeds {@code heapBytes}.
   *
   * @throws ConfigException that {@linkplain ConfigException#exceedsMemory() exceeds memory},
   *     located at the client that makes the most connections, saying how to go on
   */
  public static void check(ExperimentConfig config, YamlDocument document, long heapBytes) {
    Estimate estimate = estimate(config);
    if (estimate.heapBytes() <= heapBytes) {
      return;
    }
    throw document
        .error(
            estimate.largest(),
            String.format(
                Locale.ROOT,
                "this run would keep at least %.3g connections' records (%s) in memory, more than"
                    + " this JVM's heap of %s: netsim keeps every connection's record and state"
                    + " changes until the run ends. Make fewer connections, stop earlier (stop.at),"
                    + " or give Java more memory (e.g. JDK_JAVA_OPTIONS=-Xmx%dg)",
                estimate.connections(),
                bytes(estimate.heapBytes()),
                bytes((double) heapBytes),
                (long) Math.ceil(estimate.heapBytes() * 1.5 / (1L << 30))))
        .exceedingMemory();
  }

  /** "1.5 GiB". */
  private static String bytes(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    double value = bytes;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0
        ? String.format(Locale.ROOT, "%.0f bytes", value)
        : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
