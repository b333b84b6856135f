package netsim.scenario.metrics;

import java.util.Arrays;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;

/**
 * Measures the queue of every link direction as packets join it, leave it and are dropped
 * (docs/outputs.md, "links"): its length over time (the mean and the 99th percentile weighted by
 * time, and the most packets it held) and the sojourn time of every packet that left it for the
 * transmitter (mean, maximum, the median and the 99th percentile, exact up to {@link
 * Percentiles#EXACT} packets and a P-square estimate beyond). It also keeps, for a {@link
 * TimeSeries}, what happened in the current interval. Per packet it does a few additions on
 * primitive fields: nothing is allocated, and memory grows only with the longest queue (one counter
 * of time per length).
 *
 * <p>The length is measured from the first packet that joined the queue to the last change of its
 * length, so a run's idle tail (TIME-WAIT) does not dilute it.
 *
 * <p>Given a warm-up time ({@link #LinkMetrics(long)}), it also counts the bytes each link
 * direction delivered from then on, for a study of the steady state (a sweep's {@code
 * sweep.warmup}).
 */
public final class LinkMetrics implements PacketObserver {
  /** One link direction's queue, measured. */
  static final class Queue {
    final LinkDirection link;

    /** Whether a packet has joined it yet: nothing is measured before. */
    boolean started;

    /** The packets waiting now, as last reported, and since when. */
    int packets;

    long since;
    long first;
    int max;

    /** Nanoseconds spent at each length, from {@link #first} to {@link #since}. */
    long[] timeAt = new long[16];

    double area;
    long sojourns;
    double sojournSum;
    long sojournMax;
    Percentiles sojournPercentiles;

    /** The current interval of a time series: from {@link #intervalSince}. */
    long intervalSince;

    double intervalArea;
    long intervalSojourns;
    double intervalSojournSum;
    long intervalBytes;
    long intervalDrops;
    long intervalMarks;

    /** Packets marked Congestion Experienced so far: a series has marks rows from the first on. */
    long marks;

    /** Whether something happened in the current interval, or the queue was not empty. */
    boolean intervalActive;

    Queue(LinkDirection link) {
      this.link = link;
    }

    /**
     * The length has been {@link #packets} from {@link #since} to {@code t}; now it is {@code now}.
     */
    void length(long t, int now) {
      if (!started) {
        started = true;
        first = t;
        since = t;
      }
      long span = t - since;
      if (span > 0) {
        if (packets >= timeAt.length) {
          timeAt = Arrays.copyOf(timeAt, Math.max(packets + 1, 2 * timeAt.length));
        }
        timeAt[packets] += span;
        area += (double) packets * span;
        intervalArea += (double) packets * (t - Math.max(since, intervalSince));
      }
      since = t;
      packets = now;
      max = Math.max(max, now);
      intervalActive = true;
    }

    void sojourn(long sojourn) {
      if (sojournPercentiles == null) {
        sojournPercentiles = new Percentiles();
      }
      sojourns++;
      sojournSum += sojourn;
      sojournMax = Math.max(sojournMax, sojourn);
      sojournPercentiles.add(sojourn);
      intervalSojourns++;
      intervalSojournSum += sojourn;
    }

    /** Ends the current interval at {@code t} and starts the next one, empty. */
    void closeInterval(long t) {
      intervalSince = t;
      intervalArea = 0;
      intervalSojourns = 0;
      intervalSojournSum = 0;
      intervalBytes = 0;
      intervalDrops = 0;
      intervalMarks = 0;
      intervalActive = packets > 0;
    }

    /** The mean length over the current interval, which ends at {@code t}. */
    double intervalMean(long t) {
      double area = intervalArea;
      if (started && t > Math.max(since, intervalSince)) {
        area += (double) packets * (t - Math.max(since, intervalSince));
      }
      long span = t - intervalSince;
      return span <= 0 ? packets : area / span;
    }

    /** What was measured over the whole run. */
    FlowsReport.QueueUse use() {
      if (!started) {
        return FlowsReport.QueueUse.EMPTY;
      }
      long span = since - first;
      return new FlowsReport.QueueUse(
          span <= 0 ? packets : area / span,
          span <= 0 ? packets : timePercentile(0.99, span),
          max,
          sojourns,
          sojourns == 0 ? FlowsReport.NONE : Math.round(sojournSum / sojourns),
          sojourns == 0 ? FlowsReport.NONE : sojournPercentiles.p50(),
          sojourns == 0 ? FlowsReport.NONE : sojournPercentiles.p99(),
          sojourns == 0 ? FlowsReport.NONE : sojournMax);
    }

