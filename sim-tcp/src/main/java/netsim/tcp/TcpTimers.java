package netsim.tcp;

import netsim.core.AbstractTimer;
import netsim.core.Simulator;
import netsim.core.Time;
import org.jspecify.annotations.Nullable;

/**
 * A connection's timers as one value, and the connection's one event in the simulator: each timer
 * an absolute deadline in virtual time, or {@link #NEVER} while it is not running, with the counts
 * that the persist and keep-alive timers keep and the user timeout that bounds retransmission and
 * probing (RFC 5482). The connection's earliest deadline is {@link #earliestDeadline()}; when it
 * comes, this timer expires into {@link TcpConnection#onTimer()}, and {@link #due} says which timer
 * to handle first.
 *
 * <p>Nothing is scheduled unless the connection's environment asks: its stack, told that the
 * deadlines may have changed, queues the expiry at the earliest ({@link #scheduleEarliest}); a test
 * that drives a connection by hand polls {@link #earliestDeadline()} and never runs the simulator.
 *
 * <p>This is a layer of the connection (the {@link TransmissionControlBlock}'s superclass), so
 * every arriving segment reads the deadlines ({@link #earliestDeadline()}) in the connection's own
 * lines. The queued event is a small {@link AbstractTimer} of its own ({@link Expiry}), made first
 * so that it lies right after the connection: as a layer it would make {@link AbstractTimer}'s
 * public methods ({@code run}, {@code cancel}, ...) the connection's. A later deadline only records
 * itself there (lazy re-arming). Whether the connection itself is the queued event makes no
 * difference to the wall time (benchmarks/RESULTS.md, session 22).
 *
 * <p>The deadlines are fields, not an array beside them, and they are only what every arriving
 * segment and every expiry reads ({@link #earliestDeadline()}, {@link #due}): the four timers that
 * run all the time and the earliest of the four that run rarely (which stands for them until it
 * comes). The rare timers, their counts and the user timeout are a {@link Rare} part, made when one
 * of them is first set: most connections never set one before TIME-WAIT, and in memory a
 * connection's objects lie side by side, so that 64 bytes of fields no segment reads would be most
 * of a cache line between those it reads.
 */
abstract class TcpTimers {
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

  /**
   * 1 while the persist timer runs or its counts are not at rest (a backoff, a probing start or an
   * unanswered probe), else 0: every ACK resets them ({@link #resetPersist}, {@link
   * #probesAnswered}), which then reads only this. An int for its place after the object's header.
   */
  private int persistUnsettled;

  private long lossProbe = NEVER;
  private long retransmit = NEVER;
  private long rackReorder = NEVER;
  private long delayedAck = NEVER;

  /**
   * The earliest deadline of the timers that run rarely ({@link #rare(Kind)}): TIME-WAIT, the
   * FIN-WAIT-2 timeout, persist and keep-alive.
   */
  private long rareEarliest = NEVER;

  /** The rare timers, their counts and the user timeout, once one was set; else all at rest. */
  private @Nullable Rare rare;

  /** Whether the connection left its stack ({@link #retire}): its expiry is never queued again. */
  private boolean retired;

  /**
   * The connection's one event in the simulator: a small object of its own, made first, so that it
   * lies right after the connection in memory, and kept out of the connection's type so that {@link
   * AbstractTimer}'s public methods are not the connection's.
   */
  private final Expiry expiry;

  /**
   * The time the expiry is pending at ({@code expiry.expiresAt()}), or -1 when it is not pending: a
   * copy in the connection's own lines, so that an arrival that leaves the earliest deadline where
   * it was reads no {@link Expiry}.
   */
  private long expiryAt = -1;

  /**
   * The timers of a connection (this object: the TransmissionControlBlock's superclass), none
   * running, whose expiry {@code simulator} would run.
   */
  TcpTimers(Simulator simulator) {
    this.expiry = new Expiry(simulator, this);
  }

  /** The connection's event: its expiry runs {@link #onTimer()}. */
  private static final class Expiry extends AbstractTimer {
    private final TcpTimers timers;

    Expiry(Simulator simulator, TcpTimers timers) {
      super(simulator);
      this.timers = timers;
    }

    /** The connection's earliest deadline came. */
    @Override
    protected void expire() {
      timers.expiryAt = -1;
      timers.onTimer();
    }

