package netsim.net.link;

import java.util.ArrayDeque;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/** The first-in first-out store of a queue discipline, counting the packets and bytes it holds. */
final class PacketFifo {
  private final ArrayDeque<Packet> packets = new ArrayDeque<>();
  private long bytes;

  void add(Packet packet) {
    packets.add(packet);
    bytes += packet.totalLength();
  }

  /** Removes the oldest packet, or returns null when empty. */
  @Nullable Packet poll() {
    Packet packet = packets.poll();
    if (packet != null) {
      bytes -= packet.totalLength();
    }
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
    return packets.size();
  }

  boolean isEmpty() {
    return packets.isEmpty();
  }

  long bytes() {
    return bytes;
  }
}
