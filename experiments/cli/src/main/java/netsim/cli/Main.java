package netsim.cli;

/**
 * The {@code netsim} command's entry point: a plain {@code run} line runs at once ({@link
 * PlainRun}), any other goes to picocli ({@link NetsimCommand}).
 */
public final class Main {
  /**
   * Picocli's built-in converters left out: those of the {@code java.time} and {@code java.sql}
   * types, which picocli registers by reflection for every command line, initializing about 80
   * classes of the JDK (the ISO date formatters among them). No netsim option has such a type.
   * Regular expressions on the class names, read by picocli's {@code Interpreter}.
   */
  static final String UNUSED_CONVERTERS = "java\\.time\\..*,java\\.sql\\..*";

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    }
    RunCommand plain = PlainRun.parse(args);
    System.exit(
        plain != null ? PlainRun.execute(plain) : NetsimCommand.commandLine(args).execute(args));
  }
}
