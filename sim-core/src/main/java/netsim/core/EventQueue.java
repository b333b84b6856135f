package netsim.core;

/**
 * The set of pending events of one {@link Simulator}, ordered by (time, sequence).
 *
 * <p>The simulator assigns the sequence numbers, so that events at the same time run in the order
 * they were scheduled whatever the implementation. Implementations are single-threaded and need not
 * check their arguments: the simulator does.
 */
public interface EventQueue {

  /** A handle that no pending event ever has. */
  long NO_HANDLE = 0L;

  /**
   * Adds an event.
   *
   * @return a handle, never {@link #NO_HANDLE}, that identifies this event until it is polled or
   *     removed; a handle is never reused for another event while an old holder could still use it
   *     to remove the wrong event
   */
  long add(long time, long sequence, Runnable action);

  /** Removes a pending event; returns false if it was already polled or removed. */
  boolean remove(long handle);

  /** The time of the earliest event. Undefined when empty. */
  long peekTime();

  /** The sequence number of the earliest event. Undefined when empty. */
  long peekSequence();

  /** The action of the earliest event, left in place. Undefined when empty. */
  Runnable peekAction();

  /** Removes the earliest event and returns its action. Undefined when empty. */
  Runnable poll();

  int size();

  default boolean isEmpty() {
    return size() == 0;
  }

  /** A short name for benchmarks and reports, e.g. "heap4". */
  String name();
}
