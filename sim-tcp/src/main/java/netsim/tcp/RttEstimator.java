package netsim.tcp;

/**
 * Turns round-trip time samples into the retransmission timeout (RTO), with exponential backoff:
 * the host's rule ({@link HostProfile.RtoRule}). Integer nanoseconds. A sample comes from a
 * Karn-timed segment (RFC 6298 3) or, with timestamps, from the TSecr of every ACK that
 * acknowledges new data (RFC 7323 4.2, RTTM).
 */
abstract class RttEstimator {
  /**
   * The configuration, whose RTO bounds and clock granularity every connection of a stack shares:
   * read there rather than copied into each estimator, so that one holds only its own state (within
   * a cache line; among thousands of connections, each line an ACK reads is a cache miss).
   */
  final TcpConfig config;

  /** The RTO without backoff, from the samples. */
  long baseRto;

  private int backoffs;

  RttEstimator(TcpConfig config) {
    this.config = config;
    this.baseRto = clamp(config.initialRto());
  }

  /**
   * The estimator of {@code rule} for a configuration's RTO bounds ({@link TcpConfig#initialRto},
   * {@link TcpConfig#minRto}, {@link TcpConfig#maxRto}) and clock granularity ({@link
   * TcpConfig#clockGranularity}).
   */
  static RttEstimator of(HostProfile.RtoRule rule, TcpConfig config) {
    return switch (rule) {
      case RFC6298 -> new Rfc6298Estimator(config, false);
      case FREEBSD -> new Rfc6298Estimator(config, true);
      case LINUX -> new LinuxRttEstimator(config);
    };
  }

  /**
   * Takes the RTT sample {@code r}, and cancels any backoff (RFC 6298 5.7; Linux's
   * tcp_ack_update_rtt: "only reset backoff on valid RTT measurement").
   *
   * @param sndUna SND.UNA (a stream position) after the ACK that gave the sample
   * @param sndMax the highest position sent
   * @param expectedSamples how many samples a window of data gives: 1 for a Karn-timed segment, RFC
   *     7323 Appendix G's ceiling(FlightSize / (2 SMSS)) for a timestamp echo
   */
  final void sample(long r, long sndUna, long sndMax, int expectedSamples) {
    update(Math.max(0, r), sndUna, sndMax, Math.max(1, expectedSamples));
    backoffs = 0;
  }

  /** Updates the smoothed values and {@link #baseRto} from the sample {@code r}. */
  abstract void update(long r, long sndUna, long sndMax, int expectedSamples);

  /** The timer expired: the RTO backs off (RFC 6298 5.5: doubles, up to the maximum). */
  void backOff() {
    backoffs++;
  }

  /** The current RTO, backoff included. */
  long rto() {
    long maxRto = maxRto();
    long rto = baseRto;
    for (int i = 0; i < backoffs && rto < maxRto; i++) {
      rto = rto > maxRto / 2 ? maxRto : 2 * rto;
    }
    return Math.min(maxRto, rto);
  }

  /** The smoothed RTT, or -1 before the first sample. */
  abstract long srtt();

  /** The RTT variation as the host reports it (Linux's tcpi_rttvar), 0 before any sample. */
  abstract long rttvar();

  /** Timeouts since the last sample (Linux's icsk_backoff, tcpi_backoff). */
  int backoffs() {
    return backoffs;
  }

  final long minRto() {
    return config.minRto();
  }

  final long maxRto() {
    return config.maxRto();
  }

  final long clamp(long value) {
    return Math.max(minRto(), Math.min(maxRto(), value));
  }

  /** {@code a + b} for non-negative values, never past {@link Long#MAX_VALUE}. */
  static long add(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }
}
