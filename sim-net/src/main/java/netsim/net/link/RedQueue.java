package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.function.LongSupplier;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * Random Early Detection (Floyd and Jacobson, "Random Early Detection Gateways for Congestion
 * Avoidance", 1993): drops arriving packets with a probability that grows with an exponentially
 * weighted moving average of the queue size, so that senders back off before the queue is full.
 *
 * <p>On each arrival the average is updated, {@code avg = (1 - wq) avg + wq q}; a packet that finds
 * the link idle (queue empty, transmitter free) instead ages it as if {@code m} empty-queue samples
 * had been taken while the link was idle: {@code avg = (1 - wq)^m avg}, {@code m = idle time / s},
 * where {@code s} is the transmission time of a typical packet (Floyd and Jacobson, section 11). By
 * default {@code s} is the time the link takes to send {@link Spec#meanPacketSize()} bytes at its
 * current bandwidth (as ns-2 and ns-3 do, with 500 bytes); without this ageing, an average left
 * above {@code maxThreshold} when the queue drained would drop every later arrival and decay only
 * by {@code 1 - wq} per dropped packet, stalling senders in retransmission backoff for good. The
 * link is idle from the moment its transmitter finds the queue empty ({@link #dequeue} returns
 * null) until the next packet is queued; ageing on an arrival that is dropped counts the idle time
 * up to that arrival, so the next one does not count it again.
 *
 * <p>Below {@code minThreshold} nothing is dropped; between the thresholds the base probability is
 * {@code pb = maxP (avg - min) / (max - min)}, and a packet arriving {@code count} packets after
 * the last drop is dropped with {@code pa = pb / (1 - count pb)}, which spreads drops evenly: the
 * gap between drops is uniform on 1 to 1/pb. At or above {@code maxThreshold} every packet is
 * dropped, unless {@code gentle}, where the probability rises linearly from {@code maxP} to 1 up to
 * twice the maximum. These drops have cause {@link DropCause#AQM}; a packet that passes RED but
 * finds the queue at its hard limit is dropped with cause {@link DropCause#QUEUE}. Random draws
 * come from the direction's "queue" stream.
 *
 * <p>With {@code ecn}, a packet RED would drop at random is marked Congestion Experienced instead
 * if it is ECN-capable (RFC 3168 5: "set the CE codepoint ... instead of dropping the packet"), and
 * still counts against the hard limit. The certain drops at or above {@code maxThreshold} (twice it
 * when gentle) stay drops, as in Floyd's ns-2 RED: a queue whose average is that high is
 * overloaded, and marks that let every packet in would leave only the hard limit to stop it
 * (Linux's RED marks there too unless given its harddrop flag).
 *
 * <p>With {@code adaptive} (Floyd, Gummadi and Shenker, "Adaptive RED: An Algorithm for Increasing
 * the Robustness of RED's Active Queue Management", 2001), {@code maxP} is the starting point of a
 * value that RED itself tunes so that the average stays in the middle of the thresholds: at most
 * every {@link Spec#ADAPT_INTERVAL} (checked on arrivals, as ns-2 does), if the average is above
 * {@code min + 0.6 (max - min)} and max_p at most 0.5, max_p grows by {@code min(0.01, max_p / 4)};
 * if it is below {@code min + 0.4 (max - min)} and max_p at least 0.01, max_p shrinks by the factor
 * 0.9. The paper's automatic thresholds and weight are not modelled: they are the user's.
 */
public final class RedQueue implements QueueDiscipline {

  /**
   * RED's parameters. Build one with {@link #builder()}, which names every parameter and holds the
   * defaults; {@link #toBuilder()} changes some of an existing spec's.
   *
   * @param byteMode whether the queue size, thresholds and limit count bytes (and the drop
   *     probability scales with packet size, {@code pb * size / maxPacketSize}) instead of packets
   * @param minThreshold the average below which nothing is dropped
   * @param maxThreshold the average at which the drop probability reaches {@code maxP}
   * @param maxP the drop probability at {@code maxThreshold}
   * @param weight the EWMA weight {@code wq} of each new sample, in (0, 1]
   * @param gentle whether the probability rises gradually to 1 between max and twice max
   * @param limit the hard limit of the queue, in packets or bytes
   * @param idlePacketTime the transmission time of a typical packet ({@code s} in the paper) in
   *     nanoseconds, by which idle time ages the average; 0 to derive it from the link's bandwidth
   *     and {@code meanPacketSize}
   * @param meanPacketSize the typical packet size, in bytes, from which {@code s} is derived
   * @param maxPacketSize the packet size for byte mode's scaling, in bytes
   * @param ecn whether an ECN-capable packet is marked instead of dropped early (RFC 3168 5)
   * @param adaptive whether max_p adapts to keep the average between the thresholds (Adaptive RED)
   */
  public record Spec(
      boolean byteMode,
      double minThreshold,
      double maxThreshold,
      double maxP,
      double weight,
      boolean gentle,
      long limit,
      long idlePacketTime,
      int meanPacketSize,
      int maxPacketSize,
      boolean ecn,
      boolean adaptive)
      implements QueueDiscipline.Spec {

    /** How often Adaptive RED may change max_p (Floyd, Gummadi and Shenker: 0.5 s). */
    public static final long ADAPT_INTERVAL = 500_000_000L;

    /** The drop probability at the max threshold unless given (the YAML default). */
    public static final double DEFAULT_MAX_P = 0.02;

    /** Floyd and Jacobson's suggested weight. */
    public static final double DEFAULT_WEIGHT = 0.002;

    public static final int DEFAULT_MAX_PACKET_SIZE = 1500;

    /** The typical packet of the idle rule, as ns-2's and ns-3's RED assume. */
    public static final int DEFAULT_MEAN_PACKET_SIZE = 500;

    public Spec {
      checkArgument(
          minThreshold >= 0, "RED min threshold must not be negative, got %s", minThreshold);
      checkArgument(
          minThreshold < maxThreshold,
          "RED min threshold must be below the max threshold, got min %s and max %s",
          minThreshold,
          maxThreshold);
      checkArgument(
          maxP > 0 && maxP <= 1, "RED max probability must be within (0, 1], got %s", maxP);
      checkArgument(weight > 0 && weight <= 1, "RED weight must be within (0, 1], got %s", weight);
      checkArgument(limit > 0, "RED limit must be positive, got %s", limit);
      checkArgument(
          idlePacketTime >= 0,
          "RED idle packet time must not be negative, got %s ns",
          idlePacketTime);
      checkArgument(
          meanPacketSize > 0, "RED mean packet size must be positive, got %s", meanPacketSize);
      checkArgument(
          maxPacketSize > 0, "RED max packet size must be positive, got %s", maxPacketSize);
    }

    /**
     * A builder with the defaults: packet mode, max_p {@value #DEFAULT_MAX_P}, weight {@value
     * #DEFAULT_WEIGHT}, not gentle, a limit of {@value LinkConfig#DEFAULT_QUEUE_PACKETS} packets
     * (in byte mode the limit must be given), idle ageing by the link's time for a mean packet of
     * {@value #DEFAULT_MEAN_PACKET_SIZE} bytes, a max packet of {@value #DEFAULT_MAX_PACKET_SIZE}
     * bytes, no ECN, not adaptive. The two thresholds have no default.
     */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
      return new Builder()
          .byteMode(byteMode)
          .minThreshold(minThreshold)
          .maxThreshold(maxThreshold)
          .maxP(maxP)
          .weight(weight)
          .gentle(gentle)
          .limit(limit)
          .idlePacketTime(idlePacketTime)
          .meanPacketSize(meanPacketSize)
          .maxPacketSize(maxPacketSize)
          .ecn(ecn)
          .adaptive(adaptive);
    }

    /**
     * Builds a {@link Spec} by name, one setter per parameter (see the record's parameters), so
     * that no two of its many numbers can be swapped unseen.
     */
    public static final class Builder {
      private boolean byteMode;
      private double minThreshold = Double.NaN;
      private double maxThreshold = Double.NaN;
      private double maxP = DEFAULT_MAX_P;
      private double weight = DEFAULT_WEIGHT;
      private boolean gentle;
      private long limit = UNSET_LIMIT;
      private long idlePacketTime;
      private int meanPacketSize = DEFAULT_MEAN_PACKET_SIZE;
      private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
      private boolean ecn;
      private boolean adaptive;

      private static final long UNSET_LIMIT = -1;

      private Builder() {}

      /** Counting bytes ({@code true}) or packets ({@code false}, the default). */
      public Builder byteMode(boolean value) {
        this.byteMode = value;
        return this;
      }

      public Builder minThreshold(double value) {
        this.minThreshold = value;
        return this;
      }

      public Builder maxThreshold(double value) {
        this.maxThreshold = value;
        return this;
      }

      public Builder maxP(double value) {
        this.maxP = value;
        return this;
      }

      public Builder weight(double value) {
        this.weight = value;
        return this;
      }

      public Builder gentle(boolean value) {
        this.gentle = value;
        return this;
      }

      /** The hard limit, in packets or (in byte mode) bytes. */
      public Builder limit(long value) {
        this.limit = value;
        return this;
      }

      /** A fixed {@code s} for the idle rule, in nanoseconds; 0 derives it from the link. */
      public Builder idlePacketTime(long nanos) {
        this.idlePacketTime = nanos;
        return this;
      }

      public Builder meanPacketSize(int bytes) {
        this.meanPacketSize = bytes;
        return this;
      }

      public Builder maxPacketSize(int bytes) {
        this.maxPacketSize = bytes;
        return this;
      }

      /** Marking ECN-capable packets instead of dropping them early, or not (RFC 3168 5). */
      public Builder ecn(boolean value) {
        this.ecn = value;
        return this;
      }

      /** Adaptive RED, or not: max_p tunes itself from {@link #maxP} on. */
      public Builder adaptive(boolean value) {
        this.adaptive = value;
        return this;
      }

      /**
       * The spec; fails when a threshold is missing, when byte mode has no limit, or when the
       * record rejects a value.
       */
      public Spec build() {
        checkState(
            !Double.isNaN(minThreshold) && !Double.isNaN(maxThreshold),
            "RED needs both thresholds, got min %s and max %s",
            minThreshold,
            maxThreshold);
        checkState(!byteMode || limit != UNSET_LIMIT, "RED in byte mode needs a limit in bytes");
        return new Spec(
            byteMode,
            minThreshold,
            maxThreshold,
            maxP,
            weight,
            gentle,
            limit == UNSET_LIMIT ? LinkConfig.DEFAULT_QUEUE_PACKETS : limit,
            idlePacketTime,
            meanPacketSize,
            maxPacketSize,
            ecn,
            adaptive);
      }
    }

    @Override
    public QueueDiscipline create(UniformRandomProvider random, LongSupplier bandwidth) {
      return new RedQueue(
          this, checkNotNull(random, "random"), checkNotNull(bandwidth, "bandwidth"));
    }

    @Override
    public boolean drawsRandom() {
      return true;
    }
  }

  private final Spec spec;
  private final UniformRandomProvider random;
  private final LongSupplier bandwidth;
  private final PacketFifo queue = new PacketFifo();
  private double average;

  /** max_p now: the spec's, or as Adaptive RED has tuned it. */
  private double maxP;

  /** When Adaptive RED last changed (or considered changing) max_p. */
  private long adaptedAt;

  /**
   * Whether the last early drop was certain (the average at or above max, or twice max when
   * gentle): a drop even for an ECN-capable packet.
   */
  private boolean forced;

  /** Packets let through since the last early drop while the average was above min. */
  private long count;

  /**
   * Since when the link is idle (its transmitter found the queue empty), as far as the average has
   * not yet been aged for it; -1 while the link is busy (or has not been idle since creation).
   */
  private long idleSince = -1;

  RedQueue(Spec spec, UniformRandomProvider random, LongSupplier bandwidth) {
    this.spec = spec;
    this.random = random;
    this.bandwidth = bandwidth;
    this.maxP = spec.maxP();
  }

  /**
   * The transmission time of a typical packet, {@code s}: the spec's, or the link's time for the
   * mean packet at its current bandwidth (0 when the bandwidth is unlimited).
   */
  long idlePacketTime() {
    return spec.idlePacketTime() > 0
        ? spec.idlePacketTime()
        : LinkDirection.transmissionTime(spec.meanPacketSize(), bandwidth.getAsLong());
  }

  /** The current average queue size, in packets or bytes. */
  public double average() {
    return average;
  }

  /** The drop probability at the max threshold now: the spec's, unless Adaptive RED tuned it. */
  public double maxP() {
    return maxP;
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now) {
    int size = packet.totalLength();
    updateAverage(now);
    if (spec.adaptive() && now - adaptedAt >= Spec.ADAPT_INTERVAL) {
      adapt();
      adaptedAt = now;
    }
    if (earlyDrop(size) && (forced || !(spec.ecn() && packet.markCongestion()))) {
      return DropCause.AQM;
    }
    if (spec.byteMode() ? queue.bytes() + size > spec.limit() : queue.size() >= spec.limit()) {
      return DropCause.QUEUE;
    }
    queue.add(packet);
    idleSince = -1; // the link has a packet to send: busy from now
    return null;
  }

  private void updateAverage(long now) {
    double w = spec.weight();
    if (idleSince >= 0) {
      long idle = now - idleSince;
      if (idle > 0) {
        long s = idlePacketTime();
        average = s == 0 ? 0 : average * StrictMath.pow(1 - w, (double) idle / s);
      }
      idleSince = now;
    } else {
      double q = spec.byteMode() ? queue.bytes() : queue.size();
      average = (1 - w) * average + w * q;
    }
  }

  /**
   * Adaptive RED's step (Floyd, Gummadi and Shenker 2001, Figure 5): additive increase of max_p
   * while the average is above the target range, multiplicative decrease while below it.
   */
  private void adapt() {
    double min = spec.minThreshold();
    double range = spec.maxThreshold() - min;
    if (average > min + 0.6 * range && maxP <= 0.5) {
      maxP += Math.min(0.01, maxP / 4);
    } else if (average < min + 0.4 * range && maxP >= 0.01) {
      maxP *= 0.9;
    }
  }

  private boolean earlyDrop(int size) {
    double min = spec.minThreshold();
    double max = spec.maxThreshold();
    double pb;
    if (average < min) {
      count = 0;
      return false;
    } else if (average < max) {
      pb = maxP * (average - min) / (max - min);
    } else if (spec.gentle() && average < 2 * max) {
      pb = maxP + (1 - maxP) * (average - max) / max;
    } else {
      count = 0;
      forced = true;
      return true;
    }
    forced = false;
    if (spec.byteMode()) {
      pb = pb * size / spec.maxPacketSize();
    }
    double spread = 1 - count * pb;
    if (spread <= 0 || random.nextDouble() * spread < pb) {
      count = 0;
      return true;
    }
    count++;
    return false;
  }

  /** The link's transmitter asks for the next packet; finding none, the link is idle from now. */
  @Override
  public @Nullable Packet dequeue(long now, DropSink drops) {
    Packet packet = queue.poll();
    if (packet != null) {
      idleSince = -1;
    } else if (idleSince < 0) {
      idleSince = now;
    }
    return packet;
  }

  @Override
  public void flush(DropSink drops, DropCause cause) {
    queue.flush(drops, cause);
  }

  @Override
  public int packets() {
    return queue.size();
  }

  @Override
  public long bytes() {
    return queue.bytes();
  }
}
