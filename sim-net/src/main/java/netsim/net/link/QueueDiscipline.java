package netsim.net.link;

import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import netsim.core.Registry;
import netsim.net.packet.DropCause;
import netsim.net.packet.DropSink;
import netsim.net.packet.Packet;
import org.apache.commons.rng.UniformRandomProvider;

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
  DropCause enqueue(Packet packet, long now);

  /**
   * Offers a packet at time {@code now}, reporting to {@code drops} any packet already queued that
   * the discipline drops to make room (FQ-CoDel drops from its fattest flow); by default, {@link
   * #enqueue(Packet, long)}. The link direction calls this one.
   *
   * @return null if it was queued, otherwise the cause it was dropped for
   */
  default DropCause enqueue(Packet packet, long now, DropSink drops) {
    return enqueue(packet, now);
  }

  /**
   * Removes the next packet to transmit, or returns null when empty. The link calls it whenever its
   * transmitter is free (after each transmission, when a packet arrives at an idle link, when the
   * link goes down), so a null answer means the link is idle from {@code now} on (RED's idle rule).
   */
  Packet dequeue(long now, DropSink drops);

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
   * Queue disciplines by name, each from its parameters as text (durations with units):
   *
   * <ul>
   *   <li>{@code droptail}: {@code limit} (packets, default 1000), {@code bytes} (byte limit,
   *       default 0 for none);
   *   <li>{@code red}: {@code mode} ({@code packets} or {@code bytes}), {@code min} and {@code max}
   *       (thresholds, required), {@code probability} (max p, default 0.02), {@code weight}
   *       (default 0.002), {@code gentle} (default false), {@code limit} (default 1000 packets;
   *       required in byte mode), {@code idlePacketTime} (default 0: derived from the link's
   *       bandwidth and {@code meanPacketSize}), {@code meanPacketSize} (default 500), {@code
   *       maxPacketSize} (default 1500), {@code ecn} (default false), {@code adaptive} (default
   *       false);
   *   <li>{@code codel}: {@code target} (default 5ms), {@code interval} (default 100ms), {@code
   *       limit} (packets, default 1000), {@code ecn} (default false);
   *   <li>{@code fq-codel}: {@code target} (default 5ms), {@code interval} (default 100ms), {@code
   *       limit} (packets, default 10240), {@code flows} (default 1024), {@code quantum} (bytes,
   *       default 1514), {@code ecn} (default false);
   *   <li>{@code pie}: {@code target} (default 15ms), {@code updateInterval} (default 15ms), {@code
   *       alpha} (default 0.125), {@code beta} (default 1.25), {@code maxBurst} (default 150ms),
   *       {@code limit} (packets, default 1000), {@code ecn} (default false).
   * </ul>
   */
  Registry<Function<SpecParameters, Spec>> DISCIPLINES =
      Registry.<Function<SpecParameters, Spec>>builder("queue discipline")
          .register(
              "droptail",
              p ->
                  new DropTailQueue.Spec(
                      Math.toIntExact(p.integer("limit", LinkConfig.DEFAULT_QUEUE_PACKETS)),
                      p.integer("bytes", 0)))
          .register(
              "red",
              p -> {
                boolean byteMode = p.choice("mode", "packets", "packets", "bytes").equals("bytes");
                double min = p.decimal("min");
                double max = p.decimal("max");
                double maxP = p.decimal("probability", 0.02);
                double weight = p.decimal("weight", RedQueue.Spec.DEFAULT_WEIGHT);
                boolean gentle = p.bool("gentle", false);
                long limit =
                    byteMode
                        ? p.integer("limit")
                        : p.integer("limit", LinkConfig.DEFAULT_QUEUE_PACKETS);
                long idle = p.duration("idlePacketTime", 0);
                int meanPacket =
                    Math.toIntExact(
                        p.integer("meanPacketSize", RedQueue.Spec.DEFAULT_MEAN_PACKET_SIZE));
                int maxPacket =
                    Math.toIntExact(
                        p.integer("maxPacketSize", RedQueue.Spec.DEFAULT_MAX_PACKET_SIZE));
                boolean ecn = p.bool("ecn", false);
                boolean adaptive = p.bool("adaptive", false);
                return new RedQueue.Spec(
                    byteMode,
                    min,
                    max,
                    maxP,
                    weight,
                    gentle,
                    limit,
                    idle,
                    meanPacket,
                    maxPacket,
                    ecn,
                    adaptive);
              })
          .register(
              "codel",
              p ->
                  new CoDelQueue.Spec(
                      p.duration("target", CoDelQueue.Spec.DEFAULT_TARGET),
                      p.duration("interval", CoDelQueue.Spec.DEFAULT_INTERVAL),
                      Math.toIntExact(p.integer("limit", LinkConfig.DEFAULT_QUEUE_PACKETS)),
                      p.bool("ecn", false)))
          .register(
              "fq-codel",
              p ->
                  new FqCoDelQueue.Spec(
                      p.duration("target", CoDelQueue.Spec.DEFAULT_TARGET),
                      p.duration("interval", CoDelQueue.Spec.DEFAULT_INTERVAL),
                      Math.toIntExact(p.integer("limit", FqCoDelQueue.Spec.DEFAULT_LIMIT)),
                      Math.toIntExact(p.integer("flows", FqCoDelQueue.Spec.DEFAULT_FLOWS)),
                      Math.toIntExact(p.integer("quantum", FqCoDelQueue.Spec.DEFAULT_QUANTUM)),
                      p.bool("ecn", false)))
          .register(
              "pie",
              p ->
                  new PieQueue.Spec(
                      p.duration("target", PieQueue.Spec.DEFAULT_TARGET),
                      p.duration("updateInterval", PieQueue.Spec.DEFAULT_UPDATE_INTERVAL),
                      p.decimal("alpha", PieQueue.Spec.DEFAULT_ALPHA),
                      p.decimal("beta", PieQueue.Spec.DEFAULT_BETA),
                      p.duration("maxBurst", PieQueue.Spec.DEFAULT_MAX_BURST),
                      Math.toIntExact(p.integer("limit", LinkConfig.DEFAULT_QUEUE_PACKETS)),
                      p.bool("ecn", false)))
          .build();

  /**
   * The queue discipline called {@code name} with {@code parameters}, e.g. {@code named("codel",
   * Map.of("target", "5ms"))}.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown,
   *     missing or malformed parameter, or a value out of range
   */
  static Spec named(String name, Map<String, String> parameters) {
    Function<SpecParameters, Spec> factory = DISCIPLINES.get(name);
    SpecParameters reader = new SpecParameters(name, parameters);
    Spec spec = factory.apply(reader);
    reader.checkAllUsed();
    return spec;
  }
}
