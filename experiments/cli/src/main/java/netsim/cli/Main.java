package netsim.cli;

/** The {@code netsim} command's entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(NetsimCommand.commandLine(args).execute(args));
  }
}
