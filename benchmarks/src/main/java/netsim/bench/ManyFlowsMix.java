package netsim.bench;

import java.util.Map;
import java.util.TreeMap;
import netsim.core.Labelled;
import netsim.core.Time;
import netsim.net.link.Link;
import netsim.net.link.LinkDirection;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.TcpConnection;
import netsim.tcp.TcpObserver;
import netsim.tcp.TcpSegment;
import netsim.tcp.TcpStack;

/**
 * What the events of {@link ManyFlowsBenchmark}'s measured window are, per number of flows: the
 * executed events by kind (their label, hosts folded into {@code s*} and {@code r*}, every TCP
 * timer into one), the segments sent and sent again by reason, what the bottleneck was offered and
 * dropped and how full its queue was, and the spread of the senders' congestion windows and RTO
 * backoffs at the window's end. It shows whether an event at 10 000 flows does other work than one
 * at 10, beside touching more state. The counts are exact (the run is deterministic); the observers
 * it adds change no event.
 *
 * <p>{@code java -cp benchmarks.jar netsim.bench.ManyFlowsMix fixed|scaled WINDOW_MS FLOWS...}
 * (WINDOW_MS is the fixed dumbbell's: the scaled one runs {@code 10 / flows} of it).
 */
public final class ManyFlowsMix {
  private ManyFlowsMix() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: ManyFlowsMix fixed|scaled WINDOW_MS FLOWS...");
      System.exit(2);
    }
    ManyFlowsBenchmark.Bottleneck scaling = ManyFlowsBenchmark.Bottleneck.of(args[0]);
    long window = Time.millis(Long.parseLong(args[1]));
    for (int i = 2; i < args.length; i++) {
      mix(Integer.parseInt(args[i]), scaling, window);
    }
  }

  private static void mix(int flows, ManyFlowsBenchmark.Bottleneck scaling, long fixedWindow) {
    ManyFlowsBenchmark.Dumbbell bed = ManyFlowsBenchmark.dumbbell(flows, scaling);
    long start = bed.runToSteadyState(flows);
    long window = fixedWindow / bed.factor();
    LinkDirection bottleneck = bottleneck(bed);
    Map<String, long[]> byLabel = new TreeMap<>();
    long[] queued = new long[1];
    bed.simulator()
        .addListener(
            (time, sequence, action) -> {
              queued[0] += bottleneck.queuedPackets();
              byLabel.computeIfAbsent(Labelled.of(action), label -> new long[1])[0]++;
            });
    Map<String, long[]> retransmits = new TreeMap<>();
    TcpObserver counter =
        new TcpObserver() {
          @Override
          public void onRetransmit(
              long time, FourTuple connection, TcpSegment segment, RetransmitReason reason) {
            retransmits.computeIfAbsent(reason.traceName(), k -> new long[1])[0]++;
          }
        };
    for (TcpStack stack : bed.stacks()) {
      stack.addObserver(counter);
    }
    long offered = bottleneck.counters().offered();
    long dropped = bottleneck.counters().droppedTotal();
    long sent = segmentsSent(bed);
    long before = bed.simulator().executedEvents();
    bed.simulator().runUntil(start + window);
    long executed = bed.simulator().executedEvents() - before;

    System.out.printf(
        "flows=%d %s window=%.3f ms events=%d%n",
        flows, scaling.name().toLowerCase(java.util.Locale.ROOT), window / 1e6, executed);
    Map<String, long[]> byKind = new TreeMap<>();
    byLabel.forEach((label, n) -> byKind.computeIfAbsent(kind(label), k -> new long[1])[0] += n[0]);
    byKind.forEach(
        (kind, n) ->
            System.out.printf("  event %-28s %9d %6.2f%%%n", kind, n[0], 100.0 * n[0] / executed));
    System.out.printf(
        "  segments sent %d; bottleneck offered %d, dropped %d, queue %.1f packets on average"
            + " over the events%n",
        segmentsSent(bed) - sent,
        bottleneck.counters().offered() - offered,
        bottleneck.counters().droppedTotal() - dropped,
        (double) queued[0] / executed);
    retransmits.forEach((reason, n) -> System.out.printf("  retransmit %-6s %9d%n", reason, n[0]));
    long[] cwnds = new long[8];
    long[] backoffs = new long[8];
    for (int host = 0; host < ManyFlowsBenchmark.HOSTS; host++) {
      for (TcpConnection connection : bed.stacks().get(host).connections()) {
        cwnds[bucket(connection.info().cwnd() / connection.info().sendMss())]++;
        backoffs[Math.min(connection.info().rtoBackoffs(), backoffs.length - 1)]++;
      }
    }
    System.out.printf(
        "  senders' cwnd in segments, <=1 2-3 4-7 8-15 16-31 32-63 64-127 128+: %s%n", join(cwnds));
    System.out.printf("  senders' RTO backoffs, 0 1 2 3 4 5 6 7+: %s%n", join(backoffs));
  }

  /** An event's label with its hosts folded: "link/s*->left/arrive"; "tcp timer" for TCP's. */
  private static String kind(String label) {
    if (label.startsWith("tcp/")) {
      return "tcp timer";
    }
    return label.replaceAll("\\bs[0-9]+", "s*").replaceAll("\\br[0-9]+", "r*");
  }

  /** 0 for at most 1 segment, then one bucket per doubling, 7 for 128 and more. */
  private static int bucket(long segments) {
    int bucket = 0;
    for (long limit = 1; segments > limit && bucket < 7; limit = limit * 2 + 1) {
      bucket++;
    }
    return bucket;
  }

  private static String join(long[] counts) {
    StringBuilder joined = new StringBuilder();
    for (long count : counts) {
      joined.append(joined.length() == 0 ? "" : " ").append(count);
    }
    return joined.toString();
  }

  private static long segmentsSent(ManyFlowsBenchmark.Dumbbell bed) {
    long sent = 0;
    for (TcpStack stack : bed.stacks()) {
      for (TcpConnection connection : stack.connections()) {
        sent += connection.info().segmentsSent();
      }
    }
    return sent;
  }

  /** The left router's direction towards the right one. */
  private static LinkDirection bottleneck(ManyFlowsBenchmark.Dumbbell bed) {
    for (Link link : bed.network().links()) {
      if (link.aToB().name().equals("left->right")) {
        return link.aToB();
      }
    }
    throw new IllegalStateException("the dumbbell has no link left->right");
  }
}
