package netsim.packetdrill;

/**
 * When a script event happens, as written: {@code 0.1} (absolute), {@code +0.1} (relative to the
 * end of the previous event), {@code *} (any time), {@code 0.1~0.2} or {@code +0~+0.5} (a range).
 * Times are virtual nanoseconds.
 *
 * @param start the time, or the start of the range; for relative kinds, the offset
 * @param end the end of a range (the same as start otherwise)
 */
record EventTime(Kind kind, long start, long end) {

  /** How the time is written. */
  enum Kind {
    ABSOLUTE,
    RELATIVE,
    ANY,
    ABSOLUTE_RANGE,
    RELATIVE_RANGE
  }

  static EventTime absolute(long at) {
    return new EventTime(Kind.ABSOLUTE, at, at);
  }

  static EventTime relative(long offset) {
    return new EventTime(Kind.RELATIVE, offset, offset);
  }

  static EventTime any() {
    return new EventTime(Kind.ANY, 0, 0);
  }

  boolean isRelative() {
    return kind == Kind.RELATIVE || kind == Kind.RELATIVE_RANGE;
  }

  /** The earliest time this event may happen, given where the previous event ended. */
  long earliest(long previousEnd) {
    return switch (kind) {
      case ANY -> previousEnd;
      case RELATIVE, RELATIVE_RANGE -> previousEnd + start;
      default -> start;
    };
  }

  /** The latest time this event may happen (before tolerance), or {@link Long#MAX_VALUE}. */
  long latest(long previousEnd) {
    return switch (kind) {
      case ANY -> Long.MAX_VALUE;
      case RELATIVE, RELATIVE_RANGE -> previousEnd + end;
      default -> end;
    };
  }
}
