package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import netsim.report.files.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No write outside --out, on any input: names from a config never become paths elsewhere, --out
 * must name a directory of its own, a directory netsim did not write is never replaced, and
 * {@code @file} arguments are not expanded.
 */
class OutputSafetyTest {
  @TempDir Path dir;

  /** A name that, used as a path under {@code from}, climbs out to {@code target}. */
  private static String climbingTo(Path target) {
    return "../".repeat(40) + target.toAbsolutePath().toString().substring(1);
  }

  @Test
  void aHostNamedLikeAPath_writesNoCaptureOutsideOut() throws IOException {
    Path escape = Files.createDirectory(dir.resolve("escape"));
    // Relative to the output directory or to netsim's staging directory beside it, both in dir;
    // short enough that an error echoes it whole.
    String host = "../escape/PWNED";
    Path file =
        write(
            dir,
            "pwned.yaml",
            """
        nodes:
          - {name: "%s", address: 10.0.0.1}
          - {name: server, address: 10.0.0.2}
        links:
          - {a: "%s", b: server}
        """
                .formatted(host, host));
    Path out = dir.resolve("out");

    Cli.Result run = Cli.run("run", file.toString(), "--out", out.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("netsim: ").contains("PWNED").hasLineCount(1);
    assertThat(escape).isEmptyDirectory();
    assertThat(out).doesNotExist();
    assertThat(names(dir)).containsExactly("escape", "pwned.yaml");
  }

  @Test
  void anExperimentNameThatClimbs_sendsNoDefaultOutputOutsideOut() throws IOException {
    Path escape = Files.createDirectory(dir.resolve("escape"));
    String name = climbingTo(escape.resolve("OUT"));
    Path sweep = write(dir, "sweep.yaml", SweepFiles.SMALL);

    Cli.Result run = Cli.run("run", "lost-final-ack", "--set", "name=" + name);
    Cli.Result swept = Cli.run("sweep", sweep.toString(), "--set", "name=" + name);
    Cli.Result shrunk =
        Cli.run(
            "shrink",
            "lost-final-ack",
            "--set",
            "name=" + name,
            "--seed",
            "1",
            "--until",
            "final-ack-lost");

    for (Cli.Result result : List.of(run, swept, shrunk)) {
      assertThat(result.exit()).as(result.err()).isEqualTo(2);
      assertThat(result.err()).startsWith("netsim: ").contains("OUT").hasLineCount(1);
    }
    assertThat(escape).isEmptyDirectory();
  }

  @Test
  void anEmptyOut_isRefused_byEveryCommandThatWrites() throws IOException {
    Path sweep = write(dir, "sweep.yaml", SweepFiles.SMALL);
    String refused =
        "netsim: --out is empty: give the directory to write into, e.g. --out" + " out/run1\n";
    assertThat(Cli.run("run", "lost-final-ack", "--out", ""))
        .isEqualTo(new Cli.Result(2, "", refused));
    assertThat(Cli.run("sweep", sweep.toString(), "--out", ""))
        .isEqualTo(new Cli.Result(2, "", refused));
    assertThat(Cli.run("merge", "--out", "", dir.toString()))
        .isEqualTo(new Cli.Result(2, "", refused));
    Cli.Result shrink =
        Cli.run(
            "shrink", "lost-final-ack", "--seed", "1", "--until", "final-ack-lost", "--out", "");
    assertThat(shrink.exit()).isEqualTo(2);
    assertThat(shrink.err())
        .isEqualTo(
            "netsim: --out is empty: give the file to write, e.g." + " --out out/shrunk.yaml\n");
    assertThat(Cli.run("packetdrill", "--report", "", "x.pkt").err())
        .isEqualTo("netsim: --report  is empty: give the directory to write the report into\n");
  }

  @Test
  void outOnAFile_orOnDevFull_isAUsageError_sayingWhy() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "mine");
    for (String out : List.of(file.toString(), "/dev/full")) {
      Cli.Result run = Cli.run("run", "lost-final-ack", "--out", out);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "netsim: --out "
                  + out
                  + " exists and is not a directory:"
                  + " give a directory, e.g. --out out/run1\n");
    }
    Path sweep = write(dir, "sweep.yaml", SweepFiles.SMALL);
    Cli.Result swept = Cli.run("sweep", sweep.toString(), "--out", file.toString());
    assertThat(swept.exit()).isEqualTo(2);
    assertThat(swept.err())
        .isEqualTo(
            "netsim: --out "
                + file
                + " exists and is not a"
                + " directory: give a directory, e.g. --out out/run1\n");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void outOnADirectoryNetsimDidNotWrite_isRefused_andLeftAlone() throws IOException {
    Path mine = Files.createDirectory(dir.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "mine");
    Cli.Result run = Cli.run("run", "lost-final-ack", "--out", mine.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "netsim: "
                + mine
                + " is not empty and is not a netsim"
                + " run's output (it has no .netsim-run): netsim replaces only its own output"
                + " directories, and never deletes what it did not write. Give another --out, or empty"
                + " it.\n");

    Path sweep = write(dir, "sweep.yaml", SweepFiles.SMALL);
    Cli.Result swept = Cli.run("sweep", sweep.toString(), "--out", mine.toString());
    assertThat(swept.exit()).isEqualTo(2);
    assertThat(swept.err())
        .isEqualTo(
            "netsim: "
                + mine
                + " is not empty and is not a sweep's"
                + " directory (it has no sweep.json; it holds 'notes.txt'): netsim writes a sweep only"
                + " into a new or empty directory, or resumes its own. Give another --out.\n");
    assertThat(names(mine)).containsExactly("notes.txt");
    assertThat(names(dir)).containsExactly("mine", "sweep.yaml");
  }

  @Test
  void aSecondRunIntoTheSameOut_replacesTheFirstWhole() throws IOException {
    Path out = dir.resolve("out");
    ScenarioRun.of(out, "lost-final-ack", "--seed", "1");
    assertThat(out.resolve("ladder.svg")).exists();
    ScenarioRun second =
        ScenarioRun.of(out, "lost-final-ack", "--seed", "2", "--set", "outputs.ladder=false");
    assertThat(out.resolve("ladder.svg")).doesNotExist();
    assertThat(second.summary().get("seed").asLong()).isEqualTo(2);
    assertThat(Files.readAllLines(out.resolve(OutputDirectory.MARKER)))
        .doesNotContain("ladder.svg");
    assertThat(names(dir)).containsExactly("out");
  }

  @Test
  void atFileArguments_areNotExpanded_soNoFilesContentsAreEchoed() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), "--the-secret-line\n");
    for (String[] args :
        List.of(
            new String[] {"@" + secret},
            new String[] {"run", "@" + secret},
            new String[] {"validate", "@" + secret})) {
      Cli.Result result = Cli.run(args);
      assertThat(result.exit()).isEqualTo(2);
      assertThat(result.out() + result.err()).doesNotContain("the-secret-line");
    }
  }

  private static Path write(Path dir, String name, String text) {
    return Path.of(SweepFiles.write(dir, name, text));
  }

  /** The names in {@code dir}, sorted, hidden ones too. */
  static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
