package netsim.net.link;

import netsim.net.DropCause;
import netsim.net.Packet;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The queue in front of a link direction's transmitter: decides which packets wait and which are
 * dropped (drop-tail, RED, CoDel). Each link direction has its own instance, made from an
 * immutable {@link Spec}.
 */
public interface QueueDiscipline {

  /** Where a discipline reports the packets it drops while dequeuing (CoDel does). */
  @FunctionalInterface
  interface DropSink {
    void drop(Packet packet, DropCause cause);
  }

  /**
   * Offers a packet at time {@code now}.
   *
   * @return null if it was queued, otherwise the cause it was dropped for
   */
  DropCause enqueue(Packet packet, long now);

  /** Removes the next packet to transmit, or returns null when empty. */
  Packet dequeue(long now, DropSink drops);

  /** Drops everything queued (the link went down), reporting each packet. */
  void flush(DropSink drops, DropCause cause);

  int packets();

  long bytes();

  /** An immutable description of a queue discipline, part of a {@link LinkConfig}. */
  sealed interface Spec permits DropTailQueue.Spec {
    QueueDiscipline create(UniformRandomProvider random);
  }
}
