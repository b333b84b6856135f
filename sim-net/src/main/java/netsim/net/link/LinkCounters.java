package netsim.net.link;

import java.util.EnumMap;
import java.util.Map;
import netsim.net.packet.DropCause;

/** What happened to the packets offered to one link direction. */
public final class LinkCounters {
  private static final DropCause[] CAUSES = DropCause.values();

  long offered;
  long offeredBytes;
  long delivered;
  long deliveredBytes;
  long duplicated;
  long reordered;
  long corrupted;
  long marked;
  int queueHighWater;
  long queueHighWaterBytes;
  private final long[] dropped = new long[CAUSES.length];

  void drop(DropCause cause) {
    dropped[cause.ordinal()]++;
  }

  /** Packets offered to the direction by the sending node. */
  public long offered() {
    return offered;
  }

  public long offeredBytes() {
    return offeredBytes;
  }

  /** Packets that reached the far end (including corrupted ones that were discarded there). */
  public long delivered() {
    return delivered;
  }

  public long deliveredBytes() {
    return deliveredBytes;
  }

  public long duplicated() {
    return duplicated;
  }

  /** Packets sent ahead of their turn by netem-style reordering. */
  public long reordered() {
    return reordered;
  }

  /** Packets in which a bit was flipped. */
  public long corrupted() {
    return corrupted;
  }

  /**
   * Packets the queue marked Congestion Experienced instead of dropping them (RFC 3168 5): an AQM's
   * congestion signal, like a drop with cause {@link DropCause#AQM}, to an ECN-capable transport.
   */
  public long marked() {
    return marked;
  }

  /** The most packets ever waiting in the queue. */
  public int queueHighWater() {
    return queueHighWater;
  }

  /** The most bytes ever waiting in the queue. */
  public long queueHighWaterBytes() {
    return queueHighWaterBytes;
  }

  public long dropped(DropCause cause) {
    return dropped[cause.ordinal()];
  }

  public long droppedTotal() {
    long total = 0;
    for (long d : dropped) {
      total += d;
    }
    return total;
  }

  /** The non-zero drop counts by cause, in cause order. */
  public Map<DropCause, Long> drops() {
    Map<DropCause, Long> drops = new EnumMap<>(DropCause.class);
    for (DropCause cause : CAUSES) {
      if (dropped[cause.ordinal()] > 0) {
        drops.put(cause, dropped[cause.ordinal()]);
      }
    }
    return drops;
  }
}
