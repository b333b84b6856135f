package netsim.scenario.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.net.link.Link;
import netsim.net.link.LinkDirection;
import netsim.scenario.config.ChangeSettings;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;
import netsim.scenario.metrics.FlowsReport.Flow;
import netsim.scenario.metrics.FlowsReport.LinkUse;
import netsim.scenario.metrics.FlowsReport.QueueUse;
import netsim.scenario.run.AppRecord;
import netsim.scenario.run.DatagramFlow;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.jspecify.annotations.Nullable;

/**
 * Measures every flow of a run as its events stream by (docs/outputs.md, "flows"): for the data
 * each end of each connection sends, the bytes delivered, goodput, completion time,
 * retransmissions, round-trip samples taken on the wire and the sender's congestion window; at the
 * end, each link direction's utilization, drops and queue (as a {@link LinkMetrics} of the same run
 * measured it), and Jain's fairness index over the flows. Memory per flow is bounded but for the
 * segments in flight: RTT percentiles are exact up to {@link Percentiles#EXACT} samples and
 * P-square estimates beyond; once a connection has ended, a few numbers are all that is kept of it.
 * Per packet, a lookup compares the endpoints with those of the last two connections looked up, and
 * builds a key only when it is another; everything else is primitive.
 *
 * <p>Given a warm-up time ({@link #FlowMetrics(LinkMetrics)} with a {@link LinkMetrics#from()}), a
 * flow's bytes and goodput, Jain's index and each link direction's delivered bytes and utilization
 * count only what was delivered from then on, over the time from then on: the steady state, without
 * the slow starts (a sweep's {@code sweep.warmup}). Completion times, retransmissions, RTTs,
 * windows, queues and UDP sources' flows are still measured over the whole run.
 */
public final class FlowMetrics implements EventSink {
  /** One end of one connection: what it sent, measured. */
  static final class End {
    final int node;
    final FourTuple conn;

    /** Its local and remote endpoints as {@link FlowMetrics#key(int, int)} numbers. */
    final long localKey;

    final long remoteKey;

    final long openedAt;
    End peer;
    long written;
    long delivered;

    /** The bytes delivered from the warm-up on (all of them without a warm-up). */
    long deliveredFrom;

    long lastDeliveredAt = -1;
    long retransmissions;

    /** Its segments in flight: null until it sends one, and once it has ended. */
    SentSegments inFlight;

    long rttSamples;
    long rttMin = Long.MAX_VALUE;
    double rttSum;

    /** Its samples' percentiles: null until the first sample, and once it has ended. */
    Percentiles percentiles;

    long p50 = FlowsReport.NONE;
    long p99 = FlowsReport.NONE;
    long cwndMin = Long.MAX_VALUE;
    long cwndMax = -1;
    long cwnd = -1;
    long cwndSince;
    long cwndFirst = -1;
    double cwndArea;

    /**
     * Whether its sending is over: it reached TIME-WAIT (its FIN, so all its data, was acked) or
     * CLOSED. The time series writes no more rows of it after this.
     */
    boolean finished;

    End(int node, FourTuple conn, long localKey, long remoteKey, long openedAt) {
      this.node = node;
      this.conn = conn;
      this.localKey = localKey;
      this.remoteKey = remoteKey;
      this.openedAt = openedAt;
    }

    void sent(long t, long seq, long end) {
      if (inFlight == null) {
        inFlight = new SentSegments();
      }
      inFlight.sent(t, seq, end);
    }

    void acked(long t, long ack) {
      long sample = inFlight == null ? -1 : inFlight.acked(t, ack);
      if (sample >= 0) {
        rtt(sample);
      }
    }

    void rtt(long sample) {
      if (percentiles == null) {
        percentiles = new Percentiles();
      }
      rttSamples++;
      rttMin = Math.min(rttMin, sample);
      rttSum += sample;
      percentiles.add(sample);
    }

