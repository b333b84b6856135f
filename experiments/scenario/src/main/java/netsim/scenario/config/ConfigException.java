package netsim.scenario.config;

import java.util.Locale;

/**
 * A mistake in a config file, located: the file, the line and column (1-based) and the field path
 * ({@code links[0].delay}), with what was expected. The command prints {@link #getMessage()} and
 * exits with status 2; there is no stack trace for a user mistake. The message is always one line
 * of bounded length, whatever the input: control characters are escaped, and a path or problem too
 * long is cut (values are echoed through {@link #quote}).
 *
 * <p>One kind is not a mistake: a sound config whose run would not fit in this JVM's heap ({@link
 * RunSize}, {@link #exceedsMemory()}). It is located the same way, and exits with status 4, as a
 * run that runs out of memory does.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String path;
  private final String problem;
  private final boolean exceedsMemory;

  /** The longest file name or field path a message shows. */
  private static final int MAX_PATH = 200;

  /** The longest problem a message shows. */
  private static final int MAX_PROBLEM = 2000;

  public ConfigException(String file, int line, int column, String path, String problem) {
    this(file, line, column, path, problem, false);
  }

  private ConfigException(
      String file, int line, int column, String path, String problem, boolean exceedsMemory) {
    super(format(file, line, column, path, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.path = path;
    this.problem = problem;
    this.exceedsMemory = exceedsMemory;
  }

  /** This error as the refusal of a run too large for the heap ({@link RunSize}). */
  ConfigException exceedingMemory() {
    return new ConfigException(file, line, column, path, problem, true);
  }

  /**
   * The same kind of error, said at another place or in other words: a sweep moves an error to the
   * value it swept.
   */
  public ConfigException relocated(String file, int line, int column, String path, String problem) {
    return new ConfigException(file, line, column, path, problem, exceedsMemory);
  }

  /**
   * Whether the config is sound but its run would not fit in this JVM's heap: the remedy is more
   * memory or a smaller run, not a correction.
   */
  public boolean exceedsMemory() {
    return exceedsMemory;
  }

  private static String format(String file, int line, int column, String path, String problem) {
    StringBuilder text = new StringBuilder(escape(file, MAX_PATH));
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (path != null && !path.isEmpty()) {
      text.append(escape(path, MAX_PATH)).append(": ");
    }
    return text.append(escape(problem, MAX_PROBLEM)).toString();
  }

  /**
   * A value as a message echoes it: in quotes, with control characters escaped as in Java source,
   * and cut after {@link InputLimits#ECHO_LENGTH} characters with its length said.
   */
  public static String quote(String value) {
    String quoted = "'" + escape(value, InputLimits.ECHO_LENGTH) + "'";
    return value.length() > InputLimits.ECHO_LENGTH
        ? quoted + " (" + value.length() + " characters)"
        : quoted;
  }

  /** {@code text} on one line: control and format characters escaped, cut after {@code max}. */
  private static String escape(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int end = Math.min(text.length(), max);
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // do not cut a character in two
    }
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || (type == Character.SURROGATE && !validSurrogate(text, i))) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > max) {
      out.append("...");
    }
    return out.toString();
  }

  private static boolean validSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  public String file() {
    return file;
  }

  /** 1-based, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** The field path, e.g. {@code links[0].delay}; empty for the whole document. */
  public String path() {
    return path;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
