package netsim.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A timer of a given action and label (see {@link AbstractTimer} for how it is scheduled and
 * ordered). An object that is its own action extends {@link AbstractTimer} instead.
 */
public final class Timer extends AbstractTimer {
  /** The action to run on expiry. */
  private final Runnable action;

  /** The name of the timer's expiries in traces and determinism reports. */
  private final String label;

  /**
   * @param label a stable name for traces and determinism reports, e.g. "tcp/rto client:49152"
   */
  public Timer(Simulator simulator, String label, Runnable action) {
    super(simulator);
    this.action = checkNotNull(action, "action");
    this.label = checkNotNull(label, "label");
  }

  /** Runs the action given to the constructor. */
  @Override
  protected void expire() {
    action.run();
  }

  @Override
  public String label() {
    return label;
  }
}