    /** "tcp/NODE/TUPLE" in a stack, made when asked (only determinism reports and tests ask). */
    @Override
    public String label() {
      return timers.timerLabel();
    }
  }

  /** The connection's earliest deadline came ({@link TcpConnection#onTimer()}). */
  public abstract void onTimer();

  /** The name of the connection's timer ({@link TcpConnection.Environment#timerLabel}). */
  abstract String timerLabel();

  /**
   * Queues the expiry at the earliest deadline, or at {@code now} if that has passed, or cancels it
   * when no timer runs. A later deadline than the one queued costs no more than recording it.
   */
  void scheduleEarliest(long now) {
    if (retired) {
      return;
    }
    long at = earliestDeadline();
    if (at == NEVER) {
      if (expiryAt != -1) {
        expiry.cancel();
        expiryAt = -1;
      }
    } else {
      long time = Math.max(at, now);
      if (time != expiryAt) { // the same time keeps the expiry's place (AbstractTimer#scheduleAt)
        expiry.scheduleAt(time);
        expiryAt = time;
      }
    }
  }

  /**
   * The connection left its stack (its TCB was deleted, or a listener's child went back to LISTEN):
   * the pending expiry is cancelled and no later {@link #scheduleEarliest} queues one.
   */
  void retire() {
    expiry.cancel();
    expiryAt = -1;
    retired = true;
  }

  /** The part of the timers that most connections never set before TIME-WAIT. */
  private static final class Rare {
    long timeWait = NEVER;
    long finWait2Timeout = NEVER;
    long persist = NEVER;
    long keepalive = NEVER;
    long probingSince = NEVER;

    /** TCP_USER_TIMEOUT (RFC 5482), 0 when not set. */
    long userTimeout;

    /** When the last segment arrived in FIN-WAIT-1 or -2 ({@link #segmentArrived}). */
    long lastSegmentAt;

    int persistBackoffs;
    int zeroWindowProbesUnanswered;
    int keepalivesUnanswered;
  }

  /** The rare part, made now if it was not yet. */
  private Rare rare() {
    Rare part = rare;
    if (part == null) {
      part = new Rare();
      rare = part;
    }
    return part;
  }

  /** The deadline of {@code kind}, or {@link #NEVER}. */
  long deadline(Kind kind) {
    return switch (kind) {
      case LOSS_PROBE -> lossProbe;
      case RETRANSMIT -> retransmit;
      case RACK_REORDER -> rackReorder;
      case DELAYED_ACK -> delayedAck;
      case TIME_WAIT -> rare == null ? NEVER : rare.timeWait;
      case FIN_WAIT_2_TIMEOUT -> rare == null ? NEVER : rare.finWait2Timeout;
      case PERSIST -> rare == null ? NEVER : rare.persist;
      case KEEPALIVE -> rare == null ? NEVER : rare.keepalive;
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
      case LOSS_PROBE -> lossProbe = deadline;
      case RETRANSMIT -> retransmit = deadline;
      case RACK_REORDER -> rackReorder = deadline;
      case DELAYED_ACK -> delayedAck = deadline;
      case TIME_WAIT, FIN_WAIT_2_TIMEOUT, PERSIST, KEEPALIVE -> startRare(kind, deadline);
    }
  }