    void cwnd(long t, long value) {
      if (cwnd >= 0) {
        cwndArea += (double) cwnd * (t - cwndSince);
      } else {
        cwndFirst = t;
      }
      cwnd = value;
      cwndSince = t;
      cwndMin = Math.min(cwndMin, value);
      cwndMax = Math.max(cwndMax, value);
    }

    /**
     * The connection has ended: keep its percentiles, let their samples and its segments go, so
     * that a run of many short connections keeps a few numbers per connection.
     */
    void end() {
      if (percentiles != null) {
        p50 = percentiles.p50();
        p99 = percentiles.p99();
      }
      percentiles = null;
      inFlight = null;
    }

    long rttP50() {
      return percentiles == null ? p50 : percentiles.p50();
    }

    long rttP99() {
      return percentiles == null ? p99 : percentiles.p99();
    }

    /** The time-weighted mean window from its first value to {@code until}, or NONE. */
    long cwndMean(long until) {
      if (cwnd < 0) {
        return FlowsReport.NONE;
      }
      double area = cwndArea + (double) cwnd * Math.max(0, until - cwndSince);
      long span = until - cwndFirst;
      return span <= 0 ? cwnd : Math.round(area / span);
    }
  }

  /** The ends alive, by the keys of their local and remote endpoints. */
  private record Key(long local, long remote) {
    // equals and hashCode as the record's own, written out: see netsim.net.packet.Ipv4Address.

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Key key && key.local == local && key.remote == remote;
    }

