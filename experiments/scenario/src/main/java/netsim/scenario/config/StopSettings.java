package netsim.scenario.config;

/**
 * When a run ends: at virtual time {@code at} at the latest, and earlier as soon as every
 * connection is CLOSED and no application has anything left to do, if {@code whenAllClosed}.
 */
public record StopSettings(long at, boolean whenAllClosed) {
  /** The defaults: ten minutes, and as soon as every connection is closed. */
  static StopSettings defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of the {@code stop} table; starts at the defaults. */
  static final class Builder {
    private long at = 600 * netsim.core.Time.SECOND;
    private boolean whenAllClosed = true;

    Builder at(long value) {
      at = value;
      return this;
    }

    Builder whenAllClosed(boolean value) {
      whenAllClosed = value;
      return this;
    }

    StopSettings build() {
      return new StopSettings(at, whenAllClosed);
    }
  }
}
