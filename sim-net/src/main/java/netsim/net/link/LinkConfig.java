package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import netsim.core.Time;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one direction of a link: bandwidth, propagation delay and jitter, the queue,
 * and the random impairments netem users know (loss, duplication, corruption, reordering).
 * Immutable; change a running link with {@link LinkDirection#reconfigure(LinkConfig)}.
 *
 * @param bandwidth bits per second; 0 means unlimited (no serialization delay)
 * @param delay fixed propagation delay in nanoseconds
 * @param jitter random delay added to {@code delay}
 * @param jitterDistribution the distribution (a name of {@link Jitter#DISTRIBUTIONS}) that a spread
 *     given with {@link Builder#jitter(long)} draws from; kept while there is no jitter, so that a
 *     later spread uses it
 * @param jitterReorders whether jitter may reorder packets. True is netem's behaviour: its tfifo
 *     queue sends each packet at its own time to send, so a packet that drew a small delay
 *     overtakes one sent earlier that drew a large one. When false, the direction stays FIFO: a
 *     packet never arrives before one sent earlier on the same direction (its arrival is moved to
 *     that earlier packet's arrival if needed, like a real path whose delay varies but does not
 *     reorder). Reordering by {@code reorder} happens either way.
 * @param queue the queue in front of the transmitter
 * @param namedQueue the queue as a config file names it, or null when {@code queue} was given as a
 *     spec
 * @param loss the random loss model
 * @param duplicate the probability that a packet is sent twice
 * @param corrupt the probability that one random bit of a packet is flipped
 * @param reorder the probability that a packet skips the propagation delay (netem's {@code
 *     reorder}), subject to {@code reorderGap}
 * @param reorderGap when above 0, only every gap-th packet is a reorder candidate (netem's {@code
 *     gap})
 * @param up whether the direction starts up
 */
public record LinkConfig(
    long bandwidth,
    long delay,
    Jitter jitter,
    String jitterDistribution,
    boolean jitterReorders,
    QueueDiscipline.Spec queue,
    @Nullable NamedQueue namedQueue,
    LossModel.Spec loss,
    double duplicate,
    double corrupt,
    double reorder,
    int reorderGap,
    boolean up) {

  /** Linux's default transmit queue length. */
  public static final int DEFAULT_QUEUE_PACKETS = 1000;

  public LinkConfig {
    checkArgument(bandwidth >= 0, "bandwidth must not be negative, got %s bit/s", bandwidth);
    checkArgument(delay >= 0, "delay must not be negative, got %s", Time.format(delay));
    checkNotNull(jitter, "jitter");
    checkArgument(
        Jitter.DISTRIBUTIONS.contains(jitterDistribution),
        "%s",
        Jitter.DISTRIBUTIONS.unknownMessage("'" + jitterDistribution + "'"));
    checkNotNull(queue, "queue");
    checkNotNull(loss, "loss");
    checkProbability("duplicate", duplicate);
    checkProbability("corrupt", corrupt);
    checkProbability("reorder", reorder);
    checkArgument(reorderGap >= 0, "reorder gap must not be negative, got %s", reorderGap);
  }

  private static void checkProbability(String what, double p) {
    checkArgument(p >= 0 && p <= 1, "%s probability must be within [0, 1], got %s", what, p);
  }

  /** An ideal direction: unlimited bandwidth, no delay, no impairment, a 1000-packet queue. */
  public static LinkConfig ideal() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.bandwidth = bandwidth;
    b.delay = delay;
    b.jitter = jitter;
    b.jitterDistribution = jitterDistribution;
    b.jitterReorders = jitterReorders;
    b.queue = queue;
    b.namedQueue = namedQueue;
    b.loss = loss;
    b.duplicate = duplicate;
    b.corrupt = corrupt;
    b.reorder = reorder;
    b.reorderGap = reorderGap;
    b.up = up;
    return b;
  }

  /**
   * A queue discipline as a config file names it: the discipline, its packet and byte limits, and
   * its own parameters as text (RED's {@code min}, {@code max}, ...; CoDel's {@code target}, {@code
   * interval}), kept as given so that a partial mapping can be merged into it later.
   *
   * @param kind a name of {@link QueueDisciplines#DISCIPLINES}
   * @param packets the most packets it holds
   * @param bytes the most bytes it holds; 0 for no byte limit (RED's hard limit in byte mode)
   * @param parameters the discipline's other parameters by name, as text
   */
  public record NamedQueue(String kind, int packets, long bytes, Map<String, String> parameters) {
    /** The drop-tail queue of {@link LinkConfig#DEFAULT_QUEUE_PACKETS} packets. */
    public static final NamedQueue DEFAULT =
        new NamedQueue("droptail", DEFAULT_QUEUE_PACKETS, 0, Map.of());

    public NamedQueue {
      checkNotNull(kind, "kind");
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The discipline's spec: {@code limit} is {@code packets} ({@code bytes} for RED in byte mode),
     * and drop-tail takes a byte limit too.
     *
     * @throws IllegalArgumentException for an unknown kind (listing the known ones), a parameter
     *     the discipline does not take, or a value it refuses
     */
    public QueueDiscipline.Spec spec() {
      boolean takesParameters = !kind.equals("droptail");
      if (!parameters.isEmpty() && !takesParameters) {
        throw new IllegalArgumentException(
            "queue discipline '"
                + kind
                + "' takes no parameters besides packets and bytes; got "
                + parameters.keySet());
      }
      Map<String, String> all = new LinkedHashMap<>();
      boolean byteMode = "bytes".equals(parameters.get("mode"));
      all.put("limit", byteMode ? Long.toString(bytes) : Integer.toString(packets));
      if (kind.equals("droptail") && bytes > 0) {
        all.put("bytes", Long.toString(bytes));
      }
      all.putAll(parameters);
      return QueueDiscipline.named(kind, all);
    }
  }

  /** Builds a {@link LinkConfig}; every setting starts at the ideal link's value. */
  public static final class Builder {
    private long bandwidth;
    private long delay;
    private Jitter jitter = Jitter.NONE;
    private long jitterSpread = -1;
    private String jitterDistribution = "uniform";
    private boolean jitterReorders;
    private QueueDiscipline.Spec queue = NamedQueue.DEFAULT.spec();
    private @Nullable NamedQueue namedQueue = NamedQueue.DEFAULT;
    private LossModel.Spec loss = LossModel.NONE;
    private double duplicate;
    private double corrupt;
    private double reorder;
    private int reorderGap;
    private boolean up = true;

    private Builder() {}

    /** Bits per second; 0 for unlimited. */
    public Builder bandwidth(long bitsPerSecond) {
      this.bandwidth = bitsPerSecond;
      return this;
    }

    public Builder delay(long nanos) {
      this.delay = nanos;
      return this;
    }

    public Builder jitter(Jitter jitter) {
      this.jitter = jitter;
      this.jitterSpread = -1;
      return this;
    }

    /**
     * Jitter of spread {@code nanos} (the range of {@code uniform}, else sigma) drawn from the
     * {@link #jitterDistribution}, made when the config is built; 0 for none.
     */
    public Builder jitter(long nanos) {
      checkArgument(nanos >= 0, "jitter must not be negative, got %s ns", nanos);
      this.jitterSpread = nanos;
      return this;
    }

    /** The distribution that a spread given with {@link #jitter(long)} draws from. */
    public Builder jitterDistribution(String name) {
      this.jitterDistribution = name;
      return this;
    }

    public Builder jitterReorders(boolean reorders) {
      this.jitterReorders = reorders;
      return this;
    }

    public Builder queue(QueueDiscipline.Spec queue) {
      this.queue = queue;
      this.namedQueue = null;
      return this;
    }

    /**
     * The queue discipline a config file names.
     *
     * @throws IllegalArgumentException as {@link NamedQueue#spec()}
     */
    public Builder queue(NamedQueue named) {
      this.queue = named.spec();
      this.namedQueue = named;
      return this;
    }

    public Builder loss(LossModel.Spec loss) {
      this.loss = loss;
      return this;
    }

    /** Bernoulli loss with probability {@code p}. */
    public Builder loss(double p) {
      return loss(p == 0 ? LossModel.NONE : new LossModel.Bernoulli(p));
    }

    public Builder duplicate(double p) {
      this.duplicate = p;
      return this;
    }

    public Builder corrupt(double p) {
      this.corrupt = p;
      return this;
    }

    public Builder reorder(double p, int gap) {
      this.reorder = p;
      this.reorderGap = gap;
      return this;
    }

    /** The probability of {@link #reorder(double, int)}, keeping the gap. */
    public Builder reorder(double p) {
      this.reorder = p;
      return this;
    }

    /** The gap of {@link #reorder(double, int)}, keeping the probability. */
    public Builder reorderGap(int gap) {
      this.reorderGap = gap;
      return this;
    }

    public Builder up(boolean up) {
      this.up = up;
      return this;
    }

    public LinkConfig build() {
      if (jitterSpread >= 0) {
        jitter = jitterSpread == 0 ? Jitter.NONE : Jitter.named(jitterDistribution, jitterSpread);
      }
      return new LinkConfig(
          bandwidth,
          delay,
          jitter,
          jitterDistribution,
          jitterReorders,
          queue,
          namedQueue,
          loss,
          duplicate,
          corrupt,
          reorder,
          reorderGap,
          up);
    }
  }
}
