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

  // The totals of the two states reported, fields rather than an array: one object less of each
  // connection (among thousands of connections, each object read is a cache miss of its own). As
  // in Linux's chrono_stat, idle time has none. The state running is the send side's (Linux's
  // tp->chrono_type, beside the sequence space in tcp_sock): a sending pass that changes no state
  // reads nothing of this object.
  private long busyTotal;
  private long rwndLimitedTotal;

  /** When the running state began. */
  private long since;

  /** tcp_chrono_start: the state that runs once {@code kind} starts, the more interesting one. */
  static Kind started(Kind running, Kind kind) {
    return kind.compareTo(running) > 0 ? kind : running;
  }

  /**
   * tcp_chrono_stop: with nothing queued or in flight the chronograph stops (UNSPEC); else, if
   * {@code kind} is the one running, busy time runs again; otherwise {@code running} runs on.
   */
  static Kind stopped(Kind running, Kind kind, boolean queuesEmpty) {
    if (queuesEmpty) {
      return Kind.IDLE;
    }
    return kind == running ? Kind.BUSY : running;
  }

  /**
   * tcp_chrono_set: the time of {@code running}, which another state takes over at {@code now},
   * goes to its total.
   */
  void switchFrom(Kind running, long now) {
    long elapsed = now - since;
    switch (running) {
      case IDLE -> {}
      case BUSY -> busyTotal += elapsed;
      case RWND_LIMITED -> rwndLimitedTotal += elapsed;
    }
    since = now;
  }

  /**
   * The time spent in {@code kind} (busy or window-limited) up to {@code now}, while {@code
   * running} runs, its running stretch included.
   */
  long total(Kind kind, Kind running, long now) {
    long total =
        switch (kind) {
          case IDLE -> throw new IllegalArgumentException("idle time is not counted");
          case BUSY -> busyTotal;
          case RWND_LIMITED -> rwndLimitedTotal;
        };
    return total + (kind == running ? now - since : 0);
  }

  /** tcp_get_info_chrono_stats: tcpi_busy_time, the busy and the window-limited time together. */
  long busy(Kind running, long now) {
    return total(Kind.BUSY, running, now) + total(Kind.RWND_LIMITED, running, now);
  }
}
