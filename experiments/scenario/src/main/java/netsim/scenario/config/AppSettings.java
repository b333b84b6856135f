package netsim.scenario.config;

/**
 * What an application does on one connection: send {@code send} bytes (deterministic pseudo-random
 * bytes the receiver checks), then close or shut down its sending side when a {@link Moment} comes,
 * and perhaps abort.
 *
 * @param sendAt when the data is written: "+0" (once established, the default), a time or a time
 *     after establishment
 * @param closeDelay extra wait after a {@code done} or {@code eof} moment before closing
 * @param closeHow "close" (no more reading; data arriving later is not delivered) or "shutdown"
 *     (half-close: keep reading)
 */
public record AppSettings(
    long send, Moment sendAt, Moment close, long closeDelay, String closeHow, Moment abort) {

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of the application table ({@code AppTable}). */
  static final class Builder {
    private long send;
    private Moment sendAt = Moment.NEVER_MOMENT;
    private Moment close = Moment.NEVER_MOMENT;
    private long closeDelay;
    private String closeHow = "close";
    private Moment abort = Moment.NEVER_MOMENT;

    Builder send(long value) {
      send = value;
      return this;
    }

    Builder sendAt(Moment value) {
      sendAt = value;
      return this;
    }

    Builder close(Moment value) {
      close = value;
      return this;
    }

    Builder closeDelay(long value) {
      closeDelay = value;
      return this;
    }

    Builder closeHow(String value) {
      closeHow = value;
      return this;
    }

    Builder abort(Moment value) {
      abort = value;
      return this;
    }

    AppSettings build() {
      return new AppSettings(send, sendAt, close, closeDelay, closeHow, abort);
    }
  }

  /** When an action happens. */
  public record Moment(Kind kind, long time) {
    /** The kinds of moment. */
    public enum Kind {
      /** When the application has written all its data. */
      DONE,
      /** When the peer's FIN arrives. */
      EOF,
      /** Never. */
      NEVER,
      /** At absolute virtual time {@code time}. */
      AT,
      /** {@code time} after the connection is established. */
      AFTER
    }

    public static final Moment NEVER_MOMENT = new Moment(Kind.NEVER, 0);

    @Override
    public String toString() {
      return switch (kind) {
        case DONE -> "done";
        case EOF -> "eof";
        case NEVER -> "never";
        case AT -> netsim.core.Time.format(time);
        case AFTER -> "+" + netsim.core.Time.format(time);
      };
    }
  }
}
