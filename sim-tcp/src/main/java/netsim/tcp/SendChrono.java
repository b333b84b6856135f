package netsim.tcp;

/**
 * Linux's chronograph of the sending side (tcp_output.c: tcp_chrono_start, tcp_chrono_stop,
 * tcp_chrono_set), which {@code tcp_info} reports as tcpi_busy_time and tcpi_rwnd_limited: the time
 * data was queued or in flight, and the part of it in which the peer's window held back new data.
 * One state runs at a time, the most interesting one (limited by the window over busy); its time is
 * added to its total when another takes over.
 */
final class SendChrono {
  /** Linux's enum tcp_chrono, in its order of interest: a later one takes over an earlier one. */
  enum Kind {
    /** TCP_CHRONO_UNSPEC: nothing queued or in flight; not counted. */
    IDLE,
    /** TCP_CHRONO_BUSY: data queued or in flight. */
    BUSY,
    /** TCP_CHRONO_RWND_LIMITED: new data waits for the peer's window. */
    RWND_LIMITED
  }

  // The totals of each state, three fields rather than an array: one object less of each
  // connection (among thousands of connections, each object read is a cache miss of its own).
  private long idleTotal;
  private long busyTotal;
  private long rwndLimitedTotal;
  private Kind running = Kind.IDLE;
  private long since;

  /** tcp_chrono_start: {@code kind} runs from {@code now} if it is more interesting. */
  void start(Kind kind, long now) {
    if (kind.compareTo(running) > 0) {
      set(kind, now);
    }
  }

  /**
   * tcp_chrono_stop: with nothing queued or in flight the chronograph stops (UNSPEC); else, if
   * {@code kind} is the one running, busy time runs again.
   */
  void stop(Kind kind, boolean queuesEmpty, long now) {
    if (queuesEmpty) {
      set(Kind.IDLE, now);
    } else if (kind == running) {
      set(Kind.BUSY, now);
    }
  }

  /** tcp_chrono_set: the running state's time goes to its total, and {@code kind} runs. */
  private void set(Kind kind, long now) {
    long elapsed = now - since;
    switch (running) {
      case IDLE -> idleTotal += elapsed;
      case BUSY -> busyTotal += elapsed;
      case RWND_LIMITED -> rwndLimitedTotal += elapsed;
    }
    since = now;
    running = kind;
  }

  /** The time spent in {@code kind} up to {@code now}, the running stretch included. */
  long total(Kind kind, long now) {
    long total =
        switch (kind) {
          case IDLE -> idleTotal;
          case BUSY -> busyTotal;
          case RWND_LIMITED -> rwndLimitedTotal;
        };
    return total + (kind == running ? now - since : 0);
  }

  /** tcp_get_info_chrono_stats: tcpi_busy_time, the busy and the window-limited time together. */
  long busy(long now) {
    return total(Kind.BUSY, now) + total(Kind.RWND_LIMITED, now);
  }
}
