package netsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import netsim.packetdrill.Options;
import netsim.packetdrill.PacketdrillCommand;
import netsim.packetdrill.Profile;
import netsim.packetdrill.Report;
import netsim.report.files.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsim packetdrill}: runs packetdrill scripts against netsim's TCP (see
 * docs/packetdrill.md). The runner lives in sim-tcp; this class gives it the command line.
 */
@Command(
    name = "packetdrill",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description =
        "Runs packetdrill scripts against one simulated TCP endpoint and reports pass,"
            + " fail (with the first mismatch) or unsupported per script.")
final class PacketdrillCli implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.pkt", description = "The scripts to run.")
  List<Path> scripts;

  @Option(
      names = "-D",
      paramLabel = "NAME",
      description = "Defines NAME for #ifdef (e.g. -D STANDARD); may be repeated.")
  List<String> defines = new ArrayList<>();

  @Option(
      names = "--ignore-shell",
      description =
          "Skips the shell commands netsim cannot honour (unknown commands, settings the"
              + " model does not have; listed in the report) instead of marking the script"
              + " unsupported. Known settings (sysctl ...) are applied either way.")
  boolean ignoreShell;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Writes the report (text and Markdown) into DIR.")
  Path report;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "rfc",
      converter = ProfileName.class,
      description = "The host profile: rfc (default), linux or freebsd.")
  Profile profile;

  /** Reads {@code --profile} here, so that a wrong name is a usage error like any other. */
  static final class ProfileName extends ValueConverter<Profile> {
    @Override
    Profile parse(String name) {
      return Profile.named(name);
    }
  }

  @Override
  public Integer call() {
    if (report != null
        && (report.toString().isEmpty() || (Files.exists(report) && !Files.isDirectory(report)))) {
      return error(
          ExitCodes.USAGE,
          "--report "
              + report
              + " is "
              + (report.toString().isEmpty() ? "empty" : "not a directory")
              + ": give the directory to write the report into");
    }
    Options options =
        Options.defaults()
            .withProfile(profile)
            .withDefines(new TreeSet<>(defines))
            .withIgnoreShell(ignoreShell);
    Report result;
    try {
      result = PacketdrillCommand.run(scripts, options, report, spec.commandLine().getOut());
    } catch (IOException e) {
      return error(
          ExitCodes.FAILURE,
          "cannot write the report into "
              + OutputPaths.forDisplay(report)
              + ": "
              + Failures.reason(e));
    }
    return result.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /** Says what went wrong, in one line on stderr, and returns {@code status}. */
  private int error(int status, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("netsim: " + message);
    err.flush();
    return status;
  }
}
