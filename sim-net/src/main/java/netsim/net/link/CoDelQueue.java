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
 * CoDel, Controlled Delay (RFC 8289): watches each packet's sojourn time, the time it waited in the
 * queue, and drops at dequeue once the sojourn time has stayed at or above {@code target} for at
 * least {@code interval}. It then keeps dropping, the next drop {@code interval / sqrt(count)}
 * after the previous one, until the sojourn time falls below target. Drops go to the link's drop
 * sink with cause {@link DropCause#AQM}; a packet arriving at the hard limit is dropped with cause
 * {@link DropCause#QUEUE}. Deterministic: it draws no random numbers.
 *
 * <p>The enqueue times live in a ring of primitive longs beside the ring of packets.
 */
public final class CoDelQueue implements QueueDiscipline {

  /**
   * The parameters of a CoDel queue: RFC 8289's two, and a hard limit.
   *
   * @param target the acceptable standing queue delay (RFC 8289: 5 ms)
   * @param interval the window in which the delay must fall below target once (RFC 8289: 100 ms)
   * @param limitPackets the hard limit in packets
   */
  public record Spec(long target, long interval, int limitPackets) implements QueueDiscipline.Spec {
    public static final long DEFAULT_TARGET = Time.millis(5);
    public static final long DEFAULT_INTERVAL = Time.millis(100);

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

  private Packet[] packets = new Packet[16];
  private long[] enqueuedAt = new long[16];
  private int head;
  private int size;
  private long bytes;

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
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now) {
    if (size >= limit) {
      return DropCause.QUEUE;
    }
    if (size == packets.length) {
      grow();
    }
    int tail = (head + size) & (packets.length - 1);
    packets[tail] = packet;
    enqueuedAt[tail] = now;
    size++;
    int length = packet.totalLength();
    bytes += length;
    maxPacket = Math.max(maxPacket, length);
    return null;
  }

  private void grow() {
    Packet[] newPackets = new Packet[packets.length * 2];
    long[] newTimes = new long[packets.length * 2];
    for (int i = 0; i < size; i++) {
      int from = (head + i) & (packets.length - 1);
      newPackets[i] = packets[from];
      newTimes[i] = enqueuedAt[from];
    }
    packets = newPackets;
    enqueuedAt = newTimes;
    head = 0;
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
      while (dropping && now >= dropNext) {
        drops.drop(checkNotNull(packet), DropCause.AQM);
        count++;
        packet = doDequeue(now);
        if (!okToDrop) {
          dropping = false;
        } else {
          dropNext = controlLaw(dropNext, count);
        }
      }
    } else if (okToDrop) {
      drops.drop(checkNotNull(packet), DropCause.AQM);
      packet = doDequeue(now);
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
    if (size == 0) {
      firstAboveTime = 0; // an empty queue is not above target
      return null;
    }
    Packet packet = packets[head];
    long sojourn = now - enqueuedAt[head];
    packets[head] = null;
    head = (head + 1) & (packets.length - 1);
    size--;
    bytes -= packet.totalLength();
    if (sojourn < target || bytes <= maxPacket) {
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
    while (size > 0) {
      Packet packet = packets[head];
      packets[head] = null;
      head = (head + 1) & (packets.length - 1);
      size--;
      bytes -= packet.totalLength();
      drops.drop(packet, cause);
    }
    firstAboveTime = 0;
    dropping = false;
  }

  @Override
  public int packets() {
    return size;
  }

  @Override
  public long bytes() {
    return bytes;
  }
}
