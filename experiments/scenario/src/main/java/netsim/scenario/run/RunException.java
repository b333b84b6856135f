package netsim.scenario.run;

/**
 * A run that cannot go on because the experiment asks for something impossible at run time (a
 * client connecting from a port that is in use). Reported without a stack trace.
 */
public final class RunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunException(String message) {
    super(message);
  }
}
