package netsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import netsim.explore.sweep.Progress;
import netsim.explore.sweep.RunRecord;
import netsim.explore.sweep.Shard;
import netsim.explore.sweep.SweepDirectory;
import netsim.explore.sweep.SweepException;
import netsim.explore.sweep.SweepManifest;
import netsim.explore.sweep.SweepOutputs;
import netsim.explore.sweep.SweepPlan;
import netsim.explore.sweep.SweepRunner;
import netsim.report.files.OutputException;
import netsim.report.files.OutputPaths;
import netsim.scenario.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsim sweep}: runs every combination of the values a file's {@code sweep:} section gives,
 * each as many times as it asks, on all cores, and writes results.csv, summary.csv and plots;
 * resumes where it stopped; with {@code --shard K/N}, runs one share for a cluster.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description =
        "Runs a parameter sweep: every combination of the values in the file's"
            + " 'sweep:' section (docs/config.md), each with its own seed, in parallel, and writes"
            + " DIR/results.csv (one row per run), DIR/summary.csv (mean, sd and 95%% confidence"
            + " interval per point) and DIR/plots/. Results are the same whatever --parallel is."
            + " Running the same command again resumes: finished runs are skipped. results.csv is"
            + " written last: when it is there, the sweep is complete. DIR must be new, empty or"
            + " this sweep's.")
final class SweepCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE.yaml",
      description = "An experiment file with a" + " sweep section.")
  Path file;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The directory to write into" + " (default: out/NAME).")
  Path out;

  @Mixin ParallelOption parallel;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      converter = ShardConverter.class,
      description =
          "Run only the K-th of N shares of the runs (K from 1 to N), e.g. on"
              + " cluster nodes; combine the shares with 'netsim merge'.")
  Shard shard = Shard.ALL;

  @Mixin MasterSeedOption seed;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Overrides one value of" + " the file before the sweep applies its values. Repeatable.")
  List<String> overrides = new ArrayList<>();

  @Mixin SweepCheckOption check;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int workers = parallel.workers();
    if (workers < 1) {
      err.println("netsim: --parallel must be at least 1; got " + workers);
      return ExitCodes.USAGE;
    }
    SweepPlan plan;
    try {
      plan = SweepPlan.load(file, seed.after(overrides));
      plan.warnings().forEach(warning -> ExperimentSource.print(warning, err));
      plan.validate();
    } catch (ConfigException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.of(e);
    }
    Path dir;
    try {
      dir =
          out != null
              ? OutputPaths.directory(out)
              : OutputPaths.defaultDirectory(plan.base().name());
    } catch (OutputException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    SweepDirectory directory = new SweepDirectory(dir);
    SortedMap<Long, RunRecord> finished;
    try {
      finished = directory.open(plan, shard);
    } catch (SweepException | OutputException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println(
          "netsim: cannot write in " + OutputPaths.forDisplay(dir) + ": " + Failures.reason(e));
      return ExitCodes.FAILURE;
    }
    List<Long> pending = new ArrayList<>();
    for (long run = 0; run < plan.runs(); run++) {
      if (shard.contains(run) && !finished.containsKey(run)) {
        pending.add(run);
      }
    }
    long share = shard.size(plan.runs());
    SweepManifest manifest = plan.manifest(Shard.ALL);
    stdout.println(
        "netsim sweep "
            + plan.base().name()
            + ": "
            + plan.runs()
            + " runs ("
            + manifest.points()
            + " point"
            + (manifest.points() == 1 ? "" : "s")
            + " x "
            + manifest.runsPerPoint()
            + " run"
            + (manifest.runsPerPoint() == 1 ? "" : "s")
            + " per point)"
            + (shard.isAll() ? "" : ", share " + shard + ": " + share + " runs")
            + ", config sha256 "
            + plan.configHash().substring(0, 12)
            + ", "
            + workers
            + " worker"
            + (workers == 1 ? "" : "s"));
    if (!finished.isEmpty()) {
      stdout.println(
          "resuming in "
              + OutputPaths.forDisplay(dir)
              + ": "
              + finished.size()
              + " of "
              + share
              + " runs already done, "
              + pending.size()
              + " to run");
    }
    stdout.flush();
    // Java 17 to 21: console() is null unless stdin and stdout are a terminal (Java 22's
    // Console.isTerminal() is not in Java 17).
    @SuppressWarnings("SystemConsoleNull")
    Progress progress =
        new Progress(stdout, System.console() != null, System::nanoTime, share, finished.size());
    try {
      new SweepRunner(plan, directory.runs(), workers).run(pending, progress);
      progress.finish();
    } catch (ConfigException e) {
      progress.finish();
      err.println("netsim: " + e.getMessage());
      return ExitCodes.of(e);
    } catch (SweepException e) {
      progress.finish();
      err.println("netsim: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      progress.finish();
      err.println(
          "netsim: cannot write in " + OutputPaths.forDisplay(dir) + ": " + Failures.reason(e));
      return ExitCodes.FAILURE;
    }
    try {
      if (!shard.isAll()) {
        stdout.println(
            "share "
                + shard
                + " done: its "
                + share
                + " runs are in "
                + OutputPaths.forDisplay(directory.runs().dir())
                + ". When every share is done,"
                + " combine them with:");
        stdout.println("  netsim merge --out DIR SHARE_DIR...");
        return ExitCodes.OK;
      }
      List<RunRecord> records = directory.records(manifest);
      SweepOutputs.Written written = SweepOutputs.write(dir, manifest, records);
      return SweepReport.print(stdout, err, records, written, check.requested);
    } catch (SweepException e) {
      err.println("netsim: " + e.getMessage());
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println(
          "netsim: cannot write in " + OutputPaths.forDisplay(dir) + ": " + Failures.reason(e));
      return ExitCodes.FAILURE;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "writing the tables and plots failed; the runs are kept"
              + " in "
              + OutputPaths.forDisplay(directory.runs().dir())
              + ": "
              + e,
          e);
    }
  }

  /** Reads {@code --shard K/N}. */
  static final class ShardConverter extends ValueConverter<Shard> {
    @Override
    Shard parse(String value) {
      return Shard.parse(value);
    }
  }
}
