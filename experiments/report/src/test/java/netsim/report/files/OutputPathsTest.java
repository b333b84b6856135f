package netsim.report.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import netsim.scenario.config.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which names may become file names, and which directories --out may name. */
class OutputPathsTest {
  @Test
  void aPlainName_isOneFileName_andEveryOtherKindIsRefusedWithItsReason() {
    assertThat(OutputPaths.problem("client-1.pcap")).isNull();
    assertThat(OutputPaths.problem("x".repeat(255))).isNull();
    assertThat(OutputPaths.problem("")).isEqualTo("it is empty");
    assertThat(OutputPaths.problem("..")).isEqualTo("'..' is a directory's name");
    assertThat(OutputPaths.problem(".")).isEqualTo("'.' is a directory's name");
    assertThat(OutputPaths.problem("a/b")).isEqualTo("it contains a path separator");
    assertThat(OutputPaths.problem("a\\b")).isEqualTo("it contains a path separator");
    assertThat(OutputPaths.problem("a\0b")).isEqualTo("it contains a NUL character");
    assertThat(OutputPaths.problem("\u00e9".repeat(128)))
        .isEqualTo(
            "the file name would be 256 bytes long, more than the 255 a file system" + " takes");
  }

  @Test
  void everyNameTheConfigRuleAccepts_isAPlainFileName() {
    // The two guards agree: the write edge refuses no name that the config's rule lets through,
    // with the suffixes netsim adds to make a capture or shrink's default file.
    String characters = "AZaz09-_.";
    Random random = new Random(11);
    List<String> names =
        new ArrayList<>(List.of("a", "-", "_", "a.", "a..b", "a-.", "n".repeat(Names.MAX_LENGTH)));
    for (int i = 0; i < 10_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = 1 + random.nextInt(Names.MAX_LENGTH); n > 0; n--) {
        name.append(characters.charAt(random.nextInt(characters.length())));
      }
      names.add(name.toString());
    }
    int accepted = 0;
    for (String name : names) {
      if (!Names.isSafe(name)) {
        continue;
      }
      accepted++;
      for (String file :
          List.of(
              name, name + ".pcap", name + "-seed" + Long.MIN_VALUE + "-syn-in-time-wait.yaml")) {
        assertThat(OutputPaths.problem(file)).as(file).isNull();
      }
    }
    assertThat(accepted).isGreaterThan(8000);
  }

  @Test
  void file_staysInItsDirectory(@TempDir Path dir) {
    assertThat(OutputPaths.file(dir, "a.pcap", "the host name 'a'"))
        .isEqualTo(dir.resolve("a.pcap"));
    assertThatThrownBy(() -> OutputPaths.file(dir, "../a.pcap", "the host name '../a'"))
        .isInstanceOf(OutputException.class)
        .hasMessageStartingWith(
            "the host name '../a' cannot name a file in "
                + dir
                + ": it contains a path separator.");
  }

  @Test
  void theDefaultDirectory_ofANameThatClimbsOut_isRefused() {
    assertThatThrownBy(() -> OutputPaths.defaultDirectory("../../../../tmp/x/OUT"))
        .isInstanceOf(OutputException.class)
        .hasMessage(
            "the experiment's name '../../../../tmp/x/OUT' cannot name a file in out/:"
                + " it contains a path separator. netsim writes nothing outside its output"
                + " directory; a name has 1 to 64 ASCII letters, digits, '-', '_' and '.', not"
                + " starting with '.'");
    assertThat(OutputPaths.defaultDirectory("stale-syn").toString())
        .isEqualTo(Path.of("out", "stale-syn").toAbsolutePath().toString());
  }

  @Test
  void out_mustNameADirectoryOfItsOwn(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> OutputPaths.directory(Path.of("")))
        .hasMessage("--out is empty: give the directory to write into, e.g. --out out/run1");
    assertThatThrownBy(() -> OutputPaths.directory(Path.of("/")))
        .hasMessage(
            "--out / is the root directory: give a directory of its own, e.g. --out" + " out/run1");
    assertThatThrownBy(() -> OutputPaths.directory(Path.of(".")))
        .hasMessage(
            "--out . is the current directory or contains it: give a directory of its"
                + " own, e.g. --out out/run1");
    assertThatThrownBy(() -> OutputPaths.directory(Path.of("..")))
        .hasMessageStartingWith("--out .. is the current directory or contains it");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> OutputPaths.directory(file))
        .hasMessage(
            "--out "
                + file
                + " exists and is not a directory: give a directory, e.g."
                + " --out out/run1");
    assertThatThrownBy(() -> OutputPaths.directory(Path.of("/dev/full")))
        .hasMessage(
            "--out /dev/full exists and is not a directory: give a directory, e.g."
                + " --out out/run1");
    Path link =
        Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
    assertThat(OutputPaths.directory(link.resolve("run")))
        .isEqualTo(dir.toRealPath().resolve("real/run"));
  }
}
