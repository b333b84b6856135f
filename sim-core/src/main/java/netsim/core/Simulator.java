package netsim.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.jspecify.annotations.Nullable;

/**
 * A discrete-event simulator: virtual time in nanoseconds and a queue of pending events that run in
 * a total, deterministic order, by time and then by the order in which they were scheduled.
 *
 * <p>Everything a run needs hangs off one instance (there is no global state), so several
 * simulations can live in one JVM. A simulator is single-threaded.
 */
public final class Simulator {
  /**
   * The default event set, chosen for speed: the ladder queue, which beat the 4-ary heap at every
   * population and delay distribution measured (benchmarks/RESULTS.md).
   */
  public static final Supplier<EventQueue> DEFAULT_QUEUE = LadderEventQueue::new;

  private final EventQueue queue;
  private final @Nullable UniformRandomProvider tieShuffle;
  private final List<EventListener> listeners = new ArrayList<>();
  private @Nullable EventListener listener;

  private long now;
  private long nextSequence;
  private long executed;
  private long eventLimit = Long.MAX_VALUE;
  private boolean stopRequested;
  private boolean running;

  /** A simulator with the default event set and FIFO order among same-time events. */
  public Simulator() {
    this(DEFAULT_QUEUE.get());
  }

  /** A simulator on the given (empty) event set. */
  public Simulator(EventQueue queue) {
    this(queue, null);
  }

  private Simulator(EventQueue queue, @Nullable UniformRandomProvider tieShuffle) {
    this.queue = checkNotNull(queue, "queue");
    checkArgument(queue.isEmpty(), "the event queue must start empty");
    this.tieShuffle = tieShuffle;
  }

  /**
   * A simulator whose same-time events run in a seeded random permutation instead of FIFO, to
   * reveal a hidden dependence of an experiment on same-time order. The permutation depends only on
   * the generator, so a shuffled run still replays exactly.
   */
  public static Simulator withTieShuffle(EventQueue queue, UniformRandomProvider random) {
    return new Simulator(queue, checkNotNull(random, "random"));
  }

  /**
   * Whether same-time events run in the order they were scheduled (true unless made by {@link
   * #withTieShuffle}). A component that keeps its own queue of pending work may rely on it to match
   * its queue to its events.
   */
  public boolean runsTiesInOrder() {
    return tieShuffle == null;
  }

  /** The current virtual time in nanoseconds. */
  public long now() {
    return now;
  }

  /**
   * Schedules {@code action} to run {@code delay} nanoseconds from now. An event scheduled with
   * delay 0 from inside an event runs after the events already queued for the same time.
   *
   * @return a handle for {@link #cancel(long)}
   * @throws IllegalArgumentException if the delay is negative or the time would overflow
   */
  public long schedule(long delay, Runnable action) {
    return scheduleAt(Time.after(now, delay), action);
  }

  /**
   * Schedules {@code action} at absolute virtual time {@code time}.
   *
   * @return a handle for {@link #cancel(long)}
   * @throws IllegalArgumentException if {@code time} lies in the past
   */
  public long scheduleAt(long time, Runnable action) {
    long sequence = sequenceAt(time);
    checkNotNull(action, "action");
    return queue.add(time, sequence, action);
  }

  /**
   * The sequence number of an event scheduled now for {@code time}, which must not lie in the past.
   * A {@link Timer} takes one at every restart, so that its expiry keeps the place among same-time
   * events that the restart gave it, even when it is queued later.
   */
  long sequenceAt(long time) {
    checkArgument(time >= now, "cannot schedule in the past: %s < now %s", time, now);
    return tieShuffle == null ? nextSequence++ : tieShuffle.nextLong() >>> 1;
  }

  /** Queues an event under keys already checked and drawn by {@link #sequenceAt}. */
  long enqueue(long time, long sequence, Runnable action) {
    return queue.add(time, sequence, action);
  }

  /**
   * Cancels a pending event. Returns false if it has already run or was already cancelled;
   * cancelling is always safe, including from inside an event.
   */
  public boolean cancel(long handle) {
    return handle != EventQueue.NO_HANDLE && queue.remove(handle);
  }

  /** Runs events until none is left, {@link #stop()} is called or the event bound is reached. */
  public StopReason run() {
    return runUntil(Long.MAX_VALUE);
  }

  /**
   * Runs every event at a time up to and including {@code end}. When it returns because the next
   * event lies beyond {@code end} (or none is left), the clock is advanced to {@code end}.
   */
  public StopReason runUntil(long end) {
    checkArgument(end >= now, "cannot run until the past: %s < now %s", end, now);
    checkArgument(!running, "run() called from inside an event");
    running = true;
    stopRequested = false;
    try {
      while (true) {
        if (queue.isEmpty()) {
          advanceTo(end);
          return StopReason.EMPTY;
        }
        long time = queue.peekTime();
        if (time > end) {
          now = end;
          return StopReason.TIME_LIMIT;
        }
        if (executed >= eventLimit) {
          if (rearmDeferredTimers()) {
            continue;
          }
          return StopReason.EVENT_LIMIT;
        }
        if (runNext(time) && stopRequested) {
          return StopReason.STOPPED;
        }
      }
    } finally {
      running = false;
    }
  }

