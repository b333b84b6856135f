package netsim.core;

/** Why {@link Simulator#run()} or {@link Simulator#runUntil(long)} returned. */
public enum StopReason {
  /** No event was left. */
  EMPTY,
  /** The next event lies beyond the time given to {@code runUntil}. */
  TIME_LIMIT,
  /** An event called {@link Simulator#stop()}. */
  STOPPED,
  /** The bound on executed events was reached. */
  EVENT_LIMIT
}
