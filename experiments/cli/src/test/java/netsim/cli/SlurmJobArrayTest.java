package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm recipe of docs/cluster.md on a real Slurm (the one-node cluster that .ci/start-slurm.sh
 * starts): a small sweep submitted with docs/slurm/sweep.sbatch as a job array of two tasks, waited
 * for (three minutes at most), merged, equals the sweep run on one machine, byte for byte. Where no
 * Slurm answers, the test is skipped and says why.
 */
class SlurmJobArrayTest {
  private static final Path SCRIPT =
      Repository.path("docs/slurm/sweep.sbatch").toAbsolutePath().normalize();
  private static final long WAIT_MINUTES = 3;

  @TempDir Path dir;

  @Test
  void jobArrayShares_merged_equalTheSweepOnOneMachine() throws Exception {
    assumeSlurmRuns();
    String file = SweepFiles.write(dir, "small.yaml", SweepFiles.SMALL);
    Path out = dir.resolve("slurm");
    Path netsim = launcher();

    List<String> submit =
        List.of(
            "sbatch",
            "--parsable",
            "--wait",
            "--array=1-2",
            "--cpus-per-task=1",
            "--job-name=netsim-sweep-test",
            "--chdir=" + dir,
            "--output=" + dir.resolve("slurm-%A_%a.out"),
            SCRIPT.toString(),
            file,
            out.toString());
    ProcessBuilder builder =
        new ProcessBuilder(submit)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sbatch.out").toFile());
    builder.environment().put("NETSIM", netsim.toString());
    Process sbatch = builder.start();
    if (!sbatch.waitFor(WAIT_MINUTES, TimeUnit.MINUTES)) {
      sbatch.destroy();
      run(10, "scancel", "--name=netsim-sweep-test");
      throw new AssertionError(
          "the job array did not finish within "
              + WAIT_MINUTES
              + " minutes (cancelled); "
              + logs());
    }
    assertThat(sbatch.exitValue()).as("sbatch --wait exit status; %s", logs()).isZero();

    Path merged = dir.resolve("merged");
    Cli.Result merge =
        Cli.run(
            "merge",
            "--out",
            merged.toString(),
            out.resolve("share-1-of-2").toString(),
            out.resolve("share-2-of-2").toString());
    assertThat(merge.exit()).as("%s%s", merge.err(), logs()).isZero();

    Path single = dir.resolve("single");
    assertThat(Cli.run("sweep", file, "--out", single.toString()).exit()).isZero();
    SweepFiles.assertSameFiles(single, merged);
    assertThat(Files.readString(dir.resolve(jobLog(1))))
        .contains("netsim sweep share 1/2")
        .contains("run 000010 done");
  }

  /** Skips, saying why, unless sbatch exists and a node is up. */
  private static void assumeSlurmRuns() {
    String sinfo;
    try {
      sinfo = run(15, "sinfo", "--noheader", "--Node", "--format=%N %t");
    } catch (IOException e) {
      sinfo = "sinfo: " + e.getMessage();
    }
    boolean up = sinfo.lines().anyMatch(l -> l.matches("\\S+ (idle|mix|alloc)\\S*"));
    Assumptions.assumeTrue(
        up,
        "no Slurm cluster answers here ("
            + sinfo.strip()
            + "); run"
            + " .ci/start-slurm.sh to start the one-node cluster this test submits to");
    try {
      run(15, "sbatch", "--version");
    } catch (IOException e) {
      Assumptions.abort("sbatch is missing: " + e.getMessage());
    }
  }

  /** A netsim command for the jobs: this JVM's java, with this test's classpath. */
  private Path launcher() throws IOException {
    Path script = dir.resolve("netsim");
    Files.writeString(
        script,
        "#!/bin/sh\nexec '" + String.join("' '", NetsimProcess.command(List.of())) + "' \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private String jobLog(int task) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("slurm-") && n.endsWith("_" + task + ".out"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no output of array task " + task));
    }
  }

  /** The job outputs, for a failure message. */
  private String logs() {
    StringBuilder text = new StringBuilder("outputs:");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(".out")).sorted().toList()) {
        text.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
      }
    } catch (IOException e) {
      text.append(' ').append(e);
    }
    return text.toString();
  }

  /** Runs a command, at most {@code seconds}; its output, or IOException when it fails. */
  private static String run(long seconds, String... command) throws IOException {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command[0] + " did not answer within " + seconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command[0] + " exited with " + p.exitValue() + ": " + output.strip());
    }
    return output;
  }
}
