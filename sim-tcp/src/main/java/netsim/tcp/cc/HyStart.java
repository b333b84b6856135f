package netsim.tcp.cc;

import netsim.core.Time;

/**
 * Linux's HyStart (tcp_cubic.c, hystart_update, on by default: {@code hystart_detect=3}): ends slow
 * start before a loss does, once a round trip shows the path filling. A round starts when the ACKs
 * pass the end of the previous one (SND.NXT when it began). Two tests, each switched on by a bit of
 * {@link #detect}: an ACK train ({@link #ACK_TRAIN}), ACKs no more than 2 ms apart for longer than
 * half the smallest RTT seen, and a delay increase ({@link #DELAY}), the smallest of a round's
 * first 8 RTT samples above the smallest RTT seen by an eighth of it (clamped to 4..16 ms). Either
 * sets ssthresh to cwnd. It runs only in slow start with cwnd at least 16 segments
 * (hystart_low_window), and not again until a retransmission timeout resets it.
 */
final class HyStart {
  /** hystart_detect's bit for the ACK-train test (HYSTART_ACK_TRAIN). */
  static final int ACK_TRAIN = 1;

  /** hystart_detect's bit for the delay test (HYSTART_DELAY). */
  static final int DELAY = 2;

  /** hystart_low_window: HyStart runs from this cwnd on, in segments. */
  static final int LOW_WINDOW = 16;

  /** HYSTART_MIN_SAMPLES: the RTT samples of a round before the delay test. */
  static final int MIN_SAMPLES = 8;

  /** hystart_ack_delta_us: ACKs at most this far apart make a train. */
  static final long ACK_DELTA = Time.millis(2);

  /** hystart_ack_delay's bound: the ACK train's allowance for delayed transmissions. */
  static final long ACK_DELAY = Time.millis(1);

  /** HYSTART_DELAY_MIN and HYSTART_DELAY_MAX: the bounds of the delay test's threshold. */
  static final long DELAY_THRESHOLD_MIN = Time.millis(4);

  static final long DELAY_THRESHOLD_MAX = Time.millis(16);

  private final int detect;

  /** Slow start was ended (Linux's ca->found). */
  private boolean found;

  private boolean roundStarted;
  private long roundStart;
  private long lastAck;

  /** The position that ends the current round: SND.NXT when it began. */
  private long roundEnd;

  /** The smallest RTT of the round's samples, or -1. */
  private long roundRtt = -1;

  /** The smallest RTT seen (Linux's ca->delay_min), or -1. */
  private long delayMin = -1;

  private int samples;

  /**
   * @param detect which tests run: {@link #ACK_TRAIN}, {@link #DELAY}, or both
   */
  HyStart(int detect) {
    this.detect = detect;
  }

  /**
   * An ACK brought an RTT sample (bictcp_acked): whether slow start ends now (ssthresh = cwnd).
   *
   * @param testing whether the tests run: in slow start with cwnd at least {@link #LOW_WINDOW}
   */
  boolean exitsSlowStart(long now, long rtt, long sndUna, long sndNxt, boolean testing) {
    long delay = Math.max(1, rtt);
    if (delayMin < 0 || delay < delayMin) {
      delayMin = delay;
    }
    if (found || !testing) {
      return false;
    }
    if (!roundStarted || sndUna > roundEnd) {
      // bictcp_hystart_reset: a new round.
      roundStarted = true;
      roundStart = now;
      lastAck = now;
      roundEnd = sndNxt;
      roundRtt = -1;
      samples = 0;
    }
    if ((detect & ACK_TRAIN) != 0 && now - lastAck <= ACK_DELTA) {
      lastAck = now;
      // Without pacing (no fq qdisc) the train must last half of delay_min plus
      // hystart_ack_delay, at most 1 ms (taken as 1 ms).
      if (now - roundStart > (delayMin + ACK_DELAY) / 2) {
        found = true;
      }
    }
    if ((detect & DELAY) != 0 && !found) {
      if (roundRtt < 0 || roundRtt > delay) {
        roundRtt = delay;
      }
      if (samples < MIN_SAMPLES) {
        samples++;
      } else {
        long threshold = Math.max(DELAY_THRESHOLD_MIN, Math.min(DELAY_THRESHOLD_MAX, delayMin / 8));
        found = roundRtt > delayMin + threshold;
      }
    }
    return found;
  }

  /**
   * A retransmission timeout: HyStart may run again, from a new round, and forgets the smallest RTT
   * (bictcp_reset and bictcp_hystart_reset on TCP_CA_Loss).
   */
  void reset() {
    found = false;
    roundStarted = false;
    delayMin = -1;
  }
}
