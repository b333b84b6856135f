package netsim.tcp;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A connection's timers as one value: each an absolute deadline in virtual time, or {@link #NEVER}
 * while it is not running, with the counts that the persist and keep-alive timers keep. Nothing is
 * scheduled here: the connection's earliest deadline is {@link #pollAt()}, and when it comes,
 * {@link #due} says which timer to handle first.
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

  private final long[] deadlines = new long[KINDS.length];
  private int persistBackoffs;
  private int zeroWindowProbesUnanswered;
  private long probingSince = NEVER;
  private int keepalivesUnanswered;

  TcpTimers() {
    Arrays.fill(deadlines, NEVER);
  }

  /** The deadline of {@code kind}, or {@link #NEVER}. */
  long deadline(Kind kind) {
    return deadlines[kind.ordinal()];
  }

  boolean isRunning(Kind kind) {
    return deadlines[kind.ordinal()] != NEVER;
  }

  /** Whether {@code kind} has expired by {@code now}. */
  boolean isDue(Kind kind, long now) {
    return deadlines[kind.ordinal()] <= now;
  }

  /** Starts (or restarts) {@code kind} to expire at {@code deadline}. */
  void start(Kind kind, long deadline) {
    deadlines[kind.ordinal()] = deadline;
  }

  void stop(Kind kind) {
    deadlines[kind.ordinal()] = NEVER;
  }

  /** Stops every timer (the TCB is deleted). */
  void stopAll() {
    Arrays.fill(deadlines, NEVER);
  }

  /** The earliest deadline, or {@link #NEVER}. */
  long pollAt() {
    long earliest = NEVER;
    for (long deadline : deadlines) {
      earliest = Math.min(earliest, deadline);
    }
    return earliest;
  }

  /** The first timer in {@link Kind}'s order that has expired by {@code now}, or null. */
  @Nullable Kind due(long now) {
    for (Kind kind : KINDS) {
      if (deadlines[kind.ordinal()] <= now) {
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
  }

  /**
   * A probe the host's own queue refused (Linux's tcp_send_probe0 with a local send error): it
   * counts as a probe, without backoff.
   */
  void resourceProbeRefused() {
    zeroWindowProbesUnanswered++;
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
  }

  /** No data waits: probing is over. */
  void stopProbing() {
    probingSince = NEVER;
  }

  /** An ACK that is not old arrived (Linux's tcp_ack): the probes were answered. */
  void probesAnswered() {
    zeroWindowProbesUnanswered = 0;
  }

  /** The peer's window opened: no probing, and no backoff for the next time. */
  void resetPersist() {
    stop(Kind.PERSIST);
    persistBackoffs = 0;
    probingSince = NEVER;
  }

  /** Keep-alive probes sent since the peer was last heard from. */
  int keepalivesUnanswered() {
    return keepalivesUnanswered;
  }

  /** A keep-alive probe went out; the next is due at {@code deadline}. */
  void keepaliveSent(long deadline) {
    keepalivesUnanswered++;
    start(Kind.KEEPALIVE, deadline);
  }

  /**
   * The peer was heard from: the next probe is due at {@code deadline}, after a whole idle time.
   */
  void restartKeepalive(long deadline) {
    keepalivesUnanswered = 0;
    start(Kind.KEEPALIVE, deadline);
  }
}
