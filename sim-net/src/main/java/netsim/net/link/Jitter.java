package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The random part of a link direction's propagation delay, added to its fixed delay (netem's
 * {@code delay TIME JITTER distribution}). A sample may be negative; the link never lets the total
 * delay fall below zero. Immutable and stateless.
 */
public sealed interface Jitter permits Jitter.None, Jitter.Uniform {

  /** A jitter sample in nanoseconds. */
  long sample(UniformRandomProvider random);

  /** No jitter. */
  record None() implements Jitter {
    @Override
    public long sample(UniformRandomProvider random) {
      return 0;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /** Uniform in [-range, +range] nanoseconds (netem's default distribution). */
  record Uniform(long range) implements Jitter {
    public Uniform {
      checkArgument(range >= 0, "jitter must not be negative, got %s ns", range);
    }

    @Override
    public long sample(UniformRandomProvider random) {
      return range == 0 ? 0 : random.nextLong(-range, range + 1);
    }
  }

  Jitter NONE = new None();
}