  /**
   * Polls the first event, due at {@code time}, and runs it; or, when it is a timer's expiry whose
   * deadline has moved later, queues that again under the deadline, which is no event. Returns
   * whether an event ran.
   *
   * <p>Timers and the other events are run from two call sites: each site then sees few classes
   * (the timers' {@link AbstractTimer#expire} overrides at one, the links' events at the other), so
   * the compiler inlines both, where one site for all would see too many to inline and dispatch
   * every event through an interface call (a many-flows run has timers, links' transmissions and
   * arrivals; a few-flows run often only the last two).
   */
  private boolean runNext(long time) {
    EventListener observer = listener;
    long sequence = observer == null ? 0 : queue.peekSequence();
    Runnable action = queue.poll();
    AbstractTimer timer = action instanceof AbstractTimer t ? t : null;
    if (timer != null && timer.isDeferred()) {
      timer.rearm();
      return false;
    }
    now = time;
    executed++;
    if (observer != null) {
      observer.beforeEvent(time, sequence, action);
    }
    if (timer != null) {
      timer.run();
    } else {
      action.run();
    }
    return true;
  }

  /**
   * Told by {@link #runInstants} when an instant is over: every event at one virtual time has run.
   * It may read the simulation, not change it.
   */
  @FunctionalInterface
  public interface InstantEnd {
    /** The events at virtual time {@code now} have all run; true to stop the run here. */
    boolean ended(long now);
  }

  /**
   * Runs events as {@link #runUntil} does, and tells {@code instantEnd} after the last event of
   * each instant (the events at one virtual time, those they schedule for it included): a run that
   * stops on a condition of the simulation's state checks it once per instant, and steps through
   * time without a call per instant. Unlike {@link #runUntil}, when no event is left the clock
   * stays at the last event's time.
   *
   * @return {@link StopReason#CONDITION} after an instant for which {@code instantEnd} returned
   *     true; else as {@link #runUntil}: {@link StopReason#EMPTY}, {@link StopReason#TIME_LIMIT}
   *     (the clock then at {@code end}), {@link StopReason#STOPPED}, {@link StopReason#EVENT_LIMIT}
   */
  public StopReason runInstants(long end, InstantEnd instantEnd) {
    checkArgument(end >= now, "cannot run until the past: %s < now %s", end, now);
    checkArgument(!running, "run() called from inside an event");
    running = true;
    stopRequested = false;
    // Whether an event of the instant `now` has run in this call, and its end is still to tell.
    boolean inInstant = false;
    try {
      while (true) {
        boolean empty = queue.isEmpty();
        long time = empty ? Long.MAX_VALUE : queue.peekTime();
        if (inInstant && (empty || time != now)) {
          inInstant = false;
          if (instantEnd.ended(now)) {
            return StopReason.CONDITION;
          }
        }
        if (empty) {
          return StopReason.EMPTY;
        }
        if (time > end) {
          now = end;
          return StopReason.TIME_LIMIT;
        }
        if (executed >= eventLimit) {
          if (rearmDeferredTimers()) {
            continue;
          }
          return StopReason.EVENT_LIMIT;
        }
        if (runNext(time)) {
          inInstant = true;
          if (stopRequested) {
            return StopReason.STOPPED;
          }
        }
      }
    } finally {
      running = false;
    }
  }

  private void advanceTo(long end) {
    if (end != Long.MAX_VALUE) {
      now = end;
    }
  }

  /** Makes the running {@link #run()} return after the current event. */
  public void stop() {
    stopRequested = true;
  }

  /** Bounds the total number of events executed over the simulator's life. */
  public void setEventLimit(long limit) {
    checkArgument(limit >= 0, "negative event limit: %s", limit);
    eventLimit = limit;
  }

  /** The number of events executed so far. */
  public long executedEvents() {
    return executed;
  }

  /** The number of events waiting to run. */
  public int pendingEvents() {
    return queue.size();
  }

  /** The time of the next pending event, or {@code Long.MAX_VALUE} if there is none. */
  public long nextEventTime() {
    rearmDeferredTimers();
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peekTime();
  }

  /**
   * Moves every timer expiry that is the earliest event but lies before its timer's deadline to
   * that deadline, so that the earliest event is one that will run; returns whether it moved any. A
   * moved expiry is not an executed event: no listener sees it and no limit counts it.
   */
  private boolean rearmDeferredTimers() {
    boolean moved = false;
    while (!queue.isEmpty()
        && queue.peekAction() instanceof AbstractTimer timer
        && timer.isDeferred()) {
      queue.poll();
      timer.rearm();
      moved = true;
    }
    return moved;
  }

  /** Adds a listener that sees every executed event from now on, in registration order. */
  public void addListener(EventListener added) {
    listeners.add(checkNotNull(added, "listener"));
    if (listeners.size() == 1) {
      listener = added;
    } else {
      EventListener[] all = listeners.toArray(new EventListener[0]);
      listener =
          (time, sequence, action) -> {
            for (EventListener each : all) {
              each.beforeEvent(time, sequence, action);
            }
          };
    }
  }

  /** The event set's name, for reports. */
  public String queueName() {
    return queue.name();
  }
}
