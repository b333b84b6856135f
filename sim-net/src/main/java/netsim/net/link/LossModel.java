package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;

import netsim.net.DropCause;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Decides, packet by packet, whether a link direction loses a packet at random. A model may keep
 * state between packets (Gilbert-Elliott does), so each link direction has its own instance,
 * made from an immutable {@link Spec}.
 */
public interface LossModel {

  /** The cause to drop the next packet for, or null to let it through. */
  DropCause decide(UniformRandomProvider random);

  /** An immutable description of a loss model, part of a {@link LinkConfig}. */
  sealed interface Spec permits None, Bernoulli {
    LossModel create();
  }

  /** No random loss. */
  record None() implements Spec {
    @Override
    public LossModel create() {
      return random -> null;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /** Each packet is lost independently with probability {@code p}. */
  record Bernoulli(double p) implements Spec {
    public Bernoulli {
      checkArgument(p >= 0 && p <= 1, "loss probability must be within [0, 1], got %s", p);
    }

    @Override
    public LossModel create() {
      return random -> random.nextDouble() < p ? DropCause.LOSS : null;
    }
  }

  Spec NONE = new None();
}
