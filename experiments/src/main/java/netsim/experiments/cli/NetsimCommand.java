package netsim.experiments.cli;

import netsim.experiments.output.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsim}: run, check and list TCP experiments. */
@Command(name = "netsim", mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = "A deterministic network simulator for TCP's rare cases.",
    subcommands = {RunCommand.class, ValidateCommand.class, ScenariosCommand.class,
        PacketdrillCli.class, SweepCommand.class, MergeCommand.class, HuntCommand.class,
        ShrinkCommand.class,
        CommandLine.HelpCommand.class})
public final class NetsimCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line, with netsim's exit codes for usage errors. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new NetsimCommand());
    cl.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("netsim: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    });
    return cl;
  }

  /** Prints the version from the build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"netsim " + Version.get()};
    }
  }
}
