package netsim.packetdrill;

/** The first line of a script the model did not satisfy; ends the run of that script. */
final class ScriptFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String expected;
  private final String actual;

  ScriptFailure(int line, String reason, String expected, String actual) {
    super(reason);
    this.line = line;
    this.expected = expected;
    this.actual = actual;
  }

  int line() {
    return line;
  }

  String expected() {
    return expected;
  }

  String actual() {
    return actual;
  }
}
