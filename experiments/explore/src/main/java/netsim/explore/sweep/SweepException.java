package netsim.explore.sweep;

/**
 * A sweep, resume or merge that cannot go on, with a sentence saying why and what to do: a
 * directory holding another config's results, shards that overlap or leave runs out, a run that
 * failed. The command prints the message, without a stack trace.
 */
public final class SweepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SweepException(String message) {
    super(message);
  }

  public SweepException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The first 12 hex digits of a hash, enough to tell two apart in a message. */
  static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
