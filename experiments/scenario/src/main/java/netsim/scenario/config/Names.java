package netsim.scenario.config;

import java.util.regex.Pattern;

/**
 * The rule for the names a config gives (the experiment, nodes, links, fault rules): 1 to 64 ASCII
 * letters, digits, '-', '_' and '.', not starting with '.'. Names become file names (a host's
 * {@code HOST.pcap}, the default output directory {@code out/NAME}) and fields of the trace, so a
 * name can never climb out of a directory ({@code ..}, {@code /}), hide a file, or carry a control
 * character into a terminal or a trace.
 */
public final class Names {
  /** The longest name. */
  public static final int MAX_LENGTH = 64;

  /** The rule in words, for messages and docs. */
  public static final String RULE =
      "1 to " + MAX_LENGTH + " ASCII letters, digits, '-', '_'" + " and '.', not starting with '.'";

  private static final Pattern SAFE =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

  private Names() {}

  /** Whether {@code name} follows the rule. */
  public static boolean isSafe(String name) {
    return name.length() <= MAX_LENGTH && SAFE.matcher(name).matches();
  }
}
