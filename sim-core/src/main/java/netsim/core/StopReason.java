package netsim.core;

/**
 * Why {@link Simulator#run()}, {@link Simulator#runUntil(long)} or {@link Simulator#runInstants}
 * returned.
 */
public enum StopReason {
  /** No event was left. */
  EMPTY,
  /** The next event lies beyond the time given to {@code runUntil}. */
  TIME_LIMIT,
  /** An event called {@link Simulator#stop()}. */
  STOPPED,
  /** The bound on executed events was reached. */
  EVENT_LIMIT,
  /** The check after an instant asked to stop ({@link Simulator#runInstants}). */
  CONDITION
}
