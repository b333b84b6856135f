package netsim.tcp;

/**
 * Linux's estimator (net/ipv4/tcp_input.c, tcp_rtt_estimator and tcp_set_rto), which differs from
 * RFC 6298 in how the variation enters the RTO:
 *
 * <ul>
 *   <li>mdev follows |error| with gain 1/4, but an RTT below SRTT moves it with gain 1/32 (its
 *       error is damped by 1/8 once more);
 *   <li>rttvar, the term added to SRTT, is the largest mdev of the current round trip, never below
 *       the minimum RTO: it rises at once with mdev and, once per round trip (when SND.UNA passes
 *       the SND.NXT of the last decay), falls a quarter of the way towards that round trip's
 *       largest mdev;
 *   <li>RTO = SRTT + rttvar, rounded up to the clock's tick and at most the maximum RTO; the first
 *       sample R gives SRTT = R and rttvar = max(2 R, minimum RTO), so RTO = R + max(2 R, 200 ms).
 * </ul>
 *
 * <p>A timeout doubles the RTO up to the maximum (tcp_retransmit_timer). Values are kept as Linux
 * keeps them, scaled: {@code srtt8} is 8 SRTT, {@code mdev4} is 4 mdev.
 */
final class LinuxRttEstimator extends RttEstimator {
  private long srtt8;
  private long mdev4;
  private long mdevMax;
  private long rttvar;
  private long rttSeq;

  LinuxRttEstimator(TcpConfig config) {
    super(config);
  }

  @Override
  void update(long r, long sndUna, long sndMax, int expectedSamples) {
    long minRto = minRto();
    long m = Math.min(r, Long.MAX_VALUE / 16);
    if (srtt8 == 0) {
      // No previous measure: "take the measured time to be rtt", "make sure rto = 3*rtt".
      srtt8 = m << 3;
      mdev4 = m << 1;
      rttvar = Math.max(mdev4, minRto);
      mdevMax = rttvar;
      rttSeq = sndMax;
    } else {
      m -= srtt8 >> 3; // the error of the estimate
      srtt8 += m; // srtt = 7/8 srtt + 1/8 new
      if (m < 0) {
        m = -m - (mdev4 >> 2);
        if (m > 0) {
          m >>= 3; // an RTT below the estimate moves mdev more slowly
        }
      } else {
        m -= mdev4 >> 2;
      }
      mdev4 += m; // mdev = 3/4 mdev + 1/4 new
      if (mdev4 > mdevMax) {
        mdevMax = mdev4;
        rttvar = Math.max(rttvar, mdevMax);
      }
      if (sndUna > rttSeq) {
        // Once per round trip: rttvar decays towards the largest mdev of the round trip.
        if (mdevMax < rttvar) {
          rttvar -= (rttvar - mdevMax) >> 2;
        }
        rttSeq = sndMax;
        mdevMax = minRto;
      }
    }
    srtt8 = Math.max(1, srtt8);
    // __tcp_set_rto: srtt + rttvar, in jiffies (rounded up); tcp_bound_rto: at most TCP_RTO_MAX.
    long rto = add(srtt8 >> 3, rttvar);
    long tick = config.clockGranularity();
    if (tick > 0 && rto % tick != 0) {
      rto = add(rto - rto % tick, tick);
    }
    baseRto = Math.min(maxRto(), rto);
  }

  @Override
  long srtt() {
    return srtt8 == 0 ? -1 : srtt8 >> 3;
  }

  /** Linux's tcpi_rttvar: mdev (mdev_us >> 2). */
  @Override
  long rttvar() {
    return mdev4 >> 2;
  }
}
