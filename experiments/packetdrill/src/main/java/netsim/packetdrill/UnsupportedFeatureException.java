package netsim.packetdrill;

/**
 * A script uses something netsim does not model (python code, TCP_INFO, MD5, Fast Open, IPv6, UDP,
 * a shell command, ...). The script is reported as unsupported with this reason, never as a pass.
 */
public final class UnsupportedFeatureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  public UnsupportedFeatureException(int line, String reason) {
    super(reason);
    this.line = line;
  }

  /** The line that uses the feature, or 0 for the whole script. */
  public int line() {
    return line;
  }
}
