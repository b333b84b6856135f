package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose outputs cannot be written, on a real file system that is full or read-only: one line
 * that says why, exit status 3, and nothing half-written. Each case runs netsim in a mount
 * namespace of its own ({@code unshare --mount}) over a small tmpfs, so the machine's mounts are
 * never touched. An integration test (Failsafe runs it in {@code mvn verify}): without the right to
 * mount (not root, or no unshare) it is skipped, saying why.
 */
class FileSystemFailuresIT {
  /** Mounts a tmpfs on $1 with options $2, runs netsim ("$@") into it, and lists what is left. */
  private static final String SCRIPT =
      """
      dir="$1"; options="$2"; shift 2
      mount -t tmpfs -o "$options" tmpfs "$dir" || exit 97
      case "$options" in ro*) ;; *)
        "$@" run lost-final-ack --set outputs.plots=false --out "$dir/out" >/dev/null || exit 98
      esac
      "$@" run bulk-transfer --out "$dir/out" >/dev/null
      echo "status $?"
      echo "left: $(ls -A "$dir" | tr '\\n' ' ')"
      echo "out: $(ls -A "$dir/out" 2>/dev/null | tr '\\n' ' ')"
      """;

  @TempDir Path dir;

  @Test
  void aFullDisk_isOneLineSayingSo_exit3_andTheEarlierRunStaysWhole() throws IOException {
    NetsimProcess.Result result = inTmpfs("size=512k");
    assertThat(result.out())
        .isEqualTo(
            """
        status 3
        left: out\s
        out: .netsim-run client.pcap flows.csv ladder.svg server.pcap summary.json trace.jsonl\s
        """);
    assertThat(result.err())
        .isEqualTo(
            "netsim: cannot write the outputs in "
                + dir.resolve("mnt").resolve("out")
                + ": No space left on device\n");
  }

  @Test
  void aReadOnlyDirectory_isOneLineSayingSo_exit3() throws IOException {
    NetsimProcess.Result result = inTmpfs("ro");
    assertThat(result.out())
        .isEqualTo(
            """
        status 3
        left:\s
        out:\s
        """);
    assertThat(result.err())
        .isEqualTo(
            "netsim: cannot write the outputs in "
                + dir.resolve("mnt").resolve("out")
                + ": "
                + dir.resolve("mnt")
                + ": Read-only file system\n");
  }

  private NetsimProcess.Result inTmpfs(String options) throws IOException {
    Path mount = Files.createDirectory(dir.resolve("mnt"));
    Path script = Files.writeString(dir.resolve("in-tmpfs.sh"), SCRIPT);
    NetsimProcess.Result result;
    try {
      result =
          NetsimProcess.run(
              List.of(
                  "unshare",
                  "--mount",
                  "--propagation",
                  "private",
                  "sh",
                  script.toString(),
                  mount.toString(),
                  options),
              List.of());
    } catch (java.io.UncheckedIOException e) {
      Assumptions.abort("skipped, because unshare cannot be run here: " + e.getMessage());
      throw e;
    }
    Assumptions.assumeTrue(
        result.exit() != 97 && !result.err().contains("unshare:"),
        "skipped, because a tmpfs cannot be mounted here (root in a mount namespace is"
            + " needed): "
            + result.err().strip());
    assertThat(result.exit()).as(result.err()).isZero();
    return result;
  }
}
