package netsim.net.link;

import java.util.List;
import java.util.function.Function;
import netsim.core.Registry;

/**
 * The queue disciplines a link direction can be given, by name: one registration per discipline,
 * read by {@link QueueDiscipline#named} and by the configuration's list of known kinds, and the
 * parameters they take, from which the configuration's keys of a queue come. (A class of its own,
 * not a constant of {@link QueueDiscipline}, so that the interface's initialization never waits for
 * its implementations'.)
 */
public final class QueueDisciplines {
  private QueueDisciplines() {}

  /** What a parameter's value is, so that a configuration can check it before a discipline. */
  public enum Kind {
    /** A duration with its unit, such as {@code 5ms}. */
    DURATION,
    /** A number. */
    DECIMAL,
    /** A size in bytes (a configuration may give units), within the parameter's bounds. */
    BYTES,
    /** A whole number within the parameter's bounds. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A word the discipline checks itself. */
    WORD
  }

  /**
   * A parameter that some discipline takes besides its limits ({@code packets}, {@code bytes}), by
   * the name the discipline reads it under.
   *
   * @param min the least value of a {@link Kind#BYTES} or {@link Kind#INTEGER} parameter
   * @param max the greatest
   */
  public record Parameter(String key, Kind kind, long min, long max) {
    static Parameter of(String key, Kind kind) {
      return new Parameter(key, kind, 0, 0);
    }
  }

  /**
   * Every parameter of the disciplines below, in the order the configuration documents them: a
   * discipline that takes a new one adds its line here. A discipline refuses a parameter it does
   * not take ({@link SpecParameters#checkAllUsed}).
   */
  public static final List<Parameter> PARAMETERS =
      List.of(
          Parameter.of("min", Kind.DECIMAL),
          Parameter.of("max", Kind.DECIMAL),
          Parameter.of("probability", Kind.DECIMAL),
          Parameter.of("weight", Kind.DECIMAL),
          Parameter.of("gentle", Kind.BOOLEAN),
          Parameter.of("mode", Kind.WORD),
          Parameter.of("idlePacketTime", Kind.DURATION),
          new Parameter("meanPacketSize", Kind.BYTES, 1, 65535),
          new Parameter("maxPacketSize", Kind.BYTES, 1, 65535),
          Parameter.of("target", Kind.DURATION),
          Parameter.of("interval", Kind.DURATION),
          Parameter.of("ecn", Kind.BOOLEAN),
          Parameter.of("adaptive", Kind.BOOLEAN),
          new Parameter("flows", Kind.INTEGER, 1, 65536),
          new Parameter("quantum", Kind.BYTES, 1, 65535),
          Parameter.of("updateInterval", Kind.DURATION),
          Parameter.of("alpha", Kind.DECIMAL),
          Parameter.of("beta", Kind.DECIMAL),
          Parameter.of("maxBurst", Kind.DURATION));

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
  public static final Registry<Function<SpecParameters, QueueDiscipline.Spec>> DISCIPLINES =
      Registry.<Function<SpecParameters, QueueDiscipline.Spec>>builder("queue discipline")
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
                return RedQueue.Spec.builder()
                    .byteMode(byteMode)
                    .minThreshold(p.decimal("min"))
                    .maxThreshold(p.decimal("max"))
                    .maxP(p.decimal("probability", RedQueue.Spec.DEFAULT_MAX_P))
                    .weight(p.decimal("weight", RedQueue.Spec.DEFAULT_WEIGHT))
                    .gentle(p.bool("gentle", false))
                    .limit(
                        byteMode
                            ? p.integer("limit")
                            : p.integer("limit", LinkConfig.DEFAULT_QUEUE_PACKETS))
                    .idlePacketTime(p.duration("idlePacketTime", 0))
                    .meanPacketSize(
                        Math.toIntExact(
                            p.integer("meanPacketSize", RedQueue.Spec.DEFAULT_MEAN_PACKET_SIZE)))
                    .maxPacketSize(
                        Math.toIntExact(
                            p.integer("maxPacketSize", RedQueue.Spec.DEFAULT_MAX_PACKET_SIZE)))
                    .ecn(p.bool("ecn", false))
                    .adaptive(p.bool("adaptive", false))
                    .build();
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
                  FqCoDelQueue.Spec.builder()
                      .target(p.duration("target", CoDelQueue.Spec.DEFAULT_TARGET))
                      .interval(p.duration("interval", CoDelQueue.Spec.DEFAULT_INTERVAL))
                      .limitPackets(
                          Math.toIntExact(p.integer("limit", FqCoDelQueue.Spec.DEFAULT_LIMIT)))
                      .flows(Math.toIntExact(p.integer("flows", FqCoDelQueue.Spec.DEFAULT_FLOWS)))
                      .quantum(
                          Math.toIntExact(p.integer("quantum", FqCoDelQueue.Spec.DEFAULT_QUANTUM)))
                      .ecn(p.bool("ecn", false))
                      .build())
          .register(
              "pie",
              p ->
                  PieQueue.Spec.builder()
                      .target(p.duration("target", PieQueue.Spec.DEFAULT_TARGET))
                      .updateInterval(
                          p.duration("updateInterval", PieQueue.Spec.DEFAULT_UPDATE_INTERVAL))
                      .alpha(p.decimal("alpha", PieQueue.Spec.DEFAULT_ALPHA))
                      .beta(p.decimal("beta", PieQueue.Spec.DEFAULT_BETA))
                      .maxBurst(p.duration("maxBurst", PieQueue.Spec.DEFAULT_MAX_BURST))
                      .limitPackets(
                          Math.toIntExact(p.integer("limit", LinkConfig.DEFAULT_QUEUE_PACKETS)))
                      .ecn(p.bool("ecn", false))
                      .build())
          .build();
}
