package netsim.scenario.config;

/**
 * The parameters of one direction of a link, as a config file gives them: bandwidth in bit/s,
 * durations in nanoseconds, probabilities in [0, 1]. Turned into a sim-net {@code LinkConfig} by
 * {@link LinkConfigs}.
 */
public record DirectionSettings(
    long bandwidth,
    long delay,
    long jitter,
    String jitterDistribution,
    boolean jitterReorders,
    QueueSettings queue,
    LossSettings loss,
    double duplicate,
    double corrupt,
    double reorder,
    int reorderGap,
    boolean up) {

  /** The queue in front of the transmitter: a discipline by name and its limits. */
  public record QueueSettings(
      String kind, int packets, long bytes, java.util.Map<String, String> parameters) {
    public QueueSettings {
      parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
  }

  /**
   * Random loss: {@code none}, {@code bernoulli} with {@code p}, or {@code gilbert-elliott} with
   * netem's p, r, 1-h and 1-k.
   */
  public record LossSettings(
      String model, double p, double r, double lossInBad, double lossInGood) {
    public static final LossSettings NONE = new LossSettings("none", 0, 0, 0, 0);
  }

  /** A copy with {@code up} changed. */
  public DirectionSettings withUp(boolean newUp) {
    return new DirectionSettings(
        bandwidth,
        delay,
        jitter,
        jitterDistribution,
        jitterReorders,
        queue,
        loss,
        duplicate,
        corrupt,
        reorder,
        reorderGap,
        newUp);
  }
}
