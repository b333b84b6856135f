package netsim.scenario.traffic;

/**
 * A constant bit rate: the k-th datagram at start + floor(k size 8 / rate) exactly, so the long-run
 * rate is exact to the nanosecond (a source's kind {@code cbr}).
 */
final class ConstantRatePacing implements UdpPacing {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long rate;

  /** The gap between datagrams at the rate, size 8 / rate seconds, as whole ns plus a fraction. */
  private final long gap;

  private final long gapRemainder;

  /** The fraction of a nanosecond (over the rate) that the next datagram is behind its due time. */
  private long fraction;

  ConstantRatePacing(long rate, long size) {
    long bitNanos = size * 8 * NANOS_PER_SECOND;
    this.rate = rate;
    this.gap = bitNanos / rate;
    this.gapRemainder = bitNanos % rate;
  }

  @Override
  public long first(long start) {
    return start;
  }

  @Override
  public long next(long due) {
    long next = due + gap;
    fraction += gapRemainder;
    if (fraction >= rate) {
      next++;
      fraction -= rate;
    }
    return next;
  }

  /** Starts afresh: the next datagram is due a whole gap after the one given. */
  void restart() {
    fraction = 0;
  }
}
