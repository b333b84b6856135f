package netsim.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A reusable timer: one action that can be scheduled, rescheduled and cancelled any number of
 * times, such as a TCP retransmission timer. At most one expiry is pending at a time; scheduling
 * again replaces it. Inside the action the timer is no longer pending and may be rescheduled.
 */
public final class Timer {
  private final Simulator simulator;
  private final Runnable action;
  private final Runnable fire;
  private long handle = EventQueue.NO_HANDLE;
  private long expiresAt = -1;

  /**
   * @param label a stable name for traces and determinism reports, e.g. "tcp/rto client:49152"
   */
  public Timer(Simulator simulator, String label, Runnable action) {
    this.simulator = checkNotNull(simulator, "simulator");
    this.action = checkNotNull(action, "action");
    checkNotNull(label, "label");
    this.fire = new Fire(label);
  }

  private final class Fire implements Runnable, Labelled {
    private final String label;

    Fire(String label) {
      this.label = label;
    }

    @Override
    public void run() {
      handle = EventQueue.NO_HANDLE;
      expiresAt = -1;
      action.run();
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** Schedules the action {@code delay} nanoseconds from now, replacing any pending expiry. */
  public void schedule(long delay) {
    scheduleAt(Time.after(simulator.now(), delay));
  }

  /**
   * Schedules the action at absolute time {@code time}, replacing any pending expiry. Scheduling
   * for the time already pending keeps the event's place among same-time events.
   */
  public void scheduleAt(long time) {
    if (handle != EventQueue.NO_HANDLE) {
      if (time == expiresAt) {
        return;
      }
      simulator.cancel(handle);
    }
    handle = simulator.scheduleAt(time, fire);
    expiresAt = time;
  }

  /** Cancels the pending expiry, if any; returns whether one was pending. */
  public boolean cancel() {
    if (handle == EventQueue.NO_HANDLE) {
      return false;
    }
    simulator.cancel(handle);
    handle = EventQueue.NO_HANDLE;
    expiresAt = -1;
    return true;
  }

  public boolean isPending() {
    return handle != EventQueue.NO_HANDLE;
  }

  /** The pending expiry time, or -1 when not pending. */
  public long expiresAt() {
    return expiresAt;
  }
}
