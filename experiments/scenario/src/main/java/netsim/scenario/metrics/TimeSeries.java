package netsim.scenario.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.scenario.metrics.FlowMetrics.End;
import netsim.scenario.run.AppRecord;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.PacketFields;
import netsim.scenario.trace.TraceEvent;

/**
 * Writes {@code timeseries.csv} as the run goes (docs/outputs.md, "Time series"): every {@code
 * interval} of virtual time, one tidy row ({@code t,entity,metric,value}) per measure of each flow
 * (throughput, congestion window, round-trip time) and of each link direction (queue length,
 * sojourn time, drops, ECN marks once it has marked a packet, throughput). It reads what a {@link
 * FlowMetrics} and a {@link LinkMetrics} of the same run measure, and must see every event before
 * they do: it is the sink added before the flow metrics, and the link metrics tell it before they
 * count a packet. It keeps a few numbers per flow; rows go straight to the writer.
 */
public final class TimeSeries implements EventSink {
  /** The header row. */
  public static final String HEADER = "t,entity,metric,value";

  /** Sees every value as its row is written: for plots of the series. */
  @FunctionalInterface
  public interface Listener {
    /**
     * The {@code metric} of {@code entity} over the interval from {@code t} (ns) is {@code value}.
     */
    void value(long t, String entity, String metric, double value);
  }

  /** What the series has written of one flow so far. */
  private static final class FlowRows {
    /** "bulk.1/up", once known; null while its client is not known yet. */
    String entity;

    /** Whether it is no client's flow (a connection the run did not make): no rows. */
    boolean none;

    boolean done;
    long delivered;
    long rttSamples;
    double rttSum;
  }

  private final long interval;
  private final Appendable out;
  private final FlowMetrics flows;
  private final LinkMetrics links;
  private final List<FlowRows> rows = new ArrayList<>();

  /** The applications' records of the run, as they are made; null until {@link #names}. */
  private List<AppRecord> apps = List.of();

  /** Client records by "NODE TUPLE", the latest of a 4-tuple used again. Never iterated. */
  private final Map<String, AppRecord> clients = new LinkedHashMap<>();

  private int appsIndexed;

  private Listener listener = (t, entity, metric, value) -> {};

  /** The flows before this index are done. */
  private int firstOpen;

  /** The end of the current interval. */
  private long next;

  /**
   * A series of {@code flows} and {@code links} every {@code interval} nanoseconds, written to
   * {@code out}; it tells {@code links} to report to it.
   */
  public TimeSeries(long interval, Appendable out, FlowMetrics flows, LinkMetrics links) {
    if (interval <= 0) {
      throw new IllegalArgumentException("a time series needs a positive interval: " + interval);
    }
    this.interval = interval;
    this.out = out;
    this.flows = flows;
    this.links = links;
    this.next = interval;
    links.feed(this);
    write(HEADER + "\n");
  }

  /**
   * Names the flows from {@code records}, the run's applications' records as the run makes them
   * ({@code Experiment.apps()}): a client's flow is named after its client.
   */
  public void names(List<AppRecord> records) {
    this.apps = records;
  }

  /** Tells {@code l} every value written from now on. */
  public void listen(Listener l) {
    this.listener = l;
  }

  @Override
  public Set<EventKind> kinds() {
    return flows.kinds();
  }

  @Override
  public void accept(TraceEvent event) {
    advance(event.t());
  }

  @Override
  public void packet(PacketFields event) {
    advance(event.t());
  }

  @Override
  public void congestion(CongestionFields event) {
    advance(event.t());
  }

  @Override
  public void application(ApplicationFields event) {
    advance(event.t());
  }

  /** The start of the current interval. */
  long intervalStart() {
    return next - interval;
  }

  /** Virtual time has reached {@code t}: writes the rows of every interval that ended by then. */
  void advance(long t) {
    while (t >= next) {
      writeInterval(next);
      next += interval;
    }
  }

  @Override
  public void end(RunResult result) {
    advance(result.end());
    if (result.end() > intervalStart()) {
      writeInterval(result.end()); // the last, shorter interval
    }
  }

