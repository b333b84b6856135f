package netsim.core;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * A timer of a given action and label (see {@link AbstractTimer} for how it is scheduled and
 * ordered). A subclass made without an action ({@link #Timer(Simulator, String)}) overrides {@link
 * #expire()} instead.
 */
public class Timer extends AbstractTimer {
  /** The action to run on expiry; null for a subclass that overrides {@link #expire()}. */
  private final @Nullable Runnable action;

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

  /**
   * A timer whose action is its own {@link #expire()}, which the subclass overrides.
   *
   * @param label as for {@link #Timer(Simulator, String, Runnable)}
   */
  protected Timer(Simulator simulator, String label) {
    super(simulator);
    this.action = null;
    this.label = checkNotNull(label, "label");
  }

  /**
   * Runs the action given to the constructor. A subclass made without an action overrides it. The
   * timer is no longer pending here and may be rescheduled.
   */
  @Override
  protected void expire() {
    Runnable given = action;
    if (given == null) {
      throw new IllegalStateException(
          "a Timer made without an action must override expire(): " + label);
    }
    given.run();
  }

  @Override
  public final String label() {
    return label;
  }
}
