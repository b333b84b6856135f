package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.function.LongFunction;
import netsim.core.Registry;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The random part of a link direction's propagation delay, added to its fixed delay (netem's {@code
 * delay TIME JITTER distribution NAME}). A sample may be negative; the link never lets the total
 * delay fall below zero. Samples are whole nanoseconds (rounded).
 *
 * <p>A jitter is an immutable description; each link direction draws from its own {@link Sampler},
 * made once from the direction's "jitter" random stream.
 *
 * <p>The netem distributions ({@link Normal}, {@link Pareto}, {@link ParetoNormal}) follow the
 * tables that iproute2 ships: a standardized value {@code t} is drawn and the jitter is {@code
 * sigma * t}. Like netem's 16-bit tables (scale 8192), {@code t} never exceeds 4 in magnitude. We
 * draw {@code t} from the continuous distribution the table was built from rather than from a
 * 4096-entry table.
 */
public sealed interface Jitter permits Jitter.Spread, Jitter.Empirical {

  /** The largest standardized value netem's tables hold: 32767 / 8192, about 4. */
  double TABLE_LIMIT = 4.0;

  /** Draws jitter samples for one link direction. */
  @FunctionalInterface
  interface Sampler {
    /** The next jitter sample, in nanoseconds. */
    long next();
  }

  /** A sampler drawing from {@code random}, to be used by one link direction. */
  Sampler sampler(UniformRandomProvider random);

  /**
   * A jitter given by one spread, as a config gives it: none, or a distribution of {@link
   * #DISTRIBUTIONS} made from its spread (which a config reads back as its {@code jitter}).
   */
  sealed interface Spread extends Jitter permits None, Uniform, Normal, Pareto, ParetoNormal {
    /** The spread it was made from, in nanoseconds: uniform's range, else sigma; 0 for none. */
    long spread();
  }

  /** No jitter. */
  record None() implements Spread {
    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return () -> 0;
    }

    @Override
    public long spread() {
      return 0;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /** Uniform in [-range, +range] nanoseconds (netem's default distribution). */
  record Uniform(long range) implements Spread {
    public Uniform {
      checkArgument(range >= 0, "jitter must not be negative, got %s ns", range);
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return range == 0 ? () -> 0 : () -> random.nextLong(-range, range + 1);
    }

    @Override
    public long spread() {
      return range;
    }
  }

  /**
   * Normal with mean 0 and standard deviation {@code sigma} nanoseconds (netem's {@code
   * distribution normal}), cut at +-4 sigma as netem's table is.
   */
  record Normal(long sigma) implements Spread {
    public Normal {
      checkSigma(sigma);
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return NetemJitter.sampler(NetemJitter.NORMAL, sigma, random);
    }

    @Override
    public long spread() {
      return sigma;
    }
  }

  /**
   * netem's {@code distribution pareto}: {@code t = (X - 1.5) * 4/3} where {@code X} is Pareto with
   * scale 1 and shape 3 (mean 1.5), so {@code t} lies in [-2/3, 4] after netem's cap. Skewed, with
   * a long tail of late packets. Note netem's scaling: uncapped, {@code t} would have mean 0 and
   * standard deviation 1.15; the cap at 4 leaves mean -0.033 and standard deviation 0.82, so the
   * jitter's spread is about 0.82 sigma, not sigma.
   */
  record Pareto(long sigma) implements Spread {
    public Pareto {
      checkSigma(sigma);
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return NetemJitter.sampler(NetemJitter.PARETO, sigma, random);
    }

    @Override
    public long spread() {
      return sigma;
    }
  }

  /**
   * netem's {@code distribution paretonormal}: the table entry at each quantile is 1/4 of the
   * normal table's entry plus 3/4 of the Pareto table's entry at the same quantile (a sum of
   * quantile functions, not a mixture).
   */
  record ParetoNormal(long sigma) implements Spread {
    public ParetoNormal {
      checkSigma(sigma);
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      return NetemJitter.sampler(NetemJitter.PARETO_NORMAL, sigma, random);
    }

    @Override
    public long spread() {
      return sigma;
    }
  }

  /**
   * An empirical distribution: each draw is one of {@code samples}, nanoseconds added to the fixed
   * delay (possibly negative), each entry equally likely, so repeated values weigh more. This is
   * our simplification of netem's {@code maketable}, which turns measured delays into an
   * inverse-CDF table normalized by their mean and deviation and rescaled by the configured sigma:
   * here the table holds the offsets themselves, unscaled. To replay measured one-way delays {@code
   * d} over a direction with fixed delay {@code delay}, pass {@code d - delay}.
   */
  record Empirical(long[] samples) implements Jitter {
    public Empirical {
      checkNotNull(samples, "samples");
      checkArgument(samples.length > 0, "an empirical jitter table needs at least one sample");
      samples = samples.clone();
    }

    /** A copy of the table. */
    @Override
    public long[] samples() {
      return samples.clone();
    }

    @Override
    public Sampler sampler(UniformRandomProvider random) {
      long[] table = samples;
      return () -> table[random.nextInt(table.length)];
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Empirical that && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
      return "Empirical[" + samples.length + " samples]";
    }
  }

  Jitter NONE = new None();

  /**
   * Jitter distributions by name, as netem spells them, each from its spread {@code sigma} in
   * nanoseconds: {@code uniform} (range), {@code normal}, {@code pareto}, {@code paretonormal}.
   */
  Registry<LongFunction<Spread>> DISTRIBUTIONS =
      Registry.<LongFunction<Spread>>builder("jitter distribution")
          .register("uniform", Uniform::new)
          .register("normal", Normal::new)
          .register("pareto", Pareto::new)
          .register("paretonormal", ParetoNormal::new)
          .build();

  /**
   * The distribution called {@code name} with spread {@code sigma} nanoseconds, e.g. {@code
   * named("pareto", Time.millis(5))}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones, or a negative
   *     sigma
   */
  static Spread named(String name, long sigma) {
    return DISTRIBUTIONS.get(name).apply(sigma);
  }

  private static void checkSigma(long sigma) {
    checkArgument(sigma >= 0, "jitter sigma must not be negative, got %s ns", sigma);
  }
}
