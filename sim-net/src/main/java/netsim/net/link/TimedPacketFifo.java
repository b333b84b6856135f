package netsim.net.link;

import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * The first-in first-out store of a queue discipline that needs each packet's sojourn time (CoDel,
 * FQ-CoDel's flows, PIE): a ring of packets beside a ring of primitive enqueue times, counting the
 * packets and bytes it holds.
 */
final class TimedPacketFifo {
  private Packet[] packets = new Packet[16];
  private long[] enqueuedAt = new long[16];
  private int head;
  private int size;
  private long bytes;

  /** Adds {@code packet} at the tail, enqueued at {@code now}. */
  void add(Packet packet, long now) {
    if (size == packets.length) {
      grow();
    }
    int tail = (head + size) & (packets.length - 1);
    packets[tail] = packet;
    enqueuedAt[tail] = now;
    size++;
    bytes += packet.totalLength();
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

  /** When the oldest packet was added; only while not empty. */
  long oldestEnqueuedAt() {
    return enqueuedAt[head];
  }

  /** Removes the oldest packet, or returns null when empty. */
  @Nullable Packet poll() {
    if (size == 0) {
      return null;
    }
    Packet packet = packets[head];
    packets[head] = null;
    head = (head + 1) & (packets.length - 1);
    size--;
    bytes -= packet.totalLength();
    return packet;
  }

  /** Drops every packet held, oldest first, reporting each with {@code cause}. */
  void flush(DropSink drops, DropCause cause) {
    Packet packet;
    while ((packet = poll()) != null) {
      drops.drop(packet, cause);
    }
  }

  int size() {
    return size;
  }

  long bytes() {
    return bytes;
  }
}
