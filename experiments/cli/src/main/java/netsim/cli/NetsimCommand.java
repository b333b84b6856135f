package netsim.cli;

import java.util.List;
import java.util.Map;
import netsim.scenario.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** {@code netsim}: run, check and list TCP experiments. */
@Command(
    name = "netsim",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = "A deterministic network simulator for TCP's rare cases.")
public final class NetsimCommand implements Runnable {
  /**
   * The subcommands, in the order the help lists them. Registered by {@link #commandLine}, not by
   * the annotation, so that a command line naming one builds only that one's model.
   */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RunCommand.class,
          ValidateCommand.class,
          ScenariosCommand.class,
          PacketdrillCli.class,
          SweepCommand.class,
          MergeCommand.class,
          HuntCommand.class,
          ShrinkCommand.class,
          CommandLine.HelpCommand.class);

  /** What exit status 1 means, by command; commands not named never exit with 1. */
  private static final Map<String, String> CHECK_FAILED =
      Map.of(
          "run", "an invariant was violated, and --check was given",
          "sweep", "a run violated an invariant, and --check was given",
          "merge", "a run violated an invariant, and --check was given",
          "hunt", "no seed fired the detector",
          "packetdrill", "a script failed");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "On an internal error, print its stack trace too.")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The command line: netsim's exit codes for usage errors, no {@code @file} expansion (it would
   * echo any file's contents in an error), the exit statuses in every command's help, and one line
   * for any failure that escapes a command.
   */
  public static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * The command line for {@code args}: when they start with a subcommand's name (but {@code help},
   * which needs the others), the command line of {@link #commandLine()} with that subcommand only,
   * which parses and runs {@code args} as the whole one does, without reading every other command's
   * annotations (picocli's model of all of them was 7% of a 100 MB run's time). Else the whole
   * command line.
   */
  public static CommandLine commandLine(String... args) {
    if (args.length > 0) {
      for (Class<?> command : SUBCOMMANDS) {
        Command named = command.getAnnotation(Command.class);
        if (named != null
            && named.name().equals(args[0])
            && command != CommandLine.HelpCommand.class) {
          return commandLine(List.of(command));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<Class<?>> subcommands) {
    CommandLine cl = new CommandLine(new NetsimCommand());
    for (Class<?> command : subcommands) {
      cl.addSubcommand(command);
    }
    cl.setExpandAtFiles(false);
    cl.setExitCodeExceptionMapper(new UsageStatus());
    cl.setParameterExceptionHandler(new UsageError());
    cl.setExecutionStrategy(new Execution());
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommand() instanceof CommandLine.HelpCommand) {
        continue;
      }
      sub.getCommandSpec()
          .usageMessage()
          .exitCodeListHeading("Exit status:%n")
          .exitCodeList(ExitCodes.help(CHECK_FAILED.get(sub.getCommandName())));
    }
    return cl;
  }

  /*
   * The three hooks below are classes, not lambdas: picocli's interfaces are Java 5 class files,
   * which the launcher's class-data archive (./netsim) holds only unlinked; a lambda's class, made
   * by the JVM at run time, is not archived, and linking it at the archive's making dropped those
   * interfaces and four classes that use them from the archive (read from the jar on every start).
   */

  /** The exit status of a usage error. */
  private static final class UsageStatus implements CommandLine.IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable exception) {
      return ExitCodes.USAGE;
    }
  }

  /** A usage error: its message and where to find the help, on stderr. */
  private static final class UsageError implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("netsim: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    }
  }

  /** Runs the command that was parsed; whatever escapes it becomes one line and a status. */
  private static final class Execution implements CommandLine.IExecutionStrategy {
    @Override
    public int execute(ParseResult parsed) {
      try {
        return new CommandLine.RunLast().execute(parsed);
      } catch (CommandLine.ExecutionException e) {
        return failed(parsed, e.getCause() != null ? e.getCause() : e);
      } catch (Error e) { // out of memory, or any other
        return failed(parsed, e);
      }
    }
  }

  private static int failed(ParseResult parsed, Throwable failure) {
    ParseResult last = parsed;
    boolean debug = parsed.hasMatchedOption("--debug");
    while (last.hasSubcommand()) {
      last = last.subcommand();
      debug |= last.hasMatchedOption("--debug");
    }
    CommandLine command = last.commandSpec().commandLine();
    return Failures.uncaught(command.getErr(), last.commandSpec().qualifiedName(), failure, debug);
  }

  /** Prints the version from the build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"netsim " + Version.get()};
    }
  }
}
