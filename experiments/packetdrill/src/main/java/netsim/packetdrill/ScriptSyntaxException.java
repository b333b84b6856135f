package netsim.packetdrill;

/**
 * A script that cannot be read: an unknown token, a malformed packet or call, an unbalanced {@code
 * #ifdef}. The message names the file and the line, as a compiler would: {@code
 * "established/rst.pkt:12: expected ':' in sequence range, got '('"}.
 */
public final class ScriptSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  public ScriptSyntaxException(String file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  /** The message without the file and line. */
  public String problem() {
    return problem;
  }
}
