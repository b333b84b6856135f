package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.LongSupplier;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * PIE, Proportional Integral controller Enhanced (RFC 8033): drops arriving packets at random with
 * a probability that a controller updates every {@code updateInterval} from the queueing delay, so
 * that the delay settles near {@code target} whatever the load.
 *
 * <p>The queueing delay is measured with timestamps (RFC 8033 4.3's alternative to the departure
 * rate): the sojourn time of the packet last dequeued, 0 once the queue is found empty. The update
 * (RFC 8033 4.2, with the scaling of small probabilities and the cap on large steps of its
 * pseudocode, section 5) is {@code p += alpha (qdelay - target) + beta (qdelay - qdelay_old)},
 * times in seconds; with both delays 0 the probability decays by 2% instead. The updates run on the
 * update clock's ticks, caught up on each arrival and departure (the queue has no timer of its own;
 * an idle queue's ticks all see a delay of 0, and once nothing changes any more the rest are
 * skipped). The burst allowance (RFC 8033 4.4) lets bursts of up to {@code maxBurst} in unharmed
 * after the queue was calm; RFC 8033 4.1's early-drop tests spare a packet while the delay and
 * probability are low or the queue holds at most two packets of 1500 bytes. With {@code ecn}, an
 * ECN-capable packet is marked Congestion Experienced instead of dropped while the probability is
 * at most 10% (RFC 8033 5.1's mark_ecnth). Drops have cause {@link DropCause#AQM}, arrivals at the
 * hard limit {@link DropCause#QUEUE}. Random draws come from the direction's "queue" stream, one
 * per packet that reaches the random test. Not modelled: RFC 8033 4.5's de-randomization and 4.6's
 * inactive state.
 */
public final class PieQueue implements QueueDiscipline {

  /** RFC 8033 5.1: marks instead of drops only while the drop probability is at most this. */
  static final double MARK_THRESHOLD = 0.1;

  /** RFC 8033 4.1: a queue of at most two mean packets (of 1500 bytes) is never dropped from. */
  static final long SMALL_QUEUE_BYTES = 2 * 1500;

  /**
   * What a PIE queue is made from (RFC 8033); build one with {@link #builder()}.
   *
   * @param target the queueing delay PIE aims at (RFC 8033 QDELAY_REF: 15 ms)
   * @param updateInterval how often the probability is updated (T_UPDATE: 15 ms)
   * @param alpha the weight of the delay's distance from target, per second (0.125)
   * @param beta the weight of the delay's change since the last update, per second (1.25)
   * @param maxBurst the burst PIE lets in without drops after a calm queue (MAX_BURST: 150 ms)
   * @param limitPackets the hard limit in packets
   * @param ecn whether an ECN-capable packet is marked instead of dropped (RFC 8033 5.1)
   */
  public record Spec(
      long target,
      long updateInterval,
      double alpha,
      double beta,
      long maxBurst,
      int limitPackets,
      boolean ecn)
      implements QueueDiscipline.Spec {
    public static final long DEFAULT_TARGET = Time.millis(15);
    public static final long DEFAULT_UPDATE_INTERVAL = Time.millis(15);
    public static final double DEFAULT_ALPHA = 0.125;
    public static final double DEFAULT_BETA = 1.25;
    public static final long DEFAULT_MAX_BURST = Time.millis(150);

    public Spec {
      checkArgument(target > 0, "PIE target must be positive, got %s", Time.format(target));
      checkArgument(
          updateInterval > 0,
          "PIE update interval must be positive, got %s",
          Time.format(updateInterval));
      checkArgument(alpha >= 0 && alpha <= 100, "PIE alpha must be within [0, 100], got %s", alpha);
      checkArgument(beta >= 0 && beta <= 100, "PIE beta must be within [0, 100], got %s", beta);
      checkArgument(
          maxBurst >= 0, "PIE max burst must not be negative, got %s", Time.format(maxBurst));
      checkArgument(limitPackets > 0, "PIE limit must be at least 1 packet, got %s", limitPackets);
    }

    /**
     * A builder holding RFC 8033's defaults (15 ms, 15 ms, 0.125, 1.25, 150 ms) and a limit of 1000
     * packets, dropping.
     */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
      return new Builder()
          .target(target)
          .updateInterval(updateInterval)
          .alpha(alpha)
          .beta(beta)
          .maxBurst(maxBurst)
          .limitPackets(limitPackets)
          .ecn(ecn);
    }

    /** Builds a {@link Spec} by name, one setter per parameter, so that no two can be swapped. */
    public static final class Builder {
      private long target = DEFAULT_TARGET;
      private long updateInterval = DEFAULT_UPDATE_INTERVAL;
      private double alpha = DEFAULT_ALPHA;
      private double beta = DEFAULT_BETA;
      private long maxBurst = DEFAULT_MAX_BURST;
      private int limitPackets = LinkConfig.DEFAULT_QUEUE_PACKETS;
      private boolean ecn;

      private Builder() {}

      /** The queueing delay PIE aims at, in nanoseconds. */
      public Builder target(long value) {
        this.target = value;
        return this;
      }

      /** How often the probability is updated, in nanoseconds. */
      public Builder updateInterval(long value) {
        this.updateInterval = value;
        return this;
      }

      /** The weight of the delay's distance from target, per second. */
      public Builder alpha(double value) {
        this.alpha = value;
        return this;
      }

      /** The weight of the delay's change since the last update, per second. */
      public Builder beta(double value) {
        this.beta = value;
        return this;
      }

      /** The burst let in without drops after a calm queue, in nanoseconds. */
      public Builder maxBurst(long value) {
        this.maxBurst = value;
        return this;
      }

      /** The hard limit in packets. */
      public Builder limitPackets(int value) {
        this.limitPackets = value;
        return this;
      }

      /** Marking ECN-capable packets instead of dropping them, or not. */
      public Builder ecn(boolean value) {
        this.ecn = value;
        return this;
      }

      /** The spec; fails as the record does on a value out of range. */
      public Spec build() {
        return new Spec(target, updateInterval, alpha, beta, maxBurst, limitPackets, ecn);
      }
    }

    @Override
    public QueueDiscipline create(UniformRandomProvider random, LongSupplier bandwidth) {
      return new PieQueue(this, checkNotNull(random, "random"));
    }

    @Override
    public boolean drawsRandom() {
      return true;
    }
  }

  private final Spec spec;
  private final UniformRandomProvider random;
  private final TimedPacketFifo queue = new TimedPacketFifo();

  private double dropProbability;
  private long qdelay;
  private long qdelayOld;
  private long burstAllowance;
  private long nextUpdate;

  PieQueue(Spec spec, UniformRandomProvider random) {
    this.spec = spec;
    this.random = random;
    this.burstAllowance = spec.maxBurst();
    this.nextUpdate = spec.updateInterval();
  }

  /** The drop probability now. */
  public double dropProbability() {
    return dropProbability;
  }

  /** The queueing delay the controller last measured, in nanoseconds. */
  public long queueDelay() {
    return qdelay;
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now) {
    catchUp(now);
    if (queue.size() >= spec.limitPackets()) {
      return DropCause.QUEUE;
    }
    if (dropEarly()
        && !(spec.ecn() && dropProbability <= MARK_THRESHOLD && packet.markCongestion())) {
      return DropCause.AQM;
    }
    queue.add(packet, now);
    return null;
  }

  /** RFC 8033 4.1, drop_early(). */
  private boolean dropEarly() {
    if (burstAllowance > 0) {
      return false;
    }
    if (qdelayOld < spec.target() / 2 && dropProbability < 0.2) {
      return false;
    }
    if (queue.bytes() <= SMALL_QUEUE_BYTES) {
      return false;
    }
    return random.nextDouble() < dropProbability;
  }

  @Override
  public @Nullable Packet dequeue(long now, DropSink drops) {
    catchUp(now);
    if (queue.size() == 0) {
      qdelay = 0;
      return null;
    }
    qdelay = now - queue.oldestEnqueuedAt();
    return queue.poll();
  }

  /** Runs the updates due by {@code now}, on the update clock's ticks. */
  private void catchUp(long now) {
    while (now >= nextUpdate) {
      boolean settled = qdelay == 0 && qdelayOld == 0 && dropProbability == 0;
      if (settled && burstAllowance == spec.maxBurst()) {
        // Nothing changes on the ticks to come while the queue stays calm: skip to the next one.
        long ticks = (now - nextUpdate) / spec.updateInterval() + 1;
        nextUpdate = Time.after(nextUpdate, ticks * spec.updateInterval());
        return;
      }
      update();
      nextUpdate = Time.after(nextUpdate, spec.updateInterval());
    }
  }

  /** RFC 8033 4.2 and 4.4: calculate_drop_prob() and the burst allowance. */
  void update() {
    double seconds = Time.SECOND;
    double p =
        spec.alpha() * (qdelay - spec.target()) / seconds
            + spec.beta() * (qdelay - qdelayOld) / seconds;
    // Small probabilities move in small steps (RFC 8033 4.2's auto-tuning of alpha and beta).
    if (dropProbability < 0.000001) {
      p /= 2048;
    } else if (dropProbability < 0.00001) {
      p /= 512;
    } else if (dropProbability < 0.0001) {
      p /= 128;
    } else if (dropProbability < 0.001) {
      p /= 32;
    } else if (dropProbability < 0.01) {
      p /= 8;
    } else if (dropProbability < 0.1) {
      p /= 2;
    }
    if (dropProbability >= 0.1 && p > 0.02) {
      p = 0.02; // no sudden large increase (RFC 8033 section 5's pseudocode)
    }
    dropProbability += p;
    if (qdelay == 0 && qdelayOld == 0) {
      dropProbability *= 0.98; // decay while the queue is empty
    }
    dropProbability = Math.max(0, Math.min(1, dropProbability));
    burstAllowance = Math.max(0, burstAllowance - spec.updateInterval());
    if (dropProbability == 0 && qdelay < spec.target() / 2 && qdelayOld < spec.target() / 2) {
      burstAllowance = spec.maxBurst(); // calm: the next burst may pass (RFC 8033 4.4)
    }
    qdelayOld = qdelay;
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
