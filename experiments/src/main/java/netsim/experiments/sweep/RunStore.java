package netsim.experiments.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import netsim.experiments.output.AtomicFile;

/**
 * The {@code runs/} directory of a sweep: one file per finished run, {@code runs/000042.json},
 * each written atomically, so that the files present are exactly the runs finished, whatever
 * stopped the sweep.
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
   * Reads a run file.
   *
   * @throws SweepException when it cannot be read or is not a run of the sweep {@code
   *     configSha256}
   */
  public static RunRecord read(Path file, String configSha256) {
    RunRecord.Stored stored;
    try {
      stored = RunRecord.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new SweepException(file + ": not a run file of netsim sweep (" + e.getMessage()
          + "); remove it to run it again");
    }
    if (!stored.configSha256().equals(configSha256)) {
      throw new SweepException(file + ": a run of another config (config sha256 "
          + SweepException.shortHash(stored.configSha256()) + ", this sweep "
          + SweepException.shortHash(configSha256) + ")");
    }
    return stored.record();
  }
}
