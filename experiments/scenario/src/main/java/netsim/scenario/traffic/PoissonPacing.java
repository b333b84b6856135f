package netsim.scenario.traffic;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Poisson departures: gaps drawn exponential with mean size 8 / rate (a source's kind {@code
 * poisson}).
 */
final class PoissonPacing implements UdpPacing {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Distribution.Sampler gaps;

  PoissonPacing(long rate, long size, UniformRandomProvider random) {
    this.gaps =
        new Distribution.Exponential((double) (size * 8 * NANOS_PER_SECOND) / rate).sampler(random);
  }

  @Override
  public long first(long start) {
    return start;
  }

  @Override
  public long next(long due) {
    return due + gaps.next();
  }
}
