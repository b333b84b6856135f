package netsim.tcp;

import netsim.core.Time;
import org.jspecify.annotations.Nullable;

/**
 * A connection's timers as one value: each an absolute deadline in virtual time, or {@link #NEVER}
 * while it is not running, with the counts that the persist and keep-alive timers keep and the user
 * timeout that bounds retransmission and probing (RFC 5482). Nothing is scheduled here: the
 * connection's earliest deadline is {@link #pollAt()}, and when it comes, {@link #due} says which
 * timer to handle first.
 *
 * <p>The deadlines are fields of this object, not an array beside it, and what every arriving
 * segment and every expiry reads ({@link #pollAt()}, {@link #due}) lies on one cache line: the four
 * timers that run all the time, the earliest of the four that run rarely (which stands for them
 * until it comes) and the user timeout. Among thousands of connections each line read is a cache
 * miss.
 */
final class TcpTimers {
  /** The deadline of a timer that is not running. */
  static final long NEVER = Long.MAX_VALUE;

  /** The timers, in the order they are handled when several are due at once. */
  enum Kind {
    /** RFC 9293 3.10.8: 2 MSL in TIME-WAIT. */
    TIME_WAIT,
    /** The host's FIN-WAIT-2 timeout after the application closed (Linux's tcp_fin_timeout). */
    FIN_WAIT_2_TIMEOUT,
    /**
     * RFC 8985 7.2: the tail loss probe timeout (PTO); before RETRANSMIT, since a PTO capped at the
     * RTO's expiry sends the probe instead (RFC 8985 7.2).
     */
    LOSS_PROBE,
    /** RFC 6298: the retransmission timer. */
    RETRANSMIT,
    /** RFC 8985 6.3: RACK's reordering timer. */
    RACK_REORDER,
    /** RFC 9293 3.8.6.1: the zero-window probe. */
    PERSIST,
    /** RFC 9293 3.8.4, RFC 1122 4.2.3.6: the keep-alive probe. */
    KEEPALIVE,
    /** RFC 9293 3.8.6.3: the delayed acknowledgment. */
    DELAYED_ACK
  }

  private static final Kind[] KINDS = Kind.values();

  // The state every segment and every expiry reads ({@link #pollAt}, {@link #due}, the ACK's
  // resets)
  // comes first, so that it lies on the object's first cache line: HotSpot lays out the header
  // (12 bytes), then the first int in the gap after it, then the longs in declaration order, so
  // that line holds this int and the first six longs. Among thousands of connections a second
  // line is a second cache miss.

  /**
   * 1 while the persist timer runs or its counts are not at rest (a backoff, a probing start or an
   * unanswered probe), else 0: every ACK resets them ({@link #resetPersist}, {@link
   * #probesAnswered}), which then reads only this. An int for its place in the first line.
   */
  private int persistUnsettled;

  private long lossProbe = NEVER;
  private long retransmit = NEVER;
  private long rackReorder = NEVER;
  private long delayedAck = NEVER;

  /**
   * The earliest deadline of the timers that run rarely ({@link #rare}): TIME-WAIT, the FIN-WAIT-2
   * timeout, persist and keep-alive.
   */
  private long rareEarliest = NEVER;

  /** TCP_USER_TIMEOUT (RFC 5482), 0 when not set. */
  private long userTimeout;

  private long timeWait = NEVER;
  private long finWait2Timeout = NEVER;
  private long persist = NEVER;
  private long keepalive = NEVER;

  private long probingSince = NEVER;
  private int persistBackoffs;
  private int zeroWindowProbesUnanswered;
  private int keepalivesUnanswered;

  /** The deadline of {@code kind}, or {@link #NEVER}. */
  long deadline(Kind kind) {
    return switch (kind) {
      case TIME_WAIT -> timeWait;
      case FIN_WAIT_2_TIMEOUT -> finWait2Timeout;
      case LOSS_PROBE -> lossProbe;
      case RETRANSMIT -> retransmit;
      case RACK_REORDER -> rackReorder;
      case PERSIST -> persist;
      case KEEPALIVE -> keepalive;
      case DELAYED_ACK -> delayedAck;
    };
  }

  boolean isRunning(Kind kind) {
    return deadline(kind) != NEVER;
  }

  /** Whether {@code kind} has expired by {@code now}. */
  boolean isDue(Kind kind, long now) {
    return deadline(kind) <= now;
  }

  /** Starts (or restarts) {@code kind} to expire at {@code deadline}. */
  void start(Kind kind, long deadline) {
    switch (kind) {
      case TIME_WAIT -> timeWait = deadline;
      case FIN_WAIT_2_TIMEOUT -> finWait2Timeout = deadline;
      case LOSS_PROBE -> lossProbe = deadline;
      case RETRANSMIT -> retransmit = deadline;
      case RACK_REORDER -> rackReorder = deadline;
      case PERSIST -> persist = deadline;
      case KEEPALIVE -> keepalive = deadline;
      case DELAYED_ACK -> delayedAck = deadline;
    }
    if (rare(kind)) {
      rareEarliest = Math.min(Math.min(timeWait, finWait2Timeout), Math.min(persist, keepalive));
      settlePersist();
    }
  }

  /**
   * Whether {@code kind} is one of the timers that run rarely, whose earliest deadline {@link
   * #rareEarliest} stands for them all until it comes.
   */
  private static boolean rare(Kind kind) {
    return switch (kind) {
      case TIME_WAIT, FIN_WAIT_2_TIMEOUT, PERSIST, KEEPALIVE -> true;
      case LOSS_PROBE, RETRANSMIT, RACK_REORDER, DELAYED_ACK -> false;
    };
  }

