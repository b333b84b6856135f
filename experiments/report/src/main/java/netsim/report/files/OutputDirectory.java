package netsim.report.files;

import static netsim.scenario.config.ConfigException.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The output directory of a run, committed whole. The run writes into a new temporary directory
 * beside it ({@code .NAME.netsim-PID-START-N.partial}, same parent, so same file system); once
 * every output is written, that directory replaces the target: the earlier directory, if any, is
 * renamed aside, the new one renamed into place, the earlier one deleted. A reader therefore sees
 * the earlier run's directory whole, this run's whole, or (for the instant between the two renames,
 * or after a kill there) none, never a mix; a killed run leaves only temporary directories, which
 * the next run into the same parent removes.
 *
 * <p>netsim replaces only what it wrote itself: an absent or empty directory, or one holding
 * nothing but the files its marker {@value #MARKER} lists. Any other directory is refused, so that
 * a user's own files are never deleted.
 */
public final class OutputDirectory {
  /** The file that marks a directory as a run's output, listing the files the run wrote. */
  public static final String MARKER = ".netsim-run";

  private static final String MARKER_HEADER =
      "# netsim run output: the next 'netsim run' into" + " this directory replaces it whole";

  /**
   * The outputs listed last, in this order, whatever order they were opened in; other files (the
   * pcaps, named after hosts) come first, in the order they were opened.
   */
  static final List<String> LISTED_LAST =
      List.of("trace.jsonl", "ladder.svg", "timeseq.svg", "cwnd.svg", "summary.json", "flows.csv");

  private final Path target;
  private final Path staging;
  private final Set<String> names = new LinkedHashSet<>();

  private OutputDirectory(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Prepares a run's output into {@code target}: checks that netsim may replace it, removes what
   * killed runs left beside it, and creates the temporary directory to write into.
   *
   * @throws OutputException when {@code target} is not netsim's to replace
   */
  public static OutputDirectory create(Path target) throws IOException {
    checkReplaceable(target);
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Scratch.removeLeftovers(parent);
    Path staging = Scratch.beside(target, Scratch.Kind.PARTIAL);
    try {
      Files.createDirectory(staging);
    } catch (IOException | RuntimeException e) {
      Scratch.release(staging);
      throw e;
    }
    return new OutputDirectory(target, staging);
  }

  /** The directory the outputs end up in. */
  public Path target() {
    return target;
  }

  /**
   * Where to write the output {@code name} until the commit; {@code what} says whose name it is,
   * with its value, in an error ("the host name 'a'").
   *
   * @throws OutputException when {@code name} is not one plain file name
   */
  public Path file(String name, String what) {
    OutputPaths.checkedName(name, what, OutputPaths.forDisplay(target).toString());
    if (name.equals(MARKER) || Scratch.isScratch(name)) {
      throw new OutputException(
          what
              + " cannot name a file in "
              + OutputPaths.forDisplay(target)
              + ": netsim keeps the name '"
              + name
              + "' for itself");
    }
    names.add(name);
    return OutputPaths.file(staging, name, what);
  }

  /** Where to write {@code name}, one of netsim's fixed output names. */
  public Path file(String name) {
    return file(name, "the output '" + name + "'");
  }

  /**
   * Puts the outputs in place: the temporary directory replaces the target.
   *
   * @return the files written, in the target, in a fixed order: the files of other names (the
   *     pcaps) in the order they were started, then {@code trace.jsonl}, {@code ladder.svg}, {@code
   *     timeseq.svg}, {@code cwnd.svg}, {@code summary.json}, {@code flows.csv} (relative to the
   *     current directory when inside it)
   * @throws OutputException when the target has meanwhile become something netsim may not replace
   */
  public List<Path> commit() throws IOException {
    List<String> listed = listed();
    StringBuilder marker = new StringBuilder(MARKER_HEADER).append('\n');
    for (String name : listed) {
      marker.append(name).append('\n');
    }
    Files.writeString(staging.resolve(MARKER), marker, StandardCharsets.UTF_8);
    PausePoint.reach("run-commit");
    Path old =
        Scratch.commit(
            () -> {
              checkReplaceable(target);
              Path aside = null;
              if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                aside = Scratch.beside(target, Scratch.Kind.OLD);
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                PausePoint.reach("run-swap");
              }
              try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
              } catch (IOException | RuntimeException e) {
                if (aside != null) {
                  Files.move(
                      aside, target, StandardCopyOption.ATOMIC_MOVE); // the earlier one stays
                  Scratch.release(aside);
                }
                throw e;
              }
              Scratch.release(staging);
              return aside;
            });
    if (old != null) {
      Scratch.deleteQuietly(old);
    }
    List<Path> files = new ArrayList<>();
    for (String name : listed) {
      files.add(OutputPaths.forDisplay(target.resolve(name)));
    }
    return files;
  }

  /** The names of the files written, in the order {@link #commit()} lists them. */
  List<String> listed() {
    List<String> listed = new ArrayList<>();
    for (String name : names) {
      if (!LISTED_LAST.contains(name)) {
        listed.add(name);
      }
    }
    for (String name : LISTED_LAST) {
      if (names.contains(name)) {
        listed.add(name);
      }
    }
    return listed;
  }

  /** Deletes the temporary directory of a run that failed; the target is left as it was. */
  public void abandon() {
    Scratch.deleteQuietly(staging);
  }

  /**
   * Checks that netsim may replace {@code target}: it is absent, an empty directory, or a run's
   * output holding only the files its marker lists.
   *
   * @throws OutputException otherwise, saying what is in the way
   */
  static void checkReplaceable(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path shown = OutputPaths.forDisplay(target);
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new OutputException(
          shown + " exists and is not a directory: give a directory, e.g." + " --out out/run1");
    }
    Path marker = target.resolve(MARKER);
    boolean marked = Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS);
    Set<String> ours = new LinkedHashSet<>();
    if (marked) {
      ours.add(MARKER);
      for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
        if (!line.startsWith("#") && OutputPaths.problem(line) == null) {
          ours.add(line);
        }
      }
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (ours.contains(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (!marked) {
          throw new OutputException(
              shown
                  + " is not empty and is not a netsim run's output (it"
                  + " has no "
                  + MARKER
                  + "): netsim replaces only its own output directories, and"
                  + " never deletes what it did not write. Give another --out, or empty it.");
        }
        throw new OutputException(
            shown
                + " holds "
                + quote(name)
                + ", which its"
                + " earlier run did not write: netsim replaces a run's output directory whole, and"
                + " never deletes what it did not write. Move it away, or give another --out.");
      }
    }
  }
}
