package netsim.experiments.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The output directory of a run. Files are written under temporary names ({@code .NAME.partial})
 * and renamed to their real names only once the whole run has finished, so a crashed or
 * interrupted run never leaves a result that looks complete.
 */
public final class OutputDirectory {
  private final Path dir;
  private final List<String> pending = new ArrayList<>();

  public OutputDirectory(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Where to write {@code name} for now. */
  public Path partial(String name) {
    if (!pending.contains(name)) {
      pending.add(name);
    }
    return dir.resolve("." + name + ".partial");
  }

  /** Renames every partial file to its real name, in the order they were started. */
  public List<Path> commit() throws IOException {
    List<Path> done = new ArrayList<>();
    for (String name : pending) {
      Path target = dir.resolve(name);
      Files.move(dir.resolve("." + name + ".partial"), target,
          StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      done.add(target);
    }
    pending.clear();
    return done;
  }

  /** Deletes the partial files of a run that failed. */
  public void abandon() {
    for (String name : pending) {
      try {
        Files.deleteIfExists(dir.resolve("." + name + ".partial"));
      } catch (IOException e) {
        // Best effort: a leftover partial file never looks like a result.
      }
    }
    pending.clear();
  }
}
