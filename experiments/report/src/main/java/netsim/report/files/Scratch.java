package netsim.report.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files and directories of netsim's outputs, named after the process that made them:
 * {@code .NAME.netsim-PID-START-N.partial} (being written) or {@code .NAME.netsim-PID-START-N.old}
 * (a replaced output, being deleted). The next run can therefore tell what a killed process left
 * ({@code kill -9}: its PID is gone, or belongs to a process started at another time) from what a
 * live one is still writing, and remove only the former.
 *
 * <p>On a normal exit, Ctrl-C or SIGTERM, a shutdown hook removes this process's own temporary
 * paths that were not committed. The renames that commit an output run under one lock ({@link
 * #commit}), which the hook takes before it removes anything, so it never removes half a commit.
 */
public final class Scratch {
  /** What a temporary path is for. */
  enum Kind {
    PARTIAL,
    OLD
  }

  private static final Pattern NAME =
      Pattern.compile("\\..*\\.netsim-([0-9]+)-([0-9]+)-[0-9]+\\.(partial|old)", Pattern.DOTALL);

  /** Characters of the target's name kept in a temporary name, to stay far below 255 bytes. */
  private static final int KEPT = 40;

  private static final long PID = ProcessHandle.current().pid();
  private static final long START = startMillis(ProcessHandle.current());
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static final ReentrantLock COMMITS = new ReentrantLock();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Scratch::removeOnExit, "netsim-cleanup"));
  }

  /** A commit step: renames that put outputs in place. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws IOException;
  }

  private Scratch() {}

  /**
   * A new temporary path beside {@code target}, for this process, removed at exit until {@link
   * #release released}.
   */
  static Path beside(Path target, Kind kind) {
    String name = target.getFileName().toString();
    if (name.length() > KEPT) {
      name = name.substring(0, KEPT);
    }
    Path path =
        target.resolveSibling(
            "."
                + name
                + ".netsim-"
                + PID
                + "-"
                + START
                + "-"
                + COUNTER.incrementAndGet()
                + (kind == Kind.PARTIAL ? ".partial" : ".old"));
    LIVE.add(path);
    return path;
  }

  /** {@code path} was committed (renamed into place) or removed: nothing to remove at exit. */
  static void release(Path path) {
    LIVE.remove(path);
  }

  /** Runs {@code step} under the commit lock, so that the exit hook never interrupts it. */
  static <T> T commit(Step<T> step) throws IOException {
    COMMITS.lock();
    try {
      return step.run();
    } finally {
      COMMITS.unlock();
    }
  }

  /** Whether {@code name} is a temporary name of netsim's (of any process). */
  public static boolean isScratch(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Removes from {@code dir} the temporary paths of netsim processes that no longer run: what a
   * killed run or sweep left. Keeps those of live processes.
   *
   * @return how many it removed
   */
  public static int removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Matcher m = NAME.matcher(entry.getFileName().toString());
        if (m.matches() && !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
          deleteTree(entry);
          removed++;
        }
      }
    }
    return removed;
  }

  /** Deletes {@code path}, a file or a whole directory tree, if it exists; follows no link. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes {@code path} as {@link #deleteTree} does, quietly: for clean-up after a failure. */
  static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (IOException | RuntimeException e) {
      // The next run removes what is left: its name says it is a leftover.
    }
    release(path);
  }

  /** Whether the process {@code pid}, started at {@code start} (ms), still runs. */
  private static boolean alive(long pid, long start) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    long started = startMillis(process.get());
    // A PID reused by another process (as in a container started anew) has another start time.
    return started == 0 || start == 0 || started == start;
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  /** The exit hook: removes what this process had not committed, after any commit under way. */
  private static void removeOnExit() {
    try {
      // Never released: no commit may start once the clean-up has begun.
      if (!COMMITS.tryLock(2, TimeUnit.SECONDS)) {
        return; // a commit stopped (a test pause): the next run removes what is left
      }
    } catch (InterruptedException e) {
      return;
    }
    for (Path path : LIVE) {
      deleteQuietly(path);
    }
  }
}
