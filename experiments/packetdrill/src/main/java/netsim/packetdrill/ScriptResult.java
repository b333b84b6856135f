package netsim.packetdrill;

import java.util.List;

/**
 * The outcome of one script.
 *
 * @param script the script's name (its path as given)
 * @param line the line of the first mismatch, unsupported feature or syntax error; 0 if none
 * @param reason what went wrong, or why the script is unsupported; empty for a pass
 * @param expected for a mismatch, what the script expected (its line, or "no segment")
 * @param actual for a mismatch, what the model did (the segment it sent, in script notation, or the
 *     call's result)
 * @param skippedShell the shell commands skipped under {@code ignoreShell}, as "line: command"
 */
public record ScriptResult(
    String script,
    Status status,
    int line,
    String reason,
    String expected,
    String actual,
    List<String> skippedShell) {

  /** How a script ended. */
  public enum Status {
    /** Every line held. */
    PASS,
    /** The model did something other than what a line expects. */
    FAIL,
    /** The script uses something netsim does not model; it did not run to the end. */
    UNSUPPORTED,
    /**
     * The script could not be read (a syntax error), asks for something meaningless, or tests
     * nothing (it has no events).
     */
    ERROR
  }

  public ScriptResult {
    skippedShell = List.copyOf(skippedShell);
  }

  static ScriptResult pass(String script, List<String> skippedShell) {
    return new ScriptResult(script, Status.PASS, 0, "", "", "", skippedShell);
  }

  /** A one-line summary: {@code FAIL established/rst.pkt:12: sequence number: ...}. */
  public String summary() {
    StringBuilder text = new StringBuilder(status.name()).append(' ').append(script);
    if (line > 0) {
      text.append(':').append(line);
    }
    if (!reason.isEmpty()) {
      text.append(": ").append(reason);
    }
    return text.toString();
  }
}
