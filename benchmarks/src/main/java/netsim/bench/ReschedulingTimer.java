package netsim.bench;

import netsim.core.EventQueue;
import netsim.core.Labelled;
import netsim.core.Simulator;

/**
 * The timer the lazy {@link netsim.core.Timer} is measured against: every restart cancels the
 * queued expiry and schedules a new one, O(log n) or a list removal each time, as netsim's Timer
 * did before lazy re-arming. Same behaviour, event for event.
 */
final class ReschedulingTimer implements SimulatorChurnBenchmark.Restartable {
  private final Simulator simulator;
  private final Runnable fire;
  private long handle = EventQueue.NO_HANDLE;
  private long expiresAt = -1;

  ReschedulingTimer(Simulator simulator, String label, Runnable action) {
    this.simulator = simulator;
    this.fire = new Fire(label, action);
  }

  private final class Fire implements Runnable, Labelled {
    private final String label;
    private final Runnable action;

    Fire(String label, Runnable action) {
      this.label = label;
      this.action = action;
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

  @Override
  public void schedule(long delay) {
    long time = simulator.now() + delay;
    if (handle != EventQueue.NO_HANDLE) {
      if (time == expiresAt) {
        return;
      }
      simulator.cancel(handle);
    }
    handle = simulator.scheduleAt(time, fire);
    expiresAt = time;
  }
}
