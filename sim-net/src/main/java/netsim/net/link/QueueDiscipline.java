package netsim.net.link;

import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * The queue in front of a link direction's transmitter: decides which packets wait and which are
 * dropped or, for an ECN-capable packet where the discipline is configured to, marked Congestion
 * Experienced ({@link Packet#markCongestion()}, RFC 3168 5): drop-tail, RED, CoDel, FQ-CoDel, PIE.
 * Each link direction has its own instance, made from an immutable {@link Spec}.
 */
public interface QueueDiscipline {

  /**
   * Offers a packet at time {@code now}.
   *
   * @return null if it was queued, otherwise the cause it was dropped for
   */
  @Nullable DropCause enqueue(Packet packet, long now);

  /**
   * Offers a packet at time {@code now}, reporting to {@code drops} any packet already queued that
   * the discipline drops to make room (FQ-CoDel drops from its fattest flow); by default, {@link
   * #enqueue(Packet, long)}. The link direction calls this one.
   *
   * @return null if it was queued, otherwise the cause it was dropped for
   */
  default @Nullable DropCause enqueue(Packet packet, long now, DropSink drops) {
    return enqueue(packet, now);
  }

  /**
   * Removes the next packet to transmit, or returns null when empty. The link calls it whenever its
   * transmitter is free (after each transmission, when a packet arrives at an idle link, when the
   * link goes down), so a null answer means the link is idle from {@code now} on (RED's idle rule).
   */
  @Nullable Packet dequeue(long now, DropSink drops);

  /** Drops everything queued (the link went down), reporting each packet. */
  void flush(DropSink drops, DropCause cause);

  int packets();

  long bytes();

  /** An immutable description of a queue discipline, part of a {@link LinkConfig}. */
  sealed interface Spec
      permits DropTailQueue.Spec, RedQueue.Spec, CoDelQueue.Spec, FqCoDelQueue.Spec, PieQueue.Spec {
    /**
     * A new, empty queue for one link direction.
     *
     * @param random the direction's own "queue" stream, for disciplines that draw (RED, PIE, and
     *     FQ-CoDel for its hash perturbation)
     * @param bandwidth the link direction's current bandwidth in bit/s (0: unlimited), for
     *     disciplines that convert between time and packets (RED's idle rule)
     */
    QueueDiscipline create(UniformRandomProvider random, LongSupplier bandwidth);

    /**
     * Whether the discipline draws random numbers to decide its drops (RED and PIE do; CoDel,
     * FQ-CoDel and drop-tail decide from the queue alone, FQ-CoDel's flow hash being fixed when the
     * queue is made), so that its drops are decisions to record for a replay ({@link
     * LinkDecisions#aqmDropped}).
     */
    boolean drawsRandom();
  }

  /**
   * The queue discipline called {@code name} with {@code parameters}, e.g. {@code named("codel",
   * Map.of("target", "5ms"))}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown,
   *     missing or malformed parameter, or a value out of range
   */
  static Spec named(String name, Map<String, String> parameters) {
    Function<SpecParameters, Spec> factory = QueueDisciplines.DISCIPLINES.get(name);
    SpecParameters reader = new SpecParameters(name, parameters);
    Spec spec = factory.apply(reader);
    reader.checkAllUsed();
    return spec;
  }
}
