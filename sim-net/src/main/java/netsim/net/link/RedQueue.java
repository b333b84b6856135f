package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import netsim.net.Packet;
import netsim.net.packet.DropCause;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Random Early Detection (Floyd and Jacobson, "Random Early Detection Gateways for Congestion
 * Avoidance", 1993): drops arriving packets with a probability that grows with an exponentially
 * weighted moving average of the queue size, so that senders back off before the queue is full.
 *
 * <p>On each arrival the average is updated, {@code avg = (1 - wq) avg + wq q}, or aged as if
 * {@code m} empty-queue samples had been taken when the packet finds the queue empty ({@code m} =
 * idle time / {@link Spec#idlePacketTime()}). Below {@code minThreshold} nothing is dropped;
 * between the thresholds the base probability is {@code pb = maxP (avg - min) / (max - min)}, and a
 * packet arriving {@code count} packets after the last drop is dropped with {@code pa = pb / (1 -
 * count pb)}, which spreads drops evenly: the gap between drops is uniform on 1 to 1/pb. At or
 * above {@code maxThreshold} every packet is dropped, unless {@code gentle}, where the probability
 * rises linearly from {@code maxP} to 1 up to twice the maximum. These drops have cause {@link
 * DropCause#AQM}; a packet that passes RED but finds the queue at its hard limit is dropped with
 * cause {@link DropCause#QUEUE}. Random draws come from the direction's "queue" stream.
 */
public final class RedQueue implements QueueDiscipline {

  /**
   * RED's parameters. Start from {@link #packets} or {@link #bytes} and adjust with the {@code
   * with} methods.
   *
   * @param byteMode whether the queue size, thresholds and limit count bytes (and the drop
   *     probability scales with packet size, {@code pb * size / maxPacketSize}) instead of packets
   * @param minThreshold the average below which nothing is dropped
   * @param maxThreshold the average at which the drop probability reaches {@code maxP}
   * @param maxP the drop probability at {@code maxThreshold}
   * @param weight the EWMA weight {@code wq} of each new sample, in (0, 1]
   * @param gentle whether the probability rises gradually to 1 between max and twice max
   * @param limit the hard limit of the queue, in packets or bytes
   * @param idlePacketTime the transmission time of a typical small packet ({@code s} in the paper)
   *     in nanoseconds, by which idle time ages the average; 0 to leave the average unchanged while
   *     idle
   * @param maxPacketSize the packet size for byte mode's scaling, in bytes
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
      int maxPacketSize)
      implements QueueDiscipline.Spec {

    /** Floyd and Jacobson's suggested weight. */
    public static final double DEFAULT_WEIGHT = 0.002;

    public static final int DEFAULT_MAX_PACKET_SIZE = 1500;

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
          maxPacketSize > 0, "RED max packet size must be positive, got %s", maxPacketSize);
    }

    /** Packet mode with the default weight, not gentle, no idle ageing. */
    public static Spec packets(
        double minThreshold, double maxThreshold, double maxP, long limitPackets) {
      return new Spec(
          false,
          minThreshold,
          maxThreshold,
          maxP,
          DEFAULT_WEIGHT,
          false,
          limitPackets,
          0,
          DEFAULT_MAX_PACKET_SIZE);
    }

    /** Byte mode with the default weight, not gentle, no idle ageing. */
    public static Spec bytes(
        double minThreshold, double maxThreshold, double maxP, long limitBytes) {
      return new Spec(
          true,
          minThreshold,
          maxThreshold,
          maxP,
          DEFAULT_WEIGHT,
          false,
          limitBytes,
          0,
          DEFAULT_MAX_PACKET_SIZE);
    }

    public Spec withWeight(double newWeight) {
      return new Spec(
          byteMode,
          minThreshold,
          maxThreshold,
          maxP,
          newWeight,
          gentle,
          limit,
          idlePacketTime,
          maxPacketSize);
    }

    public Spec withGentle(boolean newGentle) {
      return new Spec(
          byteMode,
          minThreshold,
          maxThreshold,
          maxP,
          weight,
          newGentle,
          limit,
          idlePacketTime,
          maxPacketSize);
    }

    public Spec withIdlePacketTime(long nanos) {
      return new Spec(
          byteMode, minThreshold, maxThreshold, maxP, weight, gentle, limit, nanos, maxPacketSize);
    }

    public Spec withMaxPacketSize(int bytes) {
      return new Spec(
          byteMode, minThreshold, maxThreshold, maxP, weight, gentle, limit, idlePacketTime, bytes);
    }

    @Override
    public QueueDiscipline create(UniformRandomProvider random) {
      return new RedQueue(this, checkNotNull(random, "random"));
    }
  }

  private final Spec spec;
  private final UniformRandomProvider random;
  private final PacketFifo queue = new PacketFifo();
  private double average;

  /** Packets let through since the last early drop while the average was above min. */
  private long count;

  /** When the queue last became empty, or -1 if it is not empty (or never held a packet). */
  private long idleSince = -1;

  RedQueue(Spec spec, UniformRandomProvider random) {
    this.spec = spec;
    this.random = random;
  }

  /** The current average queue size, in packets or bytes. */
  public double average() {
    return average;
  }

  @Override
  public DropCause enqueue(Packet packet, long now) {
    int size = packet.totalLength();
    updateAverage(now);
    if (earlyDrop(size)) {
      return DropCause.AQM;
    }
    if (spec.byteMode() ? queue.bytes() + size > spec.limit() : queue.size() >= spec.limit()) {
      return DropCause.QUEUE;
    }
    queue.add(packet);
    idleSince = -1;
    return null;
  }

  private void updateAverage(long now) {
    double w = spec.weight();
    if (queue.isEmpty() && idleSince >= 0 && spec.idlePacketTime() > 0) {
      double m = (double) (now - idleSince) / spec.idlePacketTime();
      average *= StrictMath.pow(1 - w, m);
    } else {
      double q = spec.byteMode() ? queue.bytes() : queue.size();
      average = (1 - w) * average + w * q;
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
      pb = spec.maxP() * (average - min) / (max - min);
    } else if (spec.gentle() && average < 2 * max) {
      pb = spec.maxP() + (1 - spec.maxP()) * (average - max) / max;
    } else {
      count = 0;
      return true;
    }
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

  @Override
  public Packet dequeue(long now, DropSink drops) {
    Packet packet = queue.poll();
    if (packet != null && queue.isEmpty()) {
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
