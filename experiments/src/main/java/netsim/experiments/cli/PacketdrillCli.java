package netsim.experiments.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import netsim.tcp.packetdrill.PacketdrillCommand;
import netsim.tcp.packetdrill.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsim packetdrill}: runs packetdrill scripts against netsim's TCP (see
 * docs/packetdrill.md). The runner lives in sim-tcp; this class gives it the command line.
 */
@Command(name = "packetdrill", mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = "Runs packetdrill scripts against one simulated TCP endpoint and reports pass,"
        + " fail (with the first mismatch) or unsupported per script.")
final class PacketdrillCli implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.pkt", description = "The scripts to run.")
  List<Path> scripts;

  @Option(names = "-D", paramLabel = "NAME",
      description = "Defines NAME for #ifdef (e.g. -D STANDARD); may be repeated.")
  List<String> defines = new ArrayList<>();

  @Option(names = "--ignore-shell",
      description = "Skips shell commands in backticks (listed in the report) instead of marking"
          + " the script unsupported.")
  boolean ignoreShell;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Writes the report (text and Markdown) into DIR.")
  Path report;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "rfc",
      converter = ProfileName.class,
      description = "The host profile: rfc (default), linux or freebsd.")
  String profile;

  /** Checks {@code --profile} here, so that a wrong name is a usage error like any other. */
  static final class ProfileName implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String name) {
      try {
        Profile.named(name);
        return name;
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    for (String define : defines) {
      args.add("-D");
      args.add(define);
    }
    if (ignoreShell) {
      args.add("--ignore-shell");
    }
    if (report != null) {
      if (report.toString().isEmpty() || Files.exists(report) && !Files.isDirectory(report)) {
        spec.commandLine().getErr().println("netsim: --report " + report + " is "
            + (report.toString().isEmpty() ? "empty" : "not a directory")
            + ": give the directory to write the report into");
        return ExitCodes.USAGE;
      }
      args.add("--report");
      args.add(report.toString());
    }
    args.add("--profile");
    args.add(profile);
    for (Path script : scripts) {
      args.add(script.toString());
    }
    PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true,
        StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true,
        StandardCharsets.UTF_8);
    int status = PacketdrillCommand.run(args, out, err);
    out.flush();
    err.flush();
    return status == 2 ? ExitCodes.USAGE : status;
  }

  /** Bridges picocli's writers to the PrintStreams the runner prints to. */
  private static final class WriterOutputStream extends java.io.OutputStream {
    private final java.io.PrintWriter writer;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterOutputStream(java.io.PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public void flush() {
      writer.print(line.toString(StandardCharsets.UTF_8));
      writer.flush();
      line.reset();
    }
  }
}
