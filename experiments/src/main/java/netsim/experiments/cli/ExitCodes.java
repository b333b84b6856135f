package netsim.experiments.cli;

/** The exit statuses of {@code netsim}. */
public final class ExitCodes {
  /** All went well. */
  public static final int OK = 0;
  /** The run finished but an invariant was violated, and {@code --check} was given. */
  public static final int INVARIANT_VIOLATED = 1;
  /** A mistake in the config or the command line. */
  public static final int USAGE = 2;
  /** The run could not be carried out or its outputs not written. */
  public static final int FAILURE = 3;

  private ExitCodes() {}
}
