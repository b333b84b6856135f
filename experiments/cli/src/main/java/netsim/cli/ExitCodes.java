package netsim.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import netsim.scenario.config.ConfigException;

/**
 * The exit statuses of {@code netsim}: one meaning each, the same for every command, listed in
 * every command's help and in docs/reliability.md.
 */
public final class ExitCodes {
  /** All went well. */
  public static final int OK = 0;

  /**
   * The command ran and its check did not pass: an invariant was violated ({@code run}, {@code
   * sweep}, {@code merge} with {@code --check}), a script failed ({@code packetdrill}), no seed
   * fired the detector ({@code hunt}).
   */
  public static final int CHECK_FAILED = 1;

  /**
   * A mistake in the command line or the config, or an output place netsim will not use (outside
   * the output directory, or a directory that is not netsim's to replace).
   */
  public static final int USAGE = 2;

  /**
   * The command could not finish: a file could not be read or written (the message says why), or an
   * internal error. Nothing half-written is left.
   */
  public static final int FAILURE = 3;

  /**
   * Not enough memory: the command ran out of it, or refused before it started a run that certainly
   * would ({@link ConfigException#exceedsMemory()}). Nothing half-written is left.
   */
  public static final int OUT_OF_MEMORY = 4;

  private ExitCodes() {}

  /** The status of {@code e}: 4 for a run too large for the heap, else 2, a mistake. */
  static int of(ConfigException e) {
    return e.exceedsMemory() ? OUT_OF_MEMORY : USAGE;
  }

  /**
   * The table of exit statuses for a command's help; {@code checkFailed} says what status 1 means
   * for it, or is null when it never exits with 1.
   */
  static Map<String, String> help(String checkFailed) {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "done");
    if (checkFailed != null) {
      codes.put("1", checkFailed);
    }
    codes.put("2", "a mistake in the command line or the config; the message says which");
    codes.put("3", "could not finish: a file could not be written, or an internal error");
    codes.put("4", "out of memory, or would be: give Java more (JDK_JAVA_OPTIONS=-Xmx8g)");
    codes.put("130", "interrupted by Ctrl-C (143: by SIGTERM); nothing half-written is left");
    return codes;
  }
}
