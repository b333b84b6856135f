package netsim.tcp;

import netsim.core.Time;

/**
 * RFC 6298's estimator: SRTT and RTTVAR with gains 1/8 and 1/4, RTO = SRTT + max(G, 4 RTTVAR)
 * within the bounds, doubled on each timeout. Samples from timestamps, several per round trip, take
 * RFC 7323 Appendix G's smaller gains (alpha / ExpectedSamples, beta / ExpectedSamples), so that
 * the estimate keeps the history of about one round trip.
 *
 * <p>FreeBSD ({@code freebsd}) runs the same filter on every sample, without Appendix G, and sets
 * the timer as its tcp_xmit_timer and tcp_timer.h do: RTO = max(rexmit_min, SRTT + 4 RTTVAR) +
 * rexmit_slop (200 ms), at least rexmit_min and the sample plus two ticks; a timeout multiplies the
 * RTO before the slop by tcp_backoff[] (1, 2, 4, ... 64) and adds the slop again.
 */
final class Rfc6298Estimator extends RttEstimator {
  /** FreeBSD's net.inet.tcp.rexmit_slop default (tcp_timer.c). */
  static final long FREEBSD_SLOP = Time.millis(200);

  /** FreeBSD's tcp_backoff[] ends at 64 times the RTO (TCP_MAXRXTSHIFT's table). */
  private static final int FREEBSD_MAX_BACKOFF_SHIFT = 6;

  private static final long FREEBSD_TICK = Time.MILLISECOND;

  private final boolean freebsd;
  private long srtt = -1;
  private long rttvar;

  /** FreeBSD: the floor of the RTO from the last sample (the sample plus two ticks). */
  private long floor;

  Rfc6298Estimator(TcpConfig config, boolean freebsd) {
    super(config);
    this.freebsd = freebsd;
  }

  @Override
  void update(long r, long sndUna, long sndMax, int expectedSamples) {
    int samples = freebsd ? 1 : expectedSamples;
    if (srtt < 0) {
      // RFC 6298 2.2: SRTT <- R, RTTVAR <- R/2.
      srtt = r;
      rttvar = r / 2;
    } else {
      // RFC 6298 2.3: RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R'|, SRTT <- 7/8 SRTT + 1/8 R', with
      // RFC 7323 Appendix G's gains divided by the samples expected per round trip. Written as
      // steps towards the sample so that no product can overflow.
      rttvar += Math.floorDiv(Math.abs(srtt - r) - rttvar, 4L * samples);
      srtt += Math.floorDiv(r - srtt, 8L * samples);
    }
    long variance = rttvar > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * rttvar;
    if (freebsd) {
      // tcp_xmit_timer: TCPT_RANGESET(t_rxtcur, TCP_REXMTVAL(tp), max(t_rttmin, rtt + 2), ...).
      baseRto = clamp(add(srtt, variance));
      floor = add(r, 2 * FREEBSD_TICK);
    } else {
      // RFC 6298 2.3 and 2.4: RTO <- SRTT + max(G, K*RTTVAR), at least the minimum.
      baseRto = clamp(add(srtt, Math.max(config.clockGranularity(), variance)));
    }
  }

  @Override
  long rto() {
    if (!freebsd || (srtt < 0 && backoffs() == 0)) {
      return super.rto(); // FreeBSD starts at rexmit_initial, without the slop
    }
    // TCPT_RANGESET adds rexmit_slop to TCP_REXMTVAL * tcp_backoff[t_rxtshift].
    int shift = Math.min(backoffs(), FREEBSD_MAX_BACKOFF_SHIFT);
    long maxRto = maxRto();
    long backedOff = baseRto > maxRto >> shift ? maxRto : baseRto << shift;
    long rto = add(backedOff, FREEBSD_SLOP);
    return Math.min(maxRto, Math.max(rto, Math.max(minRto(), floor)));
  }

  @Override
  long srtt() {
    return srtt;
  }

  @Override
  long rttvar() {
    return Math.max(0, rttvar);
  }
}
