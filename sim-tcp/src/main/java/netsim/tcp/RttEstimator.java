package netsim.tcp;

/**
 * The retransmission timeout of RFC 6298: smoothed RTT and RTT variance from measurements, the RTO
 * derived from them within configured bounds, and exponential backoff. Integer nanoseconds.
 */
final class RttEstimator {
  private final long initialRto;
  private final long minRto;
  private final long maxRto;
  private final long granularity;
  private long srtt = -1;
  private long rttvar;
  private long rto;
  private int backoffs;

  RttEstimator(long initialRto, long minRto, long maxRto, long granularity) {
    this.initialRto = initialRto;
    this.minRto = minRto;
    this.maxRto = maxRto;
    this.granularity = granularity;
    this.rto = clamp(initialRto);
  }

  /** RFC 6298 2.2 and 2.3: take a new RTT measurement {@code r}; cancels any backoff. */
  void sample(long r) {
    if (srtt < 0) {
      srtt = r;
      rttvar = r / 2;
    } else {
      // RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R'| and SRTT <- 7/8 SRTT + 1/8 R', written as
      // steps towards the sample so that no product can overflow (the same floors as
      // (3 RTTVAR + |SRTT - R'|) / 4 and (7 SRTT + R') / 8).
      rttvar += Math.floorDiv(Math.abs(srtt - r) - rttvar, 4);
      srtt += Math.floorDiv(r - srtt, 8);
    }
    backoffs = 0;
    long variance = rttvar > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * rttvar;
    rto =
        clamp(
            variance > Long.MAX_VALUE - srtt
                ? Long.MAX_VALUE
                : srtt + Math.max(granularity, variance));
  }

  /** RFC 6298 5.5: the timer expired; double the RTO up to the maximum. */
  void backOff() {
    backoffs++;
    rto = Math.min(maxRto, rto > maxRto / 2 ? maxRto : 2 * rto);
  }

  /** The current RTO, backoff included. */
  long rto() {
    return rto;
  }

  /** The smoothed RTT, or -1 before the first measurement. */
  long srtt() {
    return srtt;
  }

  long rttvar() {
    return rttvar;
  }

  int backoffs() {
    return backoffs;
  }

  long initialRto() {
    return initialRto;
  }

  private long clamp(long value) {
    return Math.max(minRto, Math.min(maxRto, value));
  }
}