  /** The rows of the interval from {@link #intervalStart()} to {@code until}. */
  private void writeInterval(long until) {
    long start = intervalStart();
    long span = until - start;
    List<End> ends = flows.ends();
    while (rows.size() < ends.size()) {
      rows.add(new FlowRows());
    }
    for (int i = firstOpen; i < ends.size(); i++) {
      End end = ends.get(i);
      FlowRows flow = rows.get(i);
      if (flow.done || flow.none) {
        continue;
      }
      if (end.written > 0 && named(end, flow)) {
        long bytes = end.delivered - flow.delivered;
        row(start, flow.entity, "throughput", rate(bytes, span));
        if (end.cwnd >= 0) {
          row(start, flow.entity, "cwnd", end.cwnd);
        }
        if (end.rttSamples > flow.rttSamples) {
          double mean = (end.rttSum - flow.rttSum) / (end.rttSamples - flow.rttSamples);
          row(start, flow.entity, "rtt", Math.round(mean));
        }
      }
      // What the interval saw is behind us, rows or not (a handshake's RTT sample).
      flow.delivered = end.delivered;
      flow.rttSamples = end.rttSamples;
      flow.rttSum = end.rttSum;
      flow.done = end.finished;
    }
    while (firstOpen < ends.size() && (rows.get(firstOpen).done || rows.get(firstOpen).none)) {
      firstOpen++;
    }
    for (LinkMetrics.Queue q : links.queues()) {
      if (q == null) {
        continue;
      }
      if (!q.intervalActive) {
        q.closeInterval(until);
        continue;
      }
      String entity = q.link.name();
      double queue = q.intervalMean(until);
      write(start + "," + entity + ",queue," + decimal(queue) + "\n");
      listener.value(start, entity, "queue", queue);
      if (q.intervalSojourns > 0) {
        row(start, entity, "sojourn", Math.round(q.intervalSojournSum / q.intervalSojourns));
      }
      row(start, entity, "drops", q.intervalDrops);
      if (q.marks > 0) {
        row(start, entity, "marks", q.intervalMarks); // from the first mark on (ECN, RFC 3168 5)
      }
      row(start, entity, "throughput", rate(q.intervalBytes, span));
      q.closeInterval(until);
    }
  }

  /** Bytes over {@code span} nanoseconds, in bit/s. */
  private static long rate(long bytes, long span) {
    return span <= 0 ? 0 : Math.round(bytes * 8e9 / span);
  }

  /** Finds the flow's name once its client is known; false while it is not. */
  private boolean named(End end, FlowRows flow) {
    if (flow.entity != null) {
      return true;
    }
    indexApps();
    AppRecord own = clients.get(key(end));
    if (own != null) {
      flow.entity = own.flow() + "/up";
      return true;
    }
    AppRecord peer = end.peer == null ? null : clients.get(key(end.peer));
    if (peer != null) {
      flow.entity = peer.flow() + "/down";
      return true;
    }
    if (end.peer != null) {
      flow.none = true; // both ends known, neither a client's
    }
    return false;
  }

  private String key(End end) {
    return flows.index().node(end.node) + " " + end.conn;
  }

  /** Indexes the client records made since the last call that know their connection. */
  private void indexApps() {
    while (appsIndexed < apps.size()) {
      AppRecord app = apps.get(appsIndexed);
      if (app.tuple() == null) {
        return; // being connected: its connection is known by the next interval
      }
      if (app.flow() != null) {
        clients.put(app.node() + " " + app.tuple(), app);
      }
      appsIndexed++;
    }
  }

  /** A row of a whole number. */
  private void row(long t, String entity, String metric, long value) {
    write(t + "," + entity + "," + metric + "," + value + "\n");
    listener.value(t, entity, metric, (double) value);
  }

  private void write(String text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mean queue length with at most three decimals: 0, 2.5, 17.333. */
  private static String decimal(double value) {
    return BigDecimal.valueOf(value)
        .setScale(3, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }
}
