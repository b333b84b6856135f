package netsim.report.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's output directory: staged beside its target and committed whole by renames, replacing only
 * what netsim wrote, refusing names that would leave it, and removing what killed runs left.
 */
class OutputDirectoryTest {
  @TempDir Path parent;

  @Test
  void commit_putsTheFilesInPlace_withAMarkerListingThemInTheFixedOrder_andNothingElseBeside()
      throws IOException {
    Path target = parent.resolve("out");
    OutputDirectory dir = OutputDirectory.create(target);
    Files.writeString(dir.file("trace.jsonl"), "t");
    Files.writeString(dir.file("a.pcap", "the capture of host 'a'"), "p");
    assertThat(target).doesNotExist();

    assertThat(dir.commit())
        .containsExactly(target.resolve("a.pcap"), target.resolve("trace.jsonl"));
    assertThat(names(target)).containsExactly(".netsim-run", "a.pcap", "trace.jsonl");
    assertThat(Files.readAllLines(target.resolve(".netsim-run")))
        .containsExactly(
            "# netsim run output: the next 'netsim run' into this directory replaces it whole",
            "a.pcap",
            "trace.jsonl");
    assertThat(names(parent)).containsExactly("out");
  }

  @Test
  void commit_replacesAnEarlierRunsDirectoryWhole_leavingNoFileOfIt() throws IOException {
    Path target = parent.resolve("out");
    runInto(target, "first", "ladder.svg", "summary.json");

    OutputDirectory second = OutputDirectory.create(target);
    Files.writeString(second.file("summary.json"), "second");
    assertThat(Files.readString(target.resolve("summary.json"))).isEqualTo("first");
    second.commit();

    assertThat(names(target)).containsExactly(".netsim-run", "summary.json");
    assertThat(Files.readString(target.resolve("summary.json"))).isEqualTo("second");
    assertThat(names(parent)).containsExactly("out");
  }

  @Test
  void anEmptyDirectory_isReplaced() throws IOException {
    Path target = Files.createDirectory(parent.resolve("out"));
    runInto(target, "s", "summary.json");
    assertThat(names(target)).containsExactly(".netsim-run", "summary.json");
  }

  @Test
  void aDirectoryNetsimDidNotWrite_isRefused_andLeftAsItWas() throws IOException {
    Path target = Files.createDirectory(parent.resolve("mine"));
    Files.writeString(target.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> OutputDirectory.create(target))
        .isInstanceOf(OutputException.class)
        .hasMessage(
            target
                + " is not empty and is not a netsim run's output (it has no"
                + " .netsim-run): netsim replaces only its own output directories, and never"
                + " deletes what it did not write. Give another --out, or empty it.");
    assertThat(names(target)).containsExactly("notes.txt");
    assertThat(names(parent)).containsExactly("mine");
  }

  @Test
  void aRunsDirectoryHoldingAFileItsRunDidNotWrite_isRefused() throws IOException {
    Path target = parent.resolve("out");
    runInto(target, "first", "summary.json");
    Files.writeString(target.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> OutputDirectory.create(target))
        .isInstanceOf(OutputException.class)
        .hasMessage(
            target
                + " holds 'notes.txt', which its earlier run did not write: netsim"
                + " replaces a run's output directory whole, and never deletes what it did not"
                + " write. Move it away, or give another --out.");
    assertThat(names(target)).containsExactly(".netsim-run", "notes.txt", "summary.json");
  }

  @Test
  void aFileAppearingBeforeTheCommit_stopsIt_andTheEarlierRunStays() throws IOException {
    Path target = parent.resolve("out");
    runInto(target, "first", "summary.json");
    OutputDirectory second = OutputDirectory.create(target);
    Files.writeString(second.file("summary.json"), "second");
    Files.writeString(target.resolve("notes.txt"), "mine");

    assertThatThrownBy(second::commit).isInstanceOf(OutputException.class);
    second.abandon();
    assertThat(Files.readString(target.resolve("summary.json"))).isEqualTo("first");
    assertThat(names(parent)).containsExactly("out");
  }

  @Test
  void aNameThatIsAPath_isRefusedWhereTheFileWouldBeWritten() throws IOException {
    Path target = parent.resolve("out");
    OutputDirectory dir = OutputDirectory.create(target);
    assertThatThrownBy(
            () ->
                dir.file(
                    "/../../../../tmp/x/PWNED.pcap", "the host name '/../../../../tmp/x/PWNED'"))
        .isInstanceOf(OutputException.class)
        .hasMessage(
            "the host name '/../../../../tmp/x/PWNED' cannot name a file in "
                + target
                + ": it contains a path separator. netsim writes nothing outside its output"
                + " directory; a name has 1 to 64 ASCII letters, digits, '-', '_' and '.', not"
                + " starting with '.'");
    for (String name : List.of("..", ".", "", "a\0b", "x".repeat(256), ".netsim-run")) {
      assertThatThrownBy(() -> dir.file(name, "the host"))
          .as(name)
          .isInstanceOf(OutputException.class);
    }
    dir.abandon();
    assertThat(names(parent)).isEmpty();
  }

  @Test
  void abandon_removesTheTemporaryDirectory_andLeavesTheTargetAsItWas() throws IOException {
    Path target = parent.resolve("out");
    runInto(target, "first", "summary.json");
    OutputDirectory second = OutputDirectory.create(target);
    Files.writeString(second.file("summary.json"), "second");
    Files.writeString(second.file("trace.jsonl"), "second");
    assertThat(names(parent)).hasSize(2);

    second.abandon();
    assertThat(names(parent)).containsExactly("out");
    assertThat(Files.readString(target.resolve("summary.json"))).isEqualTo("first");
  }

  @Test
  void leftoversOfDeadProcesses_areRemovedByTheNextRun_thoseOfLiveOnesAndUsersFilesKept()
      throws Exception {
    long dead = deadPid();
    Path killedStaging =
        Files.createDirectory(parent.resolve(".out.netsim-" + dead + "-1700000000000-1.partial"));
    Files.writeString(killedStaging.resolve("summary.json"), "killed");
    Path killedOld =
        Files.createDirectory(parent.resolve(".out.netsim-" + dead + "-1700000000000-2.old"));
    Path killedFile =
        Files.writeString(
            parent.resolve(".results.csv.netsim-" + dead + "-1700000000000-3.partial"), "killed");
    long self = ProcessHandle.current().pid();
    long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    Path live =
        Files.createDirectory(
            parent.resolve(".other.netsim-" + self + "-" + started + "-99.partial"));
    Path reused =
        Files.createDirectory(
            parent.resolve(
                ".other.netsim-"
                    + self
                    + "-"
                    + (started - 60_000)
                    + "-98.partial")); // this PID, another process's start time
    Path users = Files.writeString(parent.resolve(".out.partial"), "a user's");

    runInto(parent.resolve("out"), "s", "summary.json");

    assertThat(killedStaging).doesNotExist();
    assertThat(killedOld).doesNotExist();
    assertThat(killedFile).doesNotExist();
    assertThat(reused).doesNotExist();
    assertThat(live).exists();
    assertThat(users).exists();
    Files.delete(live);
  }

  /** A run into {@code target} that writes {@code content} into each of {@code names}. */
  private static void runInto(Path target, String content, String... names) throws IOException {
    OutputDirectory dir = OutputDirectory.create(target);
    for (String name : names) {
      Files.writeString(dir.file(name), content);
    }
    dir.commit();
  }

  /** The PID of a process that has ended. */
  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
