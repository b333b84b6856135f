package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.LongSupplier;
import netsim.core.Time;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * CoDel, Controlled Delay (RFC 8289): watches each packet's sojourn time, the time it waited in the
 * queue, and drops at dequeue once the sojourn time has stayed at or above {@code target} for at
 * least {@code interval}. It then keeps dropping, the next drop {@code interval / sqrt(count)}
 * after the previous one, until the sojourn time falls below target. Drops go to the link's drop
 * sink with cause {@link DropCause#AQM}; a packet arriving at the hard limit is dropped with cause
 * {@link DropCause#QUEUE}. With {@code ecn}, an ECN-capable packet due for a drop is marked
 * Congestion Experienced and sent instead (as Linux's codel does: the mark ends that round of
 * drops, and the next signal comes at the control law's time). Deterministic: it draws no random
 * numbers.
 *
 * <p>The enqueue times live in a {@link TimedPacketFifo}, primitive longs beside the packets.
 */
public final class CoDelQueue implements QueueDiscipline {

  /**
   * The parameters of a CoDel queue: RFC 8289's two, and a hard limit.
   *
   * @param target the acceptable standing queue delay (RFC 8289: 5 ms)
   * @param interval the window in which the delay must fall below target once (RFC 8289: 100 ms)
   * @param limitPackets the hard limit in packets
   * @param ecn whether an ECN-capable packet is marked Congestion Experienced instead of dropped
   *     (RFC 8289 5.5, RFC 3168 5)
   */
  public record Spec(long target, long interval, int limitPackets, boolean ecn)
      implements QueueDiscipline.Spec {
    public static final long DEFAULT_TARGET = Time.millis(5);
    public static final long DEFAULT_INTERVAL = Time.millis(100);

    /** Dropping, never marking. */
    public Spec(long target, long interval, int limitPackets) {
      this(target, interval, limitPackets, false);
    }

    public Spec {
      checkArgument(target > 0, "CoDel target must be positive, got %s", Time.format(target));
      checkArgument(interval > 0, "CoDel interval must be positive, got %s", Time.format(interval));
      checkArgument(
          limitPackets > 0, "CoDel limit must be at least 1 packet, got %s", limitPackets);
    }

    /** RFC 8289's target (5 ms) and interval (100 ms) with a hard limit. */
    public static Spec of(int limitPackets) {
      return new Spec(DEFAULT_TARGET, DEFAULT_INTERVAL, limitPackets);
    }

    @Override
    public QueueDiscipline create(UniformRandomProvider random, LongSupplier bandwidth) {
      return new CoDelQueue(this);
    }

    @Override
    public boolean drawsRandom() {
      return false;
    }
  }

  private final long target;
  private final long interval;
  private final int limit;
  private final boolean ecn;

  private final TimedPacketFifo queue = new TimedPacketFifo();

  /** The largest packet seen: a queue holding no more than this is never "above target". */
  private int maxPacket;

  /** When the sojourn time went above target plus interval, or 0 when it is below target. */
  private long firstAboveTime;

  private long dropNext;
  private int count;
  private int lastCount;
  private boolean dropping;

  /** Whether the last {@link #doDequeue} found it is time to drop (RFC 8289's ok_to_drop). */
  private boolean okToDrop;

  CoDelQueue(Spec spec) {
    this.target = spec.target();
    this.interval = spec.interval();
    this.limit = spec.limitPackets();
    this.ecn = spec.ecn();
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now) {
    if (queue.size() >= limit) {
      return DropCause.QUEUE;
    }
    add(packet, now);
    return null;
  }

  /** Queues {@code packet} without the limit check (FQ-CoDel checks its own limit). */
  void add(Packet packet, long now) {
    queue.add(packet, now);
    maxPacket = Math.max(maxPacket, packet.totalLength());
  }

  /** Drops the oldest packet, as FQ-CoDel does to its fattest flow when full (RFC 8290 4.1). */
  @Nullable Packet removeOldest() {
    return queue.poll();
  }

  /** RFC 8289's dequeue: the state machine of drop intervals around {@link #doDequeue}. */
  @Override
  public @Nullable Packet dequeue(long now, DropSink drops) {
    Packet packet = doDequeue(now);
    if (dropping) {
      if (!okToDrop) {
        dropping = false; // sojourn time below target: leave the dropping state
      }
      // Time for the next drop (maybe several, when the backlog is large).
      while (packet != null && dropping && now >= dropNext) {
        count++;
        if (ecn && packet.markCongestion()) {
          dropNext = controlLaw(dropNext, count); // RFC 3168 5: the mark is the signal
          break;
        }
        drops.drop(packet, DropCause.AQM);
        packet = doDequeue(now);
        if (!okToDrop) {
          dropping = false;
        } else {
          dropNext = controlLaw(dropNext, count);
        }
      }
    } else if (okToDrop && packet != null) {
      if (!(ecn && packet.markCongestion())) {
        drops.drop(packet, DropCause.AQM);
        packet = doDequeue(now);
      }
      dropping = true;
      // If we were dropping recently, start from the drop rate that controlled the queue then
      // (RFC 8289 section 5.5, the Linux variant).
      int delta = count - lastCount;
      count = 1;
      if (delta > 1 && now - dropNext < 16 * interval) {
        count = delta;
      }
      dropNext = controlLaw(now, count);
      lastCount = count;
    }
    return packet;
  }

  /** Takes the head packet and decides whether its sojourn time makes it ok to drop. */
  private @Nullable Packet doDequeue(long now) {
    okToDrop = false;
    if (queue.size() == 0) {
      firstAboveTime = 0; // an empty queue is not above target
      return null;
    }
    long sojourn = now - queue.oldestEnqueuedAt();
    Packet packet = queue.poll();
    if (sojourn < target || queue.bytes() <= maxPacket) {
      firstAboveTime = 0; // went below: stay below for at least an interval
    } else if (firstAboveTime == 0) {
      firstAboveTime = Time.after(now, interval); // just went above: drop if still above then
    } else if (now >= firstAboveTime) {
      okToDrop = true;
    }
    return packet;
  }

  private long controlLaw(long time, int n) {
    return Time.after(time, (long) (interval / Math.sqrt(n)));
  }

  @Override
  public void flush(DropSink drops, DropCause cause) {
    queue.flush(drops, cause);
    firstAboveTime = 0;
    dropping = false;
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