  /** {@link #start} of a rare timer: a rare part at rest is made only to run one. */
  private void startRare(Kind kind, long deadline) {
    if (deadline == NEVER && rare == null) {
      return; // stopping a timer that never ran
    }
    Rare part = rare();
    switch (kind) {
      case TIME_WAIT -> part.timeWait = deadline;
      case FIN_WAIT_2_TIMEOUT -> part.finWait2Timeout = deadline;
      case PERSIST -> part.persist = deadline;
      case KEEPALIVE -> part.keepalive = deadline;
      default -> throw new IllegalArgumentException("not a rare timer: " + kind);
    }
    rareEarliest =
        Math.min(
            Math.min(part.timeWait, part.finWait2Timeout), Math.min(part.persist, part.keepalive));
    settlePersist();
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
    Rare part = rare;
    boolean unsettled =
        part != null
            && (part.persist != NEVER
                || part.persistBackoffs != 0
                || part.probingSince != NEVER
                || part.zeroWindowProbesUnanswered != 0);
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

  /** The earliest time this connection needs {@link #onTimer()}, or {@link #NEVER}. */
  final long earliestDeadline() {
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
    return rare == null ? 0 : rare.persistBackoffs;
  }

  /** A zero-window probe went out: the next one waits twice as long. */
  void persistProbeSent() {
    Rare part = rare();
    part.persistBackoffs++;
    part.zeroWindowProbesUnanswered++;
    persistUnsettled = 1;
  }

  /**
   * A probe the host's own queue refused (Linux's tcp_send_probe0 with a local send error): it
   * counts as a probe, without backoff.
   */
  void resourceProbeRefused() {
    rare().zeroWindowProbesUnanswered++;
    persistUnsettled = 1;
  }

  /**
   * Zero-window probes sent since the last ACK that was not old (Linux's icsk_probes_out, which
   * tcp_send_probe0 counts up and tcp_ack clears).
   */
  int zeroWindowProbesUnanswered() {
    return rare == null ? 0 : rare.zeroWindowProbesUnanswered;
  }

  /**
   * When the probe timer first fired since the window closed (Linux's icsk_probes_tstamp, which
   * only the window opening or the end of probing clears), or {@link #NEVER}.
   */
  long probingSince() {
    return rare == null ? NEVER : rare.probingSince;
  }

  /** The probe timer fired: probing started now, unless it had already. */
  void probing(long now) {
    Rare part = rare();
    if (part.probingSince == NEVER) {
      part.probingSince = now;
    }
    persistUnsettled = 1;
  }

  /** No data waits: probing is over. */
  void stopProbing() {
    if (rare != null) {
      rare.probingSince = NEVER;
      settlePersist();
    }
  }

  /** An ACK that is not old arrived (Linux's tcp_ack): the probes were answered. */
  void probesAnswered() {
    if (persistUnsettled != 0) {
      rare().zeroWindowProbesUnanswered = 0;
      settlePersist();
    }
  }

  /** The peer's window opened: no probing, and no backoff for the next time. */
  void resetPersist() {
    if (persistUnsettled != 0) {
      Rare part = rare();
      part.persistBackoffs = 0;
      part.probingSince = NEVER;
      stop(Kind.PERSIST);
    }
  }

  /**
   * A segment arrived in FIN-WAIT-1 or FIN-WAIT-2 at {@code now}: FreeBSD's t_rcvtime, which its
   * FIN-WAIT-2 timeout reads (kept here, with that timer, and only in those states, rather than
   * written by every segment into the connection's first lines).
   */
  void segmentArrived(long now) {
    rare().lastSegmentAt = now;
  }

  /** When the last segment arrived in FIN-WAIT-1 or FIN-WAIT-2, or 0 if none has. */
  long lastSegmentAt() {
    return rare == null ? 0 : rare.lastSegmentAt;
  }

  /** Keep-alive probes sent since the peer was last heard from. */
  int keepalivesUnanswered() {
    return rare == null ? 0 : rare.keepalivesUnanswered;
  }

  /**
   * RFC 9293 3.8.4, RFC 1122 4.2.3.6: the keep-alive timer expired. Whether a probe goes out now,
   * counted, with the next due at {@code next}; false once {@code probes} went unanswered, when the
   * connection gives up.
   */
  boolean keepaliveProbeDue(int probes, long next) {
    stop(Kind.KEEPALIVE);
    if (keepalivesUnanswered() >= probes) {
      return false;
    }
    rare().keepalivesUnanswered++;
    start(Kind.KEEPALIVE, next);
    return true;
  }

  /**
   * The peer was heard from: the next probe is due at {@code deadline}, after a whole idle time.
   */
  void restartKeepalive(long deadline) {
    rare().keepalivesUnanswered = 0;
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
    return rare == null ? 0 : rare.userTimeout;
  }

  void setTimersUserTimeout(long timeout) {
    if (timeout != 0 || rare != null) {
      rare().userTimeout = timeout;
    }
  }

  /**
   * Linux's tcp_clamp_rto_to_user_timeout: the next retransmission timeout comes no later than the
   * user timeout's end, counted from the first timeout of the run at {@code firstTimeoutAt}.
   */
  void clampRetransmitToUserTimeout(long firstTimeoutAt) {
    long userTimeout = userTimeout();
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
    long userTimeout = userTimeout();
    if (userTimeout <= 0) {
      return deadline;
    }
    return Math.min(deadline, Time.after(probingSince(), userTimeout));
  }
}
