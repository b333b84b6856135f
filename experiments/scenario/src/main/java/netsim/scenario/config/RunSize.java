package netsim.scenario.config;

import java.util.Locale;
import netsim.core.Time;

/**
 * How much memory a run will need, estimated from its config before it starts, and the check that
 * refuses a run that would not fit in the JVM's heap rather than let it fail after minutes.
 *
 * <p>The rule. A run keeps its whole trace in memory until it ends (issue 12 will stream it
 * instead, and then this estimate changes). Every segment is at least {@value #EVENTS_PER_SEGMENT}
 * trace events (sent, then received or dropped) of at least {@value #BYTES_PER_EVENT} bytes each. A
 * connection opens with a SYN and carries what its client sends and what the listener it reaches
 * sends, in segments of at most the larger MSS of its two hosts. A client makes {@code connections}
 * of them one after the other, each taking at least a round trip (twice the shortest link delay)
 * and its {@code pause}, so no more than fit before {@code stop.at}. No run carries more bytes than
 * its links can before {@code stop.at}: when every link direction has a bandwidth (in every change
 * too), the bytes are capped at {@code stop.at} times the sum of those rates. ACKs, retransmissions
 * and other events come on top, so for connections that complete the estimate is a lower bound.
 */
public final class RunSize {
  /** Trace events per data segment, at least. */
  public static final long EVENTS_PER_SEGMENT = 2;

  /**
   * Heap bytes per trace event, at least: a packet event's record is 80 bytes on a 64-bit JVM with
   * compressed references (its endpoint, 4-tuple and flag texts are shared between events, see
   * {@link netsim.scenario.run.Recorder}), and its place in the run's list 4 more.
   */
  public static final long BYTES_PER_EVENT = 84;

  /**
   * What a run will hold.
   *
   * @param dataBytes the application bytes its connections carry
   * @param events the trace events, at least
   * @param heapBytes the heap they take, at least
   * @param largest the field path of what contributes most ({@code clients[0].send}, {@code
   *     clients[2].connections})
   */
  public record Estimate(double dataBytes, double events, double heapBytes, String largest) {}

  private RunSize() {}

  /** The estimate for {@code config}. */
  public static Estimate estimate(ExperimentConfig config) {
    double data = 0;
    double dataSegments = 0;
    double connections = 0;
    double largestEvents = -1;
    String largest = "clients";
    double roundTrip = 2.0 * shortestDelay(config);
    for (int i = 0; i < config.clients().size(); i++) {
      ClientSettings client = config.clients().get(i);
      ListenerSettings listener = listener(config, client);
      long mss = Math.max(mss(config, client.host()), mss(config, client.remoteHost()));
      double made = client.connections();
      if (client.pause() + roundTrip > 0) {
        made =
            Math.min(
                made,
                Math.floor(
                        (config.stop().at() - Math.min(client.at(), config.stop().at()))
                            / (client.pause() + roundTrip))
                    + 1);
      }
      double sent = (double) client.app().send() * made;
      double answered = listener == null ? 0 : (double) listener.app().send() * made;
      data += sent + answered;
      dataSegments += Math.ceil(sent / mss) + Math.ceil(answered / mss);
      connections += made;
      // The place to point at: what makes the most segments.
      String[] places = {
        client.entry() + ".connections",
        client.entry() + ".send",
        listener == null ? "" : "listeners[" + config.listeners().indexOf(listener) + "].send"
      };
      double[] segments = {made, Math.ceil(sent / mss), Math.ceil(answered / mss)};
      for (int p = 0; p < places.length; p++) {
        if (segments[p] > largestEvents) {
          largestEvents = segments[p];
          largest = places[p];
        }
      }
    }
    double capacity = capacity(config);
    if (data > capacity) {
      dataSegments *= capacity / data;
      data = capacity;
    }
    double events = (dataSegments + connections) * EVENTS_PER_SEGMENT;
    return new Estimate(data, events, events * BYTES_PER_EVENT, largest);
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
   *     located at what contributes most (a send, a client's connections), saying how to go on
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
                "this run would keep"
                    + " at least %.3g trace events (%s) in memory for %s of data, more than this JVM's heap"
                    + " of %s: netsim holds a run's trace in memory until the run ends. Send less, make"
                    + " fewer connections, stop earlier (stop.at), or give Java more memory (e.g."
                    + " JDK_JAVA_OPTIONS=-Xmx%dg)",
                estimate.events(),
                bytes(estimate.heapBytes()),
                bytes(estimate.dataBytes()),
                bytes(heapBytes),
                (long) Math.ceil(estimate.heapBytes() * 1.5 / (1L << 30))))
        .exceedingMemory();
  }

  private static ListenerSettings listener(ExperimentConfig config, ClientSettings client) {
    for (ListenerSettings listener : config.listeners()) {
      if (listener.host().equals(client.remoteHost()) && listener.port() == client.remotePort()) {
        return listener;
      }
    }
    return null;
  }

  private static long mss(ExperimentConfig config, String host) {
    NodeSettings node = config.node(host);
    return node == null ? config.tcp().mss() : node.tcp().mss();
  }

  /** The most bytes the links carry before stop.at, or infinity if one is unlimited. */
  private static double capacity(ExperimentConfig config) {
    double bitsPerSecond = 0;
    for (LinkSettings link : config.links()) {
      for (boolean aToB : new boolean[] {true, false}) {
        long rate = (aToB ? link.aToB() : link.bToA()).bandwidth();
        for (ChangeSettings change : config.changes()) {
          if (change.link().equals(link.name()) && change.aToB() == aToB) {
            long changed = change.settings().bandwidth();
            rate = rate == 0 || changed == 0 ? 0 : Math.max(rate, changed);
          }
        }
        if (rate == 0) {
          return Double.POSITIVE_INFINITY;
        }
        bitsPerSecond += rate;
      }
    }
    return bitsPerSecond / 8 * config.stop().at() / Time.SECOND;
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
