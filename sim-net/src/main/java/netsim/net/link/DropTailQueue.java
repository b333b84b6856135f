package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.LongSupplier;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/** A FIFO queue that drops arriving packets when it holds its limit of packets or bytes. */
public final class DropTailQueue implements QueueDiscipline {

  /**
   * A drop-tail queue of at most {@code limitPackets} packets and {@code limitBytes} bytes.
   *
   * @param limitPackets the most packets it holds (Linux's default txqueuelen is 1000)
   * @param limitBytes the most bytes it holds, or 0 for no byte limit
   */
  public record Spec(int limitPackets, long limitBytes) implements QueueDiscipline.Spec {
    public Spec {
      checkArgument(
          limitPackets > 0, "queue limit must be at least 1 packet, got %s", limitPackets);
      checkArgument(limitBytes >= 0, "queue byte limit must not be negative, got %s", limitBytes);
    }

    @Override
    public QueueDiscipline create(UniformRandomProvider random, LongSupplier bandwidth) {
      return new DropTailQueue(this);
    }

    @Override
    public boolean drawsRandom() {
      return false;
    }
  }

  private final Spec spec;
  private final PacketFifo queue = new PacketFifo();

  DropTailQueue(Spec spec) {
    this.spec = spec;
  }

  @Override
  public @Nullable DropCause enqueue(Packet packet, long now) {
    int size = packet.totalLength();
    if (queue.size() >= spec.limitPackets()
        || (spec.limitBytes() > 0 && queue.bytes() + size > spec.limitBytes())) {
      return DropCause.QUEUE;
    }
    queue.add(packet);
    return null;
  }

  @Override
  public @Nullable Packet dequeue(long now, DropSink drops) {
    return queue.poll();
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
