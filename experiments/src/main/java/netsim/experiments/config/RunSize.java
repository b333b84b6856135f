package netsim.experiments.config;

import java.util.Locale;
import netsim.core.Time;

/**
 * How much memory a run will need, estimated from its config before it starts, and the check that
 * refuses a run that would not fit in the JVM's heap rather than let it fail after minutes.
 *
 * <p>The rule. A run keeps its whole trace in memory until it ends (issue 12 will stream it
 * instead, and then this estimate changes). Every data segment is at least {@value
 * #EVENTS_PER_SEGMENT} trace events (sent, then received or dropped) of at least {@value
 * #BYTES_PER_EVENT} bytes each, and carries at most the larger MSS of its two hosts. A connection
 * carries what its client sends and what the listener it reaches sends; a client makes {@code
 * connections} of them. No run carries more than its links can before {@code stop.at}: when every
 * link direction has a bandwidth (in every change too), the bytes are capped at {@code stop.at}
 * times the sum of those rates. ACKs, retransmissions and other events come on top, so for
 * transfers that complete the estimate is a lower bound.
 */
public final class RunSize {
  /** Trace events per data segment, at least. */
  public static final long EVENTS_PER_SEGMENT = 2;
  /** Heap bytes per trace event, at least (a packet event with its address texts). */
  public static final long BYTES_PER_EVENT = 200;

  /**
   * What a run will hold.
   *
   * @param dataBytes the application bytes its connections carry
   * @param events the trace events, at least
   * @param heapBytes the heap they take, at least
   * @param largest the field path of the send that contributes most ({@code clients[0].send})
   */
  public record Estimate(double dataBytes, double events, double heapBytes, String largest) {}

  private RunSize() {}

  /** The estimate for {@code config}. */
  public static Estimate estimate(ExperimentConfig config) {
    double data = 0;
    double segments = 0;
    double largestBytes = -1;
    String largest = "clients";
    for (int i = 0; i < config.clients().size(); i++) {
      ClientSettings client = config.clients().get(i);
      ListenerSettings listener = listener(config, client);
      long mss = Math.max(mss(config, client.host()), mss(config, client.remoteHost()));
      double sent = (double) client.app().send() * client.connections();
      double answered = listener == null ? 0
          : (double) listener.app().send() * client.connections();
      data += sent + answered;
      segments += Math.ceil(sent / mss) + Math.ceil(answered / mss);
      if (sent >= largestBytes) {
        largestBytes = sent;
        largest = "clients[" + i + "].send";
      }
      if (answered > largestBytes) {
        largestBytes = answered;
        largest = "listeners[" + config.listeners().indexOf(listener) + "].send";
      }
    }
    double capacity = capacity(config);
    if (data > capacity) {
      segments *= capacity / data;
      data = capacity;
    }
    double events = segments * EVENTS_PER_SEGMENT;
    return new Estimate(data, events, events * BYTES_PER_EVENT, largest);
  }

  /**
   * Refuses {@code config} when its {@link #estimate} exceeds {@code heapBytes}.
   *
   * @throws ConfigException located at the send that contributes most, saying how to go on
   */
  public static void check(ExperimentConfig config, YamlDocument document, long heapBytes) {
    Estimate estimate = estimate(config);
    if (estimate.heapBytes() <= heapBytes) {
      return;
    }
    throw document.error(estimate.largest(), String.format(Locale.ROOT, "this run would keep"
        + " at least %.3g trace events (%s) in memory for %s of data, more than this JVM's heap"
        + " of %s: netsim holds a run's trace in memory until the run ends. Send less, stop"
        + " earlier (stop.at), or give Java more memory (e.g. JDK_JAVA_OPTIONS=-Xmx%dg)",
        estimate.events(), bytes(estimate.heapBytes()), bytes(estimate.dataBytes()),
        bytes(heapBytes), (long) Math.ceil(estimate.heapBytes() * 1.5 / (1L << 30))));
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
    return unit == 0 ? String.format(Locale.ROOT, "%.0f bytes", value)
        : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
