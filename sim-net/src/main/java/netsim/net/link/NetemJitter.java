package netsim.net.link;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.InverseTransformParetoSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The samplers of netem's table distributions: standardized values {@code t}, bounded as netem's
 * tables are, scaled by sigma and rounded to whole nanoseconds.
 */
final class NetemJitter {
  /** The Pareto shape of netem's tables. */
  private static final double PARETO_SHAPE = 3;
  /** The mean of a Pareto variable with scale 1 and shape 3, which netem subtracts. */
  private static final double PARETO_MEAN = 1.5;
  private static final double PARETO_SCALE = 4.0 / 3.0;
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private NetemJitter() {}

  /** netem's standardized Pareto value for a Pareto(1, 3) draw {@code x}, capped at the table limit. */
  static double pareto(double x) {
    return Math.min((x - PARETO_MEAN) * PARETO_SCALE, Jitter.TABLE_LIMIT);
  }

  static double clamp(double t) {
    return Math.max(-Jitter.TABLE_LIMIT, Math.min(Jitter.TABLE_LIMIT, t));
  }

  static final class NormalSampler implements Jitter.Sampler {
    private final double sigma;
    private final ContinuousSampler gaussian;

    NormalSampler(long sigma, UniformRandomProvider random) {
      this.sigma = sigma;
      this.gaussian = ZigguratSampler.NormalizedGaussian.of(random);
    }

    @Override
    public long next() {
      return Math.round(sigma * clamp(gaussian.sample()));
    }
  }

  static final class ParetoSampler implements Jitter.Sampler {
    private final double sigma;
    private final ContinuousSampler pareto;

    ParetoSampler(long sigma, UniformRandomProvider random) {
      this.sigma = sigma;
      this.pareto = InverseTransformParetoSampler.of(random, 1, PARETO_SHAPE);
    }

    @Override
    public long next() {
      return Math.round(sigma * pareto(pareto.sample()));
    }
  }

  /** 1/4 normal plus 3/4 Pareto at the same quantile: the Pareto quantile of Phi(z) is tail^(-1/3). */
  static final class ParetoNormalSampler implements Jitter.Sampler {
    private final double sigma;
    private final ContinuousSampler gaussian;

    ParetoNormalSampler(long sigma, UniformRandomProvider random) {
      this.sigma = sigma;
      this.gaussian = ZigguratSampler.NormalizedGaussian.of(random);
    }

    @Override
    public long next() {
      double z = gaussian.sample();
      double upperTail = STANDARD_NORMAL.survivalProbability(z);
      double x = Math.pow(upperTail, -1 / PARETO_SHAPE);
      return Math.round(sigma * clamp((clamp(z) + 3 * pareto(x)) / 4));
    }
  }
}
