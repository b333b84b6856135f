package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import netsim.core.Time;

/**
 * The parameters of one direction of a link: bandwidth, propagation delay and jitter, the queue,
 * and the random impairments netem users know (loss, duplication, corruption, reordering).
 * Immutable; change a running link with {@link LinkDirection#reconfigure(LinkConfig)}.
 *
 * @param bandwidth bits per second; 0 means unlimited (no serialization delay)
 * @param delay fixed propagation delay in nanoseconds
 * @param jitter random delay added to {@code delay}
 * @param jitterReorders whether jitter may reorder packets. True is netem's behaviour: its tfifo
 *     queue sends each packet at its own time to send, so a packet that drew a small delay
 *     overtakes one sent earlier that drew a large one. When false, the direction stays FIFO: a
 *     packet never arrives before one sent earlier on the same direction (its arrival is moved to
 *     that earlier packet's arrival if needed, like a real path whose delay varies but does not
 *     reorder). Reordering by {@code reorder} happens either way.
 * @param queue the queue in front of the transmitter
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
    boolean jitterReorders,
    QueueDiscipline.Spec queue,
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
    b.jitterReorders = jitterReorders;
    b.queue = queue;
    b.loss = loss;
    b.duplicate = duplicate;
    b.corrupt = corrupt;
    b.reorder = reorder;
    b.reorderGap = reorderGap;
    b.up = up;
    return b;
  }

  /** Builds a {@link LinkConfig}; every setting starts at the ideal link's value. */
  public static final class Builder {
    private long bandwidth;
    private long delay;
    private Jitter jitter = Jitter.NONE;
    private boolean jitterReorders;
    private QueueDiscipline.Spec queue = new DropTailQueue.Spec(DEFAULT_QUEUE_PACKETS, 0);
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
      return this;
    }

    public Builder jitterReorders(boolean reorders) {
      this.jitterReorders = reorders;
      return this;
    }

    public Builder queue(QueueDiscipline.Spec queue) {
      this.queue = queue;
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

    public Builder up(boolean up) {
      this.up = up;
      return this;
    }

    public LinkConfig build() {
      return new LinkConfig(
          bandwidth,
          delay,
          jitter,
          jitterReorders,
          queue,
          loss,
          duplicate,
          corrupt,
          reorder,
          reorderGap,
          up);
    }
  }
}
