package netsim.explore.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import netsim.report.files.AtomicFile;

/**
 * The {@code runs/} directory of a sweep: one file per finished run, {@code runs/000042.json}, each
 * written atomically, so that the files present are exactly the runs finished, whatever stopped the
 * sweep. A file is read back only as the run its name says, and only if it records that run.
 */
public final class RunStore {
  /** The directory's name inside a sweep directory. */
  public static final String DIR = "runs";

  private final Path dir;

  public RunStore(Path sweepDir) {
    this.dir = sweepDir.resolve(DIR);
  }

  public Path dir() {
    return dir;
  }

  /** {@code 000042.json}. */
  public static String fileName(long run) {
    return String.format(Locale.ROOT, "%06d.json", run);
  }

  public Path file(long run) {
    return dir.resolve(fileName(run));
  }

  /** Records a finished run. */
  public void write(RunRecord record, String netsim, String configSha256) throws IOException {
    AtomicFile.write(file(record.run()), record.json(netsim, configSha256));
  }

  /** The run files present, by run index (temporary files left by a crash are ignored). */
  public SortedMap<Long, Path> finished() throws IOException {
    SortedMap<Long, Path> runs = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return runs;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.matches("[0-9]{6,}\\.json")) {
          runs.put(Long.parseLong(name.substring(0, name.length() - 5)), file);
        }
      }
    }
    return runs;
  }

  /**
   * Reads the file of run {@code run} of the sweep {@code manifest} describes, and checks that it
   * holds that run: its index, point, repetition and parameter values, so that a file copied or
   * renamed under another index is never taken for the run whose name it has.
   *
   * @throws SweepException when it cannot be read, is a run of another config, or holds another run
   */
  public static RunRecord read(Path file, SweepManifest manifest, long run) {
    RunRecord record = read(file, manifest.configSha256());
    long point = run / manifest.runsPerPoint();
    int repetition = (int) (run % manifest.runsPerPoint());
    Map<String, String> values = new LinkedHashMap<>();
    List<String> texts = manifest.valuesAt(point);
    for (int j = 0; j < texts.size(); j++) {
      values.put(manifest.parameters().get(j).path(), texts.get(j));
    }
    if (record.run() != run) {
      throw misplaced(file, run, record, "");
    }
    if (record.point() != point || record.repetition() != repetition) {
      throw misplaced(
          file,
          run,
          record,
          ", where run " + run + " is point " + point + ", repetition " + repetition);
    }
    if (!record.parameters().equals(values)) {
      throw misplaced(file, run, record, ", where run " + run + " has " + describe(values));
    }
    return record;
  }

  /**
   * The error for a run file that holds another run than its name says.
   *
   * @param difference how it differs from run {@code run}, after what it records (", where ...")
   */
  static SweepException misplaced(Path file, long run, RunRecord found, String difference) {
    return new SweepException(
        file
            + " is not run "
            + run
            + " of this sweep: it records run "
            + found.run()
            + " (point "
            + found.point()
            + ", repetition "
            + found.repetition()
            + ", seed "
            + found.seed()
            + (found.parameters().isEmpty() ? "" : ", ")
            + describe(found.parameters())
            + ")"
            + difference
            + ". Was it copied or renamed?"
            + " netsim will not use it: remove it, and the sweep runs run "
            + run
            + " again.");
  }

  private static String describe(Map<String, String> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((path, value) -> parts.add(path + "=" + value));
    return String.join(", ", parts);
  }

  /**
   * Reads a run file, checking only that it is a run of the sweep {@code configSha256}.
   *
   * @throws SweepException when it cannot be read or is not a run of the sweep {@code configSha256}
   */
  private static RunRecord read(Path file, String configSha256) {
    RunRecord.Stored stored;
    try {
      stored = RunRecord.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new SweepException(
          file
              + ": not a run file of netsim sweep ("
              + e.getMessage()
              + "); remove it to run it again");
    }
    if (!stored.configSha256().equals(configSha256)) {
      throw new SweepException(
          file
              + ": a run of another config (config sha256 "
              + SweepException.shortHash(stored.configSha256())
              + ", this sweep "
              + SweepException.shortHash(configSha256)
              + ")");
    }
    return stored.record();
  }
}
