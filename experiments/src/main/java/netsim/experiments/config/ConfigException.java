package netsim.experiments.config;

/**
 * A mistake in a config file, located: the file, the line and column (1-based) and the field path
 * ({@code links[0].delay}), with what was expected. The command prints {@link #getMessage()} and
 * exits with status 2; there is no stack trace for a user mistake.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String path;
  private final String problem;

  public ConfigException(String file, int line, int column, String path, String problem) {
    super(format(file, line, column, path, problem));
    this.file = file;
    this.line = line;
    this.column = column;
    this.path = path;
    this.problem = problem;
  }

  private static String format(String file, int line, int column, String path, String problem) {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (path != null && !path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(problem).toString();
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
