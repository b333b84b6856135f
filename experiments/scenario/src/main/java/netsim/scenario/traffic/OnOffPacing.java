package netsim.scenario.traffic;

/**
 * On and off periods (a source's kind {@code onoff}): an on-period drawn from the source's {@code
 * on}, sending at the constant rate from its beginning, then an off-period drawn from {@code off},
 * and so on.
 */
final class OnOffPacing implements UdpPacing {
  private final ConstantRatePacing rate;
  private final Distribution.Sampler onPeriods;
  private final Distribution.Sampler offPeriods;

  /** When the current on-period ends. */
  private long onEnds;

  OnOffPacing(
      ConstantRatePacing rate, Distribution.Sampler onPeriods, Distribution.Sampler offPeriods) {
    this.rate = rate;
    this.onPeriods = onPeriods;
    this.offPeriods = offPeriods;
  }

  @Override
  public long first(long start) {
    onEnds = start + onPeriods.next();
    return start;
  }

  @Override
  public long next(long due) {
    long next = rate.next(due);
    if (next >= onEnds) {
      // The on-period is over: silent for an off-period, then the next one starts afresh.
      next = onEnds + offPeriods.next();
      rate.restart();
      onEnds = next + onPeriods.next();
    }
    return next;
  }
}