    @Override
    public int hashCode() {
      return 31 * Long.hashCode(local) + Long.hashCode(remote);
    }
  }

  // Looked up only, never iterated: the report follows `ends`, in order of creation.
  private final Map<Key, End> current = new LinkedHashMap<>();
  private final List<End> ends = new ArrayList<>();

  /**
   * The ends of the last two lookups that found one, the latest first, or null: a transfer's events
   * alternate between its two ends (data sent by one, arrivals acked at the other), so most lookups
   * compare two numbers with these and build no key. Only ends in {@link #current} are kept here.
   */
  private @Nullable End recent;

  private @Nullable End previous;
  private RunIndex index = new RunIndex();
  private FlowsReport report;

  /** The link directions' queues, measured by the same run. */
  private final LinkMetrics queues;

  /**
   * The warm-up, the queues' {@link LinkMetrics#from()}: what is delivered before is not counted.
   */
  private final long warmup;

  /** Measures the flows; the link directions' queues are reported as {@link QueueUse#EMPTY}. */
  public FlowMetrics() {
    this(new LinkMetrics());
  }

  /**
   * Measures the flows, and reports the queues {@code queues} measures (it must observe the same
   * run's packets: {@code Experiment.observe}); counts bytes and goodputs from the queues' warm-up
   * ({@link LinkMetrics#from()}) on.
   */
  public FlowMetrics(LinkMetrics queues) {
    this.queues = queues;
    this.warmup = queues.from();
  }

  /** The ends seen so far, in order of creation; for a {@link TimeSeries}. */
  List<End> ends() {
    return ends;
  }

  /** The run's names; for a {@link TimeSeries}. */
  RunIndex index() {
    return index;
  }

  @Override
  public Set<EventKind> kinds() {
    return EnumSet.of(
        EventKind.STATE,
        EventKind.APP,
        EventKind.SEND,
        EventKind.RECV,
        EventKind.RTX,
        EventKind.CC);
  }

  @Override
  public void start(RunIndex runIndex) {
    this.index = runIndex;
  }

  private static long key(Endpoint e) {
    return key(e.address().bits(), e.port());
  }

  /** An endpoint as a number: its address in bits 16 to 47, its port in bits 0 to 15. */
  private static long key(int address, int port) {
    return (address & 0xFFFF_FFFFL) << 16 | port;
  }

  private @Nullable End end(FourTuple conn) {
    return end(key(conn.local()), key(conn.remote()));
  }

  /** The end alive with these endpoint keys, or null. */
  private @Nullable End end(long local, long remote) {
    End latest = recent;
    if (latest != null && latest.localKey == local && latest.remoteKey == remote) {
      return latest;
    }
    End before = previous;
    if (before != null && before.localKey == local && before.remoteKey == remote) {
      previous = latest;
      recent = before;
      return before;
    }
    End found = current.get(new Key(local, remote));
    if (found != null) {
      previous = latest;
      recent = found;
    }
    return found;
  }

  @Override
  public void accept(TraceEvent event) {
    switch (event.kind()) {
      case STATE -> state((TraceEvent.State) event);
      case APP -> application(new ApplicationFields().set((TraceEvent.App) event));
      case SEND, RECV -> packet(new PacketFields().set((TraceEvent.Packet) event));
      case RTX -> {
        End end = end(((TraceEvent.Retransmit) event).conn());
        if (end != null) {
          end.retransmissions++;
        }
      }
      case CC -> congestion(new CongestionFields().set((TraceEvent.Congestion) event));
      default -> {}
    }
  }

  @Override
  public void congestion(CongestionFields c) {
    End end = end(c.conn());
    if (end != null) {
      end.cwnd(c.t(), c.cwnd());
    }
  }

  private void state(TraceEvent.State s) {
    if (s.isListener()) {
      return;
    }
    Key key = new Key(key(s.conn().local()), key(s.conn().remote()));
    End end = end(key.local(), key.remote());
    if (end == null) {
      // A new connection, or a 4-tuple used again after its connection ended.
      end = new End(s.node(), s.conn(), key.local(), key.remote(), s.t());
      current.put(key, end);
      ends.add(end);
      End other = current.get(new Key(/* local= */ key.remote(), /* remote= */ key.local()));
      if (other != null) {
        end.peer = other;
        other.peer = end;
      }
    }
    if (s.to() == TcpState.TIME_WAIT) {
      end.finished = true;
    }
    if (s.to() == TcpState.CLOSED || s.to() == TcpState.LISTEN) {
      end.finished = true;
      end.end();
      current.remove(key); // a later connection on this 4-tuple is a new one
      if (recent == end) {
        recent = previous;
        previous = null;
      } else if (previous == end) {
        previous = null;
      }
    }
  }

  @Override
  public void application(ApplicationFields a) {
    if (a.event() == AppEvent.WRITE) {
      End end = end(a.conn());
      if (end != null) {
        end.written += a.bytes();
      }
    } else if (a.event() == AppEvent.DATA) {
      End sender = end(key(a.conn().remote()), key(a.conn().local()));
      if (sender != null) {
        sender.delivered += a.bytes();
        if (a.t() >= warmup) {
          sender.deliveredFrom += a.bytes();
        }
        sender.lastDeliveredAt = a.t();
      }
    }
  }

  @Override
  public void packet(PacketFields p) {
    if (p.kind() == EventKind.SEND) {
      sent(p);
    } else if (p.kind() == EventKind.RECV) {
      received(p);
    }
  }

  private void sent(PacketFields p) {
    int length = p.len() + (p.has(TcpFlags.SYN) ? 1 : 0) + (p.has(TcpFlags.FIN) ? 1 : 0);
    if (length == 0) {
      return;
    }
    End end = end(key(p.src(), p.srcPort()), key(p.dst(), p.dstPort()));
    if (end != null) {
      end.sent(p.t(), p.seq(), (p.seq() + length) & 0xFFFF_FFFFL);
    }
  }

  private void received(PacketFields p) {
    if (!p.has(TcpFlags.ACK)) {
      return;
    }
    End end = end(key(p.dst(), p.dstPort()), key(p.src(), p.srcPort()));
    if (end != null) {
      end.acked(p.t(), p.ack());
    }
  }

  @Override
  public void end(RunResult result) {
    report = report(result);
  }

  /** What was measured; null until the run has ended. */
  public FlowsReport report() {
    return report;
  }

  private FlowsReport report(RunResult result) {
    // Each client connection's flow name, matched to its end in order of creation.
    Map<String, ArrayDeque<AppRecord>> clients = new LinkedHashMap<>(); // never iterated
    Map<String, ArrayDeque<AppRecord>> senders = new LinkedHashMap<>(); // never iterated
    for (AppRecord app : result.apps()) {
      if (app.tuple() != null) {
        String at = app.node() + " " + app.tuple();
        senders.computeIfAbsent(at, k -> new ArrayDeque<>()).add(app);
        if (app.flow() != null) {
          clients.computeIfAbsent(at, k -> new ArrayDeque<>()).add(app);
        }
      }
    }
    Map<End, AppRecord> apps = new LinkedHashMap<>(); // never iterated
    Map<End, AppRecord> clientOf = new LinkedHashMap<>(); // never iterated
    for (End end : ends) {
      String at = index.node(end.node) + " " + end.conn;
      AppRecord app = poll(senders, at);
      if (app != null) {
        apps.put(end, app);
      }
      AppRecord client = poll(clients, at);
      if (client != null) {
        clientOf.put(end, client);
        if (end.peer != null) {
          clientOf.put(end.peer, client);
        }
      }
    }
    List<Flow> flows = new ArrayList<>();
    for (End end : ends) {
      AppRecord client = clientOf.get(end);
      if (end.written == 0 || client == null) {
        continue; // sent nothing, or no client's (a connection the run did not make)
      }
      boolean up = client == apps.get(end);
      AppRecord app = apps.get(end);
      long start = up || end.peer == null ? end.openedAt : end.peer.openedAt;
      boolean complete = app != null && end.delivered >= app.toSend() && end.delivered > 0;
      long until = complete ? end.lastDeliveredAt : result.end();
      long span = until - Math.max(start, warmup);
      flows.add(
          new Flow(
              client.flow(),
              up ? "up" : "down",
              index.node(end.node),
              end.peer == null ? "" : index.node(end.peer.node),
              end.conn.toString(),
              start,
              end.deliveredFrom,
              complete,
              complete ? until - start : FlowsReport.NONE,
              span <= 0 ? 0 : Math.round(end.deliveredFrom * 8e9 / span),
              end.retransmissions,
              end.rttSamples,
              end.rttSamples == 0 ? FlowsReport.NONE : end.rttMin,
              end.rttSamples == 0 ? FlowsReport.NONE : Math.round(end.rttSum / end.rttSamples),
              end.rttP50(),
              end.rttP99(),
              end.cwnd < 0 ? FlowsReport.NONE : end.cwndMin,
              end.cwndMean(until),
              end.cwnd < 0 ? FlowsReport.NONE : end.cwndMax,
              FlowsReport.NONE,
              FlowsReport.NONE,
              Double.NaN));
    }
    for (DatagramFlow d : result.datagramFlows()) {
      flows.add(datagrams(d, result.end()));
    }
    long from = 0;
    long until = result.end();
    if (!flows.isEmpty()) {
      from = Long.MAX_VALUE;
      until = 0;
      for (Flow f : flows) {
        from = Math.min(from, f.start());
        until = Math.max(until, f.complete() ? f.start() + f.fct() : result.end());
      }
    }
    from = Math.max(from, warmup);
    return new FlowsReport(flows, from, until, links(result, from, until, queues), jain(flows));
  }

  /**
   * A UDP source's flow: its throughput is over its sending time, from its start to its {@code
   * until} (or the run's end, if sooner); it is complete when it stopped sending in the run and
   * every datagram arrived, and then its completion time is its last datagram's arrival. No
   * retransmission, RTT or window. Its loss counts the datagrams dropped among those received or
   * dropped, so that one in flight at the run's end is not lost.
   */
  static Flow datagrams(DatagramFlow d, long runEnd) {
    long until = d.until() >= 0 ? Math.min(d.until(), runEnd) : runEnd;
    long span = until - d.start();
    boolean finished = d.until() >= 0 && d.until() <= runEnd && !d.stoppedByCrash();
    boolean complete = finished && d.received() == d.sent() && d.received() > 0;
    return new Flow(
        d.name(),
        "up",
        d.sender(),
        d.receiver(),
        d.conn(),
        d.start(),
        d.receivedBytes(),
        complete,
        complete ? d.lastReceivedAt() - d.start() : FlowsReport.NONE,
        span <= 0 ? 0 : Math.round(d.receivedBytes() * 8e9 / span),
        FlowsReport.NONE,
        0,
        FlowsReport.NONE,
        FlowsReport.NONE,
        FlowsReport.NONE,
        FlowsReport.NONE,
        FlowsReport.NONE,
        FlowsReport.NONE,
        FlowsReport.NONE,
        d.sent(),
        d.received(),
        loss(d));
  }

  /**
   * The fraction of a source's datagrams lost, of those whose fate is known by the run's end
   * (received or dropped): one still in flight is neither; NaN when none is known.
   */
  private static double loss(DatagramFlow d) {
    long known = d.received() + d.dropped();
    return known == 0 ? Double.NaN : (double) d.dropped() / known;
  }

  private static AppRecord poll(Map<String, ArrayDeque<AppRecord>> queues, String at) {
    ArrayDeque<AppRecord> queue = queues.get(at);
    return queue == null ? null : queue.poll();
  }

  /** Jain's fairness index over the flows' goodputs; NaN without flows or without goodput. */
  static double jain(List<Flow> flows) {
    double sum = 0;
    double squares = 0;
    for (Flow f : flows) {
      sum += f.goodput();
      squares += (double) f.goodput() * f.goodput();
    }
    return squares == 0 ? Double.NaN : sum * sum / (flows.size() * squares);
  }

  /** Each link direction's use; its capacity counted over [from, until). */
  private static List<LinkUse> links(RunResult result, long from, long until, LinkMetrics queues) {
    List<LinkUse> uses = new ArrayList<>();
    for (LinkSettings settings : result.config().links()) {
      Link link = result.links().get(settings.name());
      for (boolean aToB : new boolean[] {true, false}) {
        LinkDirection d = aToB ? link.aToB() : link.bToA();
        long capacity = capacity(result.config(), settings, aToB, from, until);
        long delivered =
            queues.from() > 0 ? queues.deliveredFrom(d) : d.counters().deliveredBytes();
        uses.add(
            new LinkUse(
                d.name(),
                delivered,
                capacity,
                capacity <= 0 ? Double.NaN : (double) delivered / capacity,
                d.counters().drops(),
                d.counters().marked(),
                queues.use(d)));
      }
    }
    return uses;
  }

  /**
   * The bytes a link direction could carry from {@code from} to {@code until} at the bandwidths its
   * config and changes give it; NONE if it is unlimited at some time of it.
   */
  static long capacity(
      ExperimentConfig config, LinkSettings link, boolean aToB, long from, long until) {
    long bandwidth = (aToB ? link.aToB() : link.bToA()).bandwidth();
    long since = from;
    double bits = 0;
    for (ChangeSettings change : config.changes()) {
      if (change.link().equals(link.name()) && change.aToB() == aToB && change.at() < until) {
        if (change.at() > since) {
          if (bandwidth == 0) {
            return FlowsReport.NONE;
          }
          bits += (double) bandwidth * (change.at() - since) / 1e9;
          since = change.at();
        }
        bandwidth = change.settings().bandwidth();
      }
    }
    if (bandwidth == 0) {
      return FlowsReport.NONE;
    }
    bits += (double) bandwidth * (until - since) / 1e9;
    return Math.round(bits / 8);
  }
}
