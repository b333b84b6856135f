package netsim.explore.sweep;

import static netsim.scenario.config.ConfigException.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import netsim.report.files.AtomicFile;
import netsim.report.files.OutputException;
import netsim.report.files.OutputPaths;
import netsim.report.files.Scratch;

/**
 * A sweep's output directory: {@code sweep.json} (the manifest), {@code config.json} (the effective
 * config whose SHA-256 is the config hash), {@code runs/} (one file per finished run), and, once
 * every run is there, {@code results.csv}, {@code summary.csv} and {@code plots/}. Opening it for a
 * sweep that already started there resumes it; opening it for another config, a different netsim or
 * another share is refused rather than mixing results, and so is a directory that holds anything
 * but a sweep. Files are written atomically; the temporary files of a killed sweep are removed when
 * it resumes.
 */
public final class SweepDirectory {
  /** The effective config and the sweep definition, as hashed. */
  public static final String CONFIG = "config.json";

  private final Path dir;
  private final RunStore runs;

  public SweepDirectory(Path dir) {
    this.dir = dir;
    this.runs = new RunStore(dir);
  }

  public Path dir() {
    return dir;
  }

  public RunStore runs() {
    return runs;
  }

  /**
   * The manifest, or null when there is none.
   *
   * @throws SweepException when it cannot be read
   */
  public SweepManifest manifest() {
    Path file = dir.resolve(SweepManifest.FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return SweepManifest.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new SweepException(file + ": not a sweep manifest (" + e.getMessage() + ")");
    }
  }

  /**
   * Prepares the directory for share {@code shard} of {@code plan}: checks that what it already
   * holds is of the same sweep and share, writes the manifest and config, and returns the runs of
   * the share already finished, read and checked: each must be of this config and the run its file
   * name says, with that run's point, values and seed.
   *
   * @throws SweepException when the directory holds another sweep, version or share
   */
  public SortedMap<Long, RunRecord> open(SweepPlan plan, Shard shard) throws IOException {
    SweepManifest wanted = plan.manifest(shard);
    removeLeftovers();
    SweepManifest existing = manifest();
    if (existing == null && !runs.finished().isEmpty()) {
      throw new SweepException(
          OutputPaths.forDisplay(runs.dir())
              + " holds run files but "
              + OutputPaths.forDisplay(dir)
              + " has no "
              + SweepManifest.FILE
              + ": netsim cannot tell which sweep they belong to. Use another"
              + " --out.");
    }
    if (existing == null) {
      checkEmpty();
    } else {
      checkSame(existing, wanted);
    }
    // The manifest first: a directory holding anything of this sweep says which sweep it is.
    AtomicFile.write(dir.resolve(SweepManifest.FILE), wanted.text());
    AtomicFile.write(dir.resolve(CONFIG), plan.definition());
    SortedMap<Long, RunRecord> finished = new TreeMap<>();
    for (var entry : runs.finished().entrySet()) {
      long run = entry.getKey();
      if (run < plan.runs() && shard.contains(run)) {
        RunRecord record = RunStore.read(entry.getValue(), wanted, run);
        long seed = plan.run(run).seed();
        if (record.seed() != seed) {
          throw RunStore.misplaced(
              entry.getValue(), run, record, ", where run " + run + " has seed " + seed);
        }
        finished.put(run, record);
      }
    }
    return finished;
  }

  /**
   * Removes what killed sweeps left: temporary files in the directory, {@code runs/} and {@code
   * plots/} (of processes that no longer run).
   */
  public void removeLeftovers() throws IOException {
    Scratch.removeLeftovers(dir);
    Scratch.removeLeftovers(runs.dir());
    Scratch.removeLeftovers(dir.resolve(SweepPlots.DIR));
  }

  /**
   * Checks that a directory without a manifest may become a sweep's: absent or empty.
   *
   * @throws OutputException when it holds anything, which netsim did not write
   */
  public void checkEmpty() throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      Optional<Path> first =
          entries.filter(p -> !Scratch.isScratch(p.getFileName().toString())).findFirst();
      if (first.isPresent()) {
        throw new OutputException(
            OutputPaths.forDisplay(dir)
                + " is not empty and is not a"
                + " sweep's directory (it has no "
                + SweepManifest.FILE
                + "; it holds "
                + quote(first.get().getFileName().toString())
                + "): netsim writes a"
                + " sweep only into a new or empty directory, or resumes its own. Give another"
                + " --out.");
      }
    }
  }

  private void checkSame(SweepManifest existing, SweepManifest wanted) {
    Path dir = OutputPaths.forDisplay(this.dir);
    if (!existing.configSha256().equals(wanted.configSha256())) {
      throw new SweepException(
          dir
              + " holds results of another config (config sha256 "
              + SweepException.shortHash(existing.configSha256())
              + "; this one is "
              + SweepException.shortHash(wanted.configSha256())
              + "). netsim will not mix them:"
              + " use another --out, or delete "
              + dir
              + " to start over.");
    }
    if (!existing.netsim().equals(wanted.netsim())) {
      throw new SweepException(
          dir
              + " holds results of netsim "
              + existing.netsim()
              + "; this is netsim "
              + wanted.netsim()
              + ", whose results may differ. Use another"
              + " --out, or delete "
              + dir
              + " to start over.");
    }
    if (!existing.share().equals(wanted.share())) {
      throw new SweepException(
          dir
              + " holds "
              + describe(existing.share())
              + " of this sweep;"
              + " this is "
              + describe(wanted.share())
              + ". Give each share its own --out.");
    }
  }

  private static String describe(Shard shard) {
    return shard.isAll() ? "the whole sweep" : "share " + shard;
  }

  /**
   * Every run of the sweep, in run order, read from {@code runs/}.
   *
   * @throws SweepException when a run is missing, of another config, or holds another run
   */
  public List<RunRecord> records(SweepManifest manifest) throws IOException {
    SortedMap<Long, Path> files = runs.finished();
    List<RunRecord> records = new ArrayList<>();
    for (long run = 0; run < manifest.runs(); run++) {
      Path file = files.get(run);
      if (file == null) {
        throw new SweepException(runs.file(run) + " is missing");
      }
      records.add(RunStore.read(file, manifest, run));
    }
    return records;
  }
}
