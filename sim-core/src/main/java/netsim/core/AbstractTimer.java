package netsim.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A reusable timer whose action ({@link #expire()}) and label ({@link #label()}) are its
 * subclass's: one action that can be scheduled, rescheduled and cancelled any number of times, such
 * as a TCP retransmission timer. {@link Timer} is the timer of a given action and label. At most
 * one expiry is pending at a time; scheduling again replaces it. Inside the action the timer is no
 * longer pending and may be rescheduled.
 *
 * <p><b>Restarts to a later deadline cost O(1)</b> (lazy re-arming): a timer restarted on every ACK
 * would otherwise remove and re-add an event each time. A restart that moves the deadline later
 * only records it and leaves the queued expiry where it is; when that expiry comes up early, the
 * {@link Simulator} moves it to the deadline instead of running it. A restart to an earlier
 * deadline moves the queued expiry at once.
 *
 * <p><b>Order among same-time events: as if every restart rescheduled the expiry.</b> Each restart
 * takes the sequence number an event scheduled at that moment would take, and the expiry runs under
 * it, so the action runs exactly where a cancel-and-schedule at the last restart would have put it:
 * after the events scheduled for the same time before that restart and before those scheduled after
 * it (with a tie-shuffling simulator, in the same permutation). Moving an early expiry is not an
 * executed event: listeners do not see it, the event limit does not count it and the clock does not
 * stop at it. So a run is event for event, sequence number for sequence number, the one that
 * cancelling and rescheduling would give.
 *
 * <p><b>A subclass is its own action and names itself</b>: an object that owns one timer and is
 * read whenever the timer is, such as a TCP connection's timers (its deadlines), then carries the
 * timer's state in its own fields, and no others: among thousands of connections every separate
 * object read is a cache miss, and every field a line's share. Its label may be made when asked
 * (only determinism reports and tests ask), from what the object holds anyway.
 *
 * <p><b>The timer is its own queued event</b>, so that an expiry, moved or run, reads the timer's
 * fields and no other object: the event set holds the timer itself, and {@link #run()} is the
 * simulator's entry to it (public only because {@link Runnable}'s method is; calling it runs an
 * expiry that did not come up, so nothing else may).
 */
public abstract class AbstractTimer implements Runnable, Labelled {
  private final Simulator simulator;

  /** The queued expiry, or NO_HANDLE when the timer is not pending. */
  private long handle = EventQueue.NO_HANDLE;

  /** The keys the expiry is queued under: never after the deadline's. */
  private long queuedTime;

  private long queuedSequence;

  /** The keys the action must run under; -1 when not pending. */
  private long deadline = -1;

  private long deadlineSequence;

  protected AbstractTimer(Simulator simulator) {
    this.simulator = checkNotNull(simulator, "simulator");
  }

  /**
   * What the timer does when it expires. The timer is no longer pending here and may be
   * rescheduled.
   */
  protected abstract void expire();

  /**
   * A stable name for the timer's expiries in traces and determinism reports, e.g. "tcp/rto
   * client:49152".
   */
  @Override
  public abstract String label();

  /**
   * Whether the deadline has moved past the keys the expiry is queued under. The simulator runs the
   * expiry only when it is not, and otherwise calls {@link #rearm()}.
   */
  final boolean isDeferred() {
    return queuedTime != deadline || queuedSequence != deadlineSequence;
  }

  /** Queues the expiry again, under the deadline's keys; it has just been polled. */
  final void rearm() {
    queue(deadline, deadlineSequence);
  }

  /** The simulator's entry: the queued expiry came up at the deadline. Not for other callers. */
  @Override
  public final void run() {
    handle = EventQueue.NO_HANDLE;
    deadline = -1;
    expire();
  }

  /** Schedules the action {@code delay} nanoseconds from now, replacing any pending expiry. */
  public void schedule(long delay) {
    scheduleAt(Time.after(simulator.now(), delay));
  }

  /**
   * Schedules the action at absolute time {@code time}, replacing any pending expiry. Scheduling
   * for the time already pending keeps the expiry's place among same-time events.
   *
   * @throws IllegalArgumentException if {@code time} lies in the past
   */
  public void scheduleAt(long time) {
    boolean pending = handle != EventQueue.NO_HANDLE;
    if (pending && time == deadline) {
      return;
    }
    long sequence = simulator.sequenceAt(time);
    deadline = time;
    deadlineSequence = sequence;
    if (pending) {
      if (!before(time, sequence, queuedTime, queuedSequence)) {
        return; // the queued expiry comes first and will be moved to the deadline then
      }
      simulator.cancel(handle);
    }
    queue(time, sequence);
  }

  private static boolean before(long time, long sequence, long otherTime, long otherSequence) {
    return time < otherTime || (time == otherTime && sequence < otherSequence);
  }

  private void queue(long time, long sequence) {
    handle = simulator.enqueue(time, sequence, this);
    queuedTime = time;
    queuedSequence = sequence;
  }

  /** Cancels the pending expiry, if any; returns whether one was pending. */
  public boolean cancel() {
    if (handle == EventQueue.NO_HANDLE) {
      return false;
    }
    simulator.cancel(handle);
    handle = EventQueue.NO_HANDLE;
    deadline = -1;
    return true;
  }

  public boolean isPending() {
    return handle != EventQueue.NO_HANDLE;
  }

  /** The pending expiry time (the latest deadline), or -1 when not pending. */
  public long expiresAt() {
    return deadline;
  }
}
