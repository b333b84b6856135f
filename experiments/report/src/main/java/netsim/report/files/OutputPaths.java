package netsim.report.files;

import static netsim.scenario.config.ConfigException.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import netsim.scenario.config.Names;

/**
 * Where netsim may write: inside the output directory it was given, never outside. A name that
 * comes from a config (a host's, which names its capture; the experiment's, which names the default
 * directory {@code out/NAME}) becomes a file name only when it is one plain file name. The check is
 * made here, where outputs are written, whatever the config's validation let through before: a
 * second guard behind the config's rule for names ({@link Names}), which is stricter, and a check
 * of names that do not come from a config (a run's marker file).
 */
public final class OutputPaths {
  /** The longest file name most file systems take, in bytes of UTF-8. */
  public static final int MAX_NAME_BYTES = 255;

  /** Where a command writes when {@code --out} is not given: {@code out/NAME}. */
  public static final Path DEFAULT_PARENT = Path.of("out");

  private OutputPaths() {}

  /**
   * The directory that {@code --out} names, absolute and with links resolved.
   *
   * @throws OutputException when it is empty, the root, the current directory or one containing it,
   *     or an existing file that is not a directory
   */
  public static Path directory(Path given) {
    if (given.toString().isEmpty()) {
      throw new OutputException(
          "--out is empty: give the directory to write into, e.g. --out" + " out/run1");
    }
    Path dir = real(given.toAbsolutePath().normalize());
    if (dir.getParent() == null) {
      throw new OutputException(
          "--out "
              + given
              + " is the root directory: give a directory of"
              + " its own, e.g. --out out/run1");
    }
    if (real(Path.of("").toAbsolutePath()).startsWith(dir)) {
      throw new OutputException(
          "--out "
              + given
              + " is the current directory or contains it:"
              + " give a directory of its own, e.g. --out out/run1");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new OutputException(
          "--out "
              + given
              + " exists and is not a directory: give a"
              + " directory, e.g. --out out/run1");
    }
    return dir;
  }

  /**
   * {@code out/NAME}, the default directory of a command, for {@code name} from the config.
   *
   * @throws OutputException when the name is not one plain file name
   */
  public static Path defaultDirectory(String name) {
    return directory(
        DEFAULT_PARENT.resolve(
            checkedName(name, "the experiment's name " + quote(name), DEFAULT_PARENT + "/")));
  }

  /**
   * {@code dir/name}, for a name from elsewhere; {@code what} says whose it is in an error ("the
   * host name 'a'").
   *
   * @throws OutputException when the name is not one plain file name
   */
  public static Path file(Path dir, String name, String what) {
    Path file = dir.resolve(checkedName(name, what, dir.toString()));
    if (!dir.equals(file.getParent()) || !file.normalize().equals(file)) {
      throw new OutputException(what + " would make a file outside " + dir);
    }
    return file;
  }

  /**
   * {@code name} when it is one plain file name.
   *
   * @param what whose name it is, with its value, for the message ("the host name 'a/b'")
   * @param where the directory it would be written into, for the message
   * @throws OutputException otherwise, saying why
   */
  public static String checkedName(String name, String what, String where) {
    String reason = problem(name);
    if (reason != null) {
      throw new OutputException(
          what
              + " cannot name a file in "
              + where
              + ": "
              + reason
              + ". netsim writes nothing outside its output directory; a name has "
              + Names.RULE);
    }
    return name;
  }

  /** Why {@code name} is not one plain file name, or null when it is. */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "'" + name + "' is a directory's name";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "it contains a path separator";
    }
    if (name.indexOf('\0') >= 0) {
      return "it contains a NUL character";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      return "the file name would be "
          + bytes
          + " bytes long, more than the "
          + MAX_NAME_BYTES
          + " a file system takes";
    }
    return null;
  }

  /**
   * {@code path} as messages show it: relative to the current directory when inside it ({@code
   * out/run1/trace.jsonl}), else absolute.
   */
  public static Path forDisplay(Path path) {
    Path cwd = real(Path.of("").toAbsolutePath());
    Path absolute = path.toAbsolutePath();
    return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : path;
  }

  /** {@code path} with the links of its existing part resolved. */
  private static Path real(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path));
    } catch (IOException e) {
      return path; // unreadable: the write will say why
    }
  }
}
