package netsim.tcp.packetdrill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entry point the {@code netsim} command wires as
 * {@code netsim packetdrill FILE.pkt... [-D NAME] [--ignore-shell] [--report DIR]
 * [--profile linux|freebsd|rfc]}: runs the scripts, prints one line per script and the totals,
 * writes the report when asked, and returns the exit status (0 when no script failed or was
 * unreadable, 1 otherwise, 2 for a usage error).
 */
public final class PacketdrillCommand {
  public static final String USAGE = "usage: netsim packetdrill FILE.pkt... [-D NAME]"
      + " [--ignore-shell] [--report DIR] [--profile " + String.join("|", Profile.names())
      + "]";

  private PacketdrillCommand() {}

  /** Runs the command with {@code args} (the words after "packetdrill"). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<Path> scripts = new ArrayList<>();
    Set<String> defines = new TreeSet<>();
    boolean ignoreShell = false;
    Path reportDir = null;
    Profile profile = Profile.rfc();
    try {
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("-D")) {
          defines.add(value(args, ++i, arg));
        } else if (arg.startsWith("-D")) {
          defines.add(arg.substring(2));
        } else if (arg.equals("--ignore-shell")) {
          ignoreShell = true;
        } else if (arg.equals("--report")) {
          reportDir = Path.of(value(args, ++i, arg));
        } else if (arg.equals("--profile")) {
          profile = Profile.named(value(args, ++i, arg));
        } else if (arg.startsWith("-")) {
          throw new IllegalArgumentException("unknown option " + arg);
        } else {
          scripts.add(Path.of(arg));
        }
      }
      if (scripts.isEmpty()) {
        throw new IllegalArgumentException("no script given");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Options options = Options.defaults().withProfile(profile).withDefines(defines)
        .withIgnoreShell(ignoreShell);
    Report report = PacketdrillRunner.run(scripts, options);
    for (ScriptResult result : report.results()) {
      out.println(result.summary());
    }
    out.println(report.totals());
    if (reportDir != null) {
      try {
        ReportWriter.write(report, reportDir);
      } catch (IOException e) {
        err.println("cannot write the report to " + reportDir + ": " + e.getMessage());
        return 1;
      }
    }
    return report.ok() ? 0 : 1;
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }
}
