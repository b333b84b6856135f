package netsim.core;

/**
 * Sees every event a {@link Simulator} executes, just before it runs. Traces and the determinism
 * check are built on it. A simulator without listeners pays nothing for this hook.
 */
@FunctionalInterface
public interface EventListener {
  /**
   * Called before {@code action} runs at virtual time {@code time}.
   *
   * @param sequence the event's place in the total order among events at the same time
   */
  void beforeEvent(long time, long sequence, Runnable action);
}
