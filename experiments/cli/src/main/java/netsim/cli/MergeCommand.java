package netsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import netsim.explore.sweep.RunRecord;
import netsim.explore.sweep.ShardMerge;
import netsim.explore.sweep.SweepDirectory;
import netsim.explore.sweep.SweepException;
import netsim.report.files.OutputException;
import netsim.report.files.OutputPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsim merge}: combines the shares of a sweep ({@code netsim sweep --shard K/N}) into the
 * directory one machine would have written.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description =
        "Combines the output directories of the shares of a sweep ('netsim sweep"
            + " --shard K/N') into one: DIR gets the same sweep.json, runs/, results.csv,"
            + " summary.csv and plots/ that one machine running the whole sweep writes, byte for"
            + " byte. Refuses directories of different configs, runs given twice, and runs"
            + " missing. DIR must be new, empty or this sweep's.")
final class MergeCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "SHARE_DIR",
      description = "The shares' --out" + " directories.")
  List<Path> inputs;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "The directory to" + " write the merged sweep into.")
  Path out;

  @Mixin SweepCheckOption check;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ShardMerge.Outcome outcome;
    List<RunRecord> records;
    Path dir = null;
    try {
      dir = OutputPaths.directory(out);
      outcome = ShardMerge.merge(inputs, dir);
      records = new SweepDirectory(dir).records(outcome.manifest());
    } catch (SweepException | OutputException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println(
          "netsim: cannot merge into " + OutputPaths.forDisplay(dir) + ": " + Failures.reason(e));
      return ExitCodes.FAILURE;
    }
    stdout.println(
        "netsim merge: "
            + outcome.manifest().runs()
            + " runs of sweep '"
            + outcome.manifest().experiment()
            + "' from "
            + inputs.size()
            + " director"
            + (inputs.size() == 1 ? "y" : "ies")
            + ", config sha256 "
            + outcome.manifest().configSha256().substring(0, 12));
    return SweepReport.print(stdout, err, records, outcome.written(), check.requested);
  }
}
