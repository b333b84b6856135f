package netsim.report.files;

/**
 * An output that netsim refuses to write, before writing anything: a path that would lie outside
 * the output directory (a host or experiment name with {@code /} or {@code ..}), an empty {@code
 * --out}, or a directory that is not netsim's to replace. A mistake in the command line or config:
 * the command prints the message and exits with status 2.
 */
public final class OutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputException(String message) {
    super(message);
  }
}