  /** Recomputes {@link #persistUnsettled} after a change of the persist timer or its counts. */
  private void settlePersist() {
    boolean unsettled =
        persist != NEVER
            || persistBackoffs != 0
            || probingSince != NEVER
            || zeroWindowProbesUnanswered != 0;
    persistUnsettled = unsettled ? 1 : 0;
  }

  void stop(Kind kind) {
    start(kind, NEVER);
  }

  /** Stops every timer (the TCB is deleted). */
  void stopAll() {
    for (Kind kind : KINDS) {
      stop(kind);
    }
  }

  /** The earliest deadline, or {@link #NEVER}. */
  long pollAt() {
    return Math.min(
        Math.min(Math.min(lossProbe, retransmit), Math.min(rackReorder, delayedAck)), rareEarliest);
  }

  /** The first timer in {@link Kind}'s order that has expired by {@code now}, or null. */
  @Nullable Kind due(long now) {
    boolean rareDue = rareEarliest <= now; // else no rare timer's deadline needs reading
    for (Kind kind : KINDS) {
      if ((rareDue || !rare(kind)) && deadline(kind) <= now) {
        return kind;
      }
    }
    return null;
  }

  /** Zero-window probes sent since the peer's window was last open. */
  int persistBackoffs() {
    return persistBackoffs;
  }

  /** A zero-window probe went out: the next one waits twice as long. */
  void persistProbeSent() {
    persistBackoffs++;
    zeroWindowProbesUnanswered++;
    persistUnsettled = 1;
  }

  /**
   * A probe the host's own queue refused (Linux's tcp_send_probe0 with a local send error): it
   * counts as a probe, without backoff.
   */
  void resourceProbeRefused() {
    zeroWindowProbesUnanswered++;
    persistUnsettled = 1;
  }

  /**
   * Zero-window probes sent since the last ACK that was not old (Linux's icsk_probes_out, which
   * tcp_send_probe0 counts up and tcp_ack clears).
   */
  int zeroWindowProbesUnanswered() {
    return zeroWindowProbesUnanswered;
  }

  /**
   * When the probe timer first fired since the window closed (Linux's icsk_probes_tstamp, which
   * only the window opening or the end of probing clears), or {@link #NEVER}.
   */
  long probingSince() {
    return probingSince;
  }

  /** The probe timer fired: probing started now, unless it had already. */
  void probing(long now) {
    if (probingSince == NEVER) {
      probingSince = now;
    }
    persistUnsettled = 1;
  }

  /** No data waits: probing is over. */
  void stopProbing() {
    probingSince = NEVER;
    settlePersist();
  }

  /** An ACK that is not old arrived (Linux's tcp_ack): the probes were answered. */
  void probesAnswered() {
    if (persistUnsettled != 0) {
      zeroWindowProbesUnanswered = 0;
      settlePersist();
    }
  }

  /** The peer's window opened: no probing, and no backoff for the next time. */
  void resetPersist() {
    if (persistUnsettled != 0) {
      persistBackoffs = 0;
      probingSince = NEVER;
      stop(Kind.PERSIST);
    }
  }

  /** Keep-alive probes sent since the peer was last heard from. */
  int keepalivesUnanswered() {
    return keepalivesUnanswered;
  }

  /**
   * RFC 9293 3.8.4, RFC 1122 4.2.3.6: the keep-alive timer expired. Whether a probe goes out now,
   * counted, with the next due at {@code next}; false once {@code probes} went unanswered, when the
   * connection gives up.
   */
  boolean keepaliveProbeDue(int probes, long next) {
    stop(Kind.KEEPALIVE);
    if (keepalivesUnanswered >= probes) {
      return false;
    }
    keepalivesUnanswered++;
    start(Kind.KEEPALIVE, next);
    return true;
  }

  /**
   * The peer was heard from: the next probe is due at {@code deadline}, after a whole idle time.
   */
  void restartKeepalive(long deadline) {
    keepalivesUnanswered = 0;
    start(Kind.KEEPALIVE, deadline);
  }

  /**
   * RFC 9293 3.10.7.4, entering TIME-WAIT: "Start the time-wait timer, turn off the other timers"
   * (the FIN-WAIT-2 timeout, retransmission, persist and keep-alive), to expire at {@code
   * deadline}.
   */
  void startTimeWait(long deadline) {
    stop(Kind.FIN_WAIT_2_TIMEOUT);
    stop(Kind.RETRANSMIT);
    stop(Kind.PERSIST);
    stop(Kind.KEEPALIVE);
    start(Kind.TIME_WAIT, deadline);
  }

  /**
   * TCP_USER_TIMEOUT (RFC 5482), 0 when not set: how long transmitted data may stay unacknowledged
   * (see {@link TcpConnection#setUserTimeout}).
   */
  long userTimeout() {
    return userTimeout;
  }

  void setUserTimeout(long timeout) {
    userTimeout = timeout;
  }

  /**
   * Linux's tcp_clamp_rto_to_user_timeout: the next retransmission timeout comes no later than the
   * user timeout's end, counted from the first timeout of the run at {@code firstTimeoutAt}.
   */
  void clampRetransmitToUserTimeout(long firstTimeoutAt) {
    if (userTimeout > 0) {
      long end = Time.after(firstTimeoutAt, userTimeout);
      if (retransmit > end) {
        retransmit = end;
      }
    }
  }

  /**
   * Linux's tcp_clamp_probe0_to_user_timeout: no probe waits past the end of the user timeout,
   * counted from the probe timer's first expiry.
   */
  long clampToUserTimeout(long deadline) {
    if (userTimeout <= 0) {
      return deadline;
    }
    return Math.min(deadline, Time.after(probingSince, userTimeout));
  }
}
