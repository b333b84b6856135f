package netsim.tcp;

/**
 * Proportional Rate Reduction (RFC 6937 3): how much a sender may send on each ACK of a SACK-based
 * recovery, so that the data in flight falls smoothly from RecoverFS to ssthresh instead of halting
 * for half a round trip (RFC 6675) or bursting. While pipe is above ssthresh it sends in proportion
 * to the data delivered (ssthresh / RecoverFS of it); once pipe has fallen to ssthresh or below, a
 * reduction bound lets it catch up: PRR-SSRB (slow-start reduction bound, the RFC's recommended
 * default) sends one SMSS more than was delivered, PRR-CRB (conservative) only what was delivered.
 * The caller sets cwnd = pipe + sndcnt after each ACK and counts what it sends in {@link #sent}.
 *
 * <p>The two bounds that RFC 9937 (which obsoletes RFC 6937) and Linux's tcp_cwnd_reduction use,
 * {@link Bound#SAFE_ACK} and {@link Bound#RETRANSMISSION_ACKED}, also force the fast retransmit:
 * while nothing has been sent in the reduction (prr_out = 0), sndcnt is at least one SMSS, so that
 * the reduction's first ACK lets a segment out whatever the proportion says (RFC 9937 4, "Force a
 * fast retransmit upon entering recovery"; Linux: sndcnt = max(sndcnt, prr_out ? 0 : 1)). RFC
 * 6937's bounds leave the first retransmission to RFC 6675, which sends it regardless of cwnd.
 */
final class ProportionalRateReduction {

  /** RFC 6937 3's two reduction bounds. */
  enum Bound {
    /** PRR-SSRB: limit = MAX(prr_delivered - prr_out, DeliveredData) + MSS. */
    SLOW_START,
    /**
     * PRR-SSRB as RFC 6937bis (draft-ietf-tcpm-prr-rfc6937bis) and Linux's tcp_cwnd_reduction
     * refine it: the extra MSS only on a "safe" ACK, one that advances SND.UNA and shows no new
     * loss; otherwise MAX(prr_delivered - prr_out, DeliveredData).
     */
    SAFE_ACK,
    /**
     * Linux's tcp_cwnd_reduction from 4.3 to 5.9 ("tcp: PRR uses CRB mode by default and SS mode
     * conditionally"): PRR-SSRB's limit on an ACK that cumulatively acknowledges retransmitted data
     * and shows no lost retransmission; otherwise only what this ACK delivered, DeliveredData.
     */
    RETRANSMISSION_ACKED,
    /** PRR-CRB: limit = prr_delivered - prr_out. */
    CONSERVATIVE
  }

  private final Bound bound;

  /** RFC 6937: "Total bytes delivered during recovery". */
  private long prrDelivered;

  /** RFC 6937: "Total bytes sent during recovery". */
  private long prrOut;

  /** RFC 6937: "FlightSize at the start of recovery". */
  private long recoverFs;

  ProportionalRateReduction(Bound bound) {
    this.bound = bound;
  }

  /**
   * RFC 6937 3, "At the beginning of recovery": prr_delivered = prr_out = 0, RecoverFS = snd.nxt -
   * snd.una (ssthresh is the congestion control's, already set).
   */
  void start(long flightSize) {
    prrDelivered = 0;
    prrOut = 0;
    recoverFs = flightSize;
  }

  /**
   * RFC 6937 3, "On every ACK during recovery": the bytes that may be sent now, sndcnt (never
   * negative), for an ACK that delivered {@code deliveredData} bytes (change_in(snd.una) +
   * change_in(SACKd)) and left {@code pipe} (RFC 6675) in flight.
   */
  long onAck(long deliveredData, long pipe, long ssthresh, long smss) {
    return onAck(deliveredData, pipe, ssthresh, smss, true);
  }

  /**
   * {@link #onAck(long, long, long, long)} for an ACK that is {@code safe} or not: for {@link
   * Bound#SAFE_ACK}, it advanced SND.UNA and marked no segment lost; for {@link
   * Bound#RETRANSMISSION_ACKED}, it cumulatively acknowledged retransmitted data and marked no
   * segment lost.
   */
  long onAck(long deliveredData, long pipe, long ssthresh, long smss, boolean safe) {
    prrDelivered += deliveredData;
    long sndcnt;
    if (pipe > ssthresh) {
      // Proportional Rate Reduction: CEIL(prr_delivered * ssthresh / RecoverFS) - prr_out.
      long proportional =
          recoverFs <= 0 ? prrDelivered : (prrDelivered * ssthresh + recoverFs - 1) / recoverFs;
      sndcnt = proportional - prrOut;
    } else {
      long limit =
          switch (bound) {
            case CONSERVATIVE -> prrDelivered - prrOut;
            case SLOW_START -> Math.max(prrDelivered - prrOut, deliveredData) + smss;
            case SAFE_ACK -> Math.max(prrDelivered - prrOut, deliveredData) + (safe ? smss : 0);
            case RETRANSMISSION_ACKED ->
                safe ? Math.max(prrDelivered - prrOut, deliveredData) + smss : deliveredData;
          };
      // "Attempt to catch up, as permitted by limit."
      sndcnt = Math.min(ssthresh - pipe, limit);
    }
    if (prrOut == 0 && forcesFirstRetransmission()) {
      sndcnt = Math.max(sndcnt, smss); // RFC 9937 4; Linux's tcp_cwnd_reduction
    }
    return Math.max(0, sndcnt);
  }

  /** Whether sndcnt is at least one SMSS until something is sent (RFC 9937 4, Linux). */
  private boolean forcesFirstRetransmission() {
    return bound == Bound.SAFE_ACK || bound == Bound.RETRANSMISSION_ACKED;
  }

  /** RFC 6937 3, "On any data transmission or retransmission": prr_out += data sent. */
  void sent(long bytes) {
    prrOut += bytes;
  }

  long prrDelivered() {
    return prrDelivered;
  }

  long prrOut() {
    return prrOut;
  }

  long recoverFs() {
    return recoverFs;
  }

  Bound bound() {
    return bound;
  }
}
