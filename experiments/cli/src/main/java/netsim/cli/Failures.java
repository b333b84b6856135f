package netsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import netsim.report.files.OutputPaths;
import netsim.report.files.Scratch;

/**
 * How a command that could not finish says so: one line on stderr, with the reason, and the exit
 * status of its kind ({@link ExitCodes}). A stack trace only with {@code --debug}.
 */
final class Failures {
  /** The most of an exception's text a line shows: a huge message must not flood the screen. */
  private static final int SHOWN = 500;

  private Failures() {}

  /**
   * Reports {@code failure}, which escaped {@code command} ("netsim run"), and returns the exit
   * status: out of memory 4, anything else 3, as an internal error.
   */
  static int uncaught(PrintWriter err, String command, Throwable failure, boolean debug) {
    int status;
    if (failure instanceof OutOfMemoryError) {
      long max = Runtime.getRuntime().maxMemory() >> 20;
      err.println(
          command
              + ": out of memory (Java may use "
              + max
              + " MiB): give it more,"
              + " e.g. JDK_JAVA_OPTIONS=-Xmx8g, or make the run smaller (fewer bytes or connections,"
              + " an earlier stop.at); nothing half-written was left");
      status = ExitCodes.OUT_OF_MEMORY;
    } else {
      err.println(
          command
              + ": internal error: "
              + shorten(failure.toString())
              + ". This is a"
              + " bug in netsim: please report it with this command line and its input files"
              + (debug ? "" : " (--debug shows the stack trace)"));
      status = ExitCodes.FAILURE;
    }
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  /** Why {@code e} happened, in words: "Read-only file system", not only a path. */
  static String reason(IOException e) {
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      if (reason == null) {
        reason =
            e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof NoSuchFileException
                    ? "no such file or directory"
                    : e instanceof FileAlreadyExistsException
                        ? "it already exists"
                        : e instanceof DirectoryNotEmptyException
                            ? "the directory is not empty"
                            : e instanceof NotDirectoryException
                                ? "not a directory"
                                : e.getClass().getSimpleName();
      }
      String where = "";
      if (f.getFile() != null) {
        Path file = Path.of(f.getFile());
        if (file.getFileName() != null
            && Scratch.isScratch(file.getFileName().toString())
            && file.getParent() != null) {
          file = file.getParent(); // the directory, not netsim's temporary name in it
        }
        where = OutputPaths.forDisplay(file) + ": ";
      }
      return shorten(where + reason);
    }
    return shorten(e.getMessage() != null ? e.getMessage() : e.toString());
  }

  private static String shorten(String text) {
    String line = text.replace('\n', ' ').replace('\r', ' ');
    return line.length() <= SHOWN
        ? line
        : line.substring(0, SHOWN) + "... (" + line.length() + " characters)";
  }
}