    /** The least length at which the queue spent at least {@code fraction} of {@code span}. */
    private long timePercentile(double fraction, long span) {
      double wanted = fraction * span;
      long sum = 0;
      for (int length = 0; length < timeAt.length; length++) {
        sum += timeAt[length];
        if (sum >= wanted) {
          return length;
        }
      }
      return max;
    }
  }

  private Queue[] queues = new Queue[0];

  /** The warm-up: bytes delivered from this time on are counted; 0 counts nothing. */
  private final long from;

  /** The bytes each link direction delivered from {@link #from} on, by link direction id. */
  private long[] deliveredFrom = new long[0];

  /** Measures the queues. */
  public LinkMetrics() {
    this(0);
  }

  /**
   * Measures the queues, and counts the bytes each link direction delivers from {@code from}
   * (nanoseconds of virtual time; 0 for none) on.
   */
  public LinkMetrics(long from) {
    if (from < 0) {
      throw new IllegalArgumentException("a warm-up is not negative: " + from);
    }
    this.from = from;
  }

  /** The warm-up this measures from, in nanoseconds; 0 for the whole run. */
  public long from() {
    return from;
  }

  /** The bytes {@code link} delivered from the warm-up on (0 without a warm-up). */
  public long deliveredFrom(LinkDirection link) {
    return link.id() < deliveredFrom.length ? deliveredFrom[link.id()] : 0;
  }

  /** The time series told before each change, or null. */
  private TimeSeries series;

  /** Tells {@code timeSeries} of the time of every packet event before it is counted. */
  void feed(TimeSeries timeSeries) {
    this.series = timeSeries;
  }

  /** The queue of {@code link}, made when first seen. */
  private Queue queue(LinkDirection link) {
    int id = link.id();
    if (id >= queues.length) {
      queues = Arrays.copyOf(queues, Math.max(id + 1, 2 * queues.length));
    }
    Queue q = queues[id];
    if (q == null) {
      q = new Queue(link);
      q.intervalSince = series == null ? 0 : series.intervalStart();
      queues[id] = q;
    }
    return q;
  }

  /** The queues seen so far, by link direction id (null for a direction no packet reached). */
  Queue[] queues() {
    return queues;
  }

  /** What {@code link}'s queue held over the run. */
  public FlowsReport.QueueUse use(LinkDirection link) {
    return link.id() < queues.length && queues[link.id()] != null
        ? queues[link.id()].use()
        : FlowsReport.QueueUse.EMPTY;
  }

  @Override
  public void onEnqueue(long time, LinkDirection link, Packet packet) {
    if (series != null) {
      series.advance(time);
    }
    queue(link).length(time, link.queuedPackets());
  }

  @Override
  public void onDequeue(long time, LinkDirection link, Packet packet, long sojourn) {
    if (series != null) {
      series.advance(time);
    }
    Queue q = queue(link);
    q.length(time, link.queuedPackets());
    q.sojourn(sojourn);
    q.intervalBytes += packet.totalLength();
  }

  @Override
  public void onDeliver(long time, LinkDirection link, Packet packet) {
    if (from > 0 && time >= from) {
      int id = link.id();
      if (id >= deliveredFrom.length) {
        deliveredFrom = Arrays.copyOf(deliveredFrom, Math.max(id + 1, 2 * deliveredFrom.length));
      }
      deliveredFrom[id] += packet.totalLength();
    }
  }

  @Override
  public void onMark(long time, Node node, LinkDirection link, Packet packet) {
    if (series != null) {
      series.advance(time);
    }
    Queue q = queue(link);
    q.marks++;
    q.intervalMarks++;
    q.intervalActive = true;
  }

  @Override
  public void onDrop(long time, Node node, LinkDirection link, Packet packet, DropCause cause) {
    if (link == null) {
      return;
    }
    if (series != null) {
      series.advance(time);
    }
    Queue q = queue(link);
    q.intervalDrops++;
    if (q.started && link.queuedPackets() != q.packets) {
      q.length(time, link.queuedPackets()); // it left the queue (CoDel, the link went down)
    }
    q.intervalActive = true;
  }
}
