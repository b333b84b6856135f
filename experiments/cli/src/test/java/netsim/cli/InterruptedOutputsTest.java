package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real {@code netsim run} and {@code netsim sweep} processes, killed ({@code kill -9}) or
 * terminated (SIGTERM) at each moment of writing their outputs, paused there by the test hook
 * {@code -Dnetsim.pauseAt}: the output directory then holds an earlier result whole, or nothing,
 * never a mix of two runs nor a partial result that looks complete; the next run removes what the
 * killed one left; a killed sweep resumes to the same bytes as one never stopped.
 */
class InterruptedOutputsTest {
  @TempDir static Path references;
  static Path seed1;
  static Path seed3;
  static String sweep;
  static Path sweepWhole;

  @BeforeAll
  static void referenceOutputs() {
    seed1 = references.resolve("seed1");
    ScenarioRun.of(seed1, "lost-final-ack", "--seed", "1");
    seed3 = references.resolve("seed3");
    ScenarioRun.of(seed3, "lost-final-ack", "--seed", "3");
    sweep = SweepFiles.write(references, "small.yaml", SweepFiles.SMALL);
    sweepWhole = references.resolve("sweep");
    Cli.Result whole = Cli.run("sweep", sweep, "--out", sweepWhole.toString(), "--parallel", "1");
    assertThat(whole.exit()).as(whole.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run-simulated", "run-commit"})
  void runKilledBeforeItsCommit_leavesTheEarlierRunWhole_andTheNextRunCleansUp(
      String point, @TempDir Path parent) {
    Path out = parent.resolve("out");
    ScenarioRun.of(out, "lost-final-ack", "--seed", "1");

    NetsimProcess.kill9(
        NetsimProcess.pausedAt(
            point, "run", "lost-final-ack", "--seed", "2", "--out", out.toString()));

    SweepFiles.assertSameFiles(seed1, out);
    assertThat(OutputSafetyTest.names(parent))
        .hasSize(2)
        .contains("out")
        .anyMatch(n -> n.matches("\\.out\\.netsim-[0-9]+-[0-9]+-[0-9]+\\.partial"));
    ScenarioRun.of(out, "lost-final-ack", "--seed", "3");
    SweepFiles.assertSameFiles(seed3, out);
    assertThat(OutputSafetyTest.names(parent)).containsExactly("out");
  }

  @Test
  void runKilledBetweenItsTwoRenames_leavesNoResult_andTheNextRunCleansUp(@TempDir Path parent) {
    Path out = parent.resolve("out");
    ScenarioRun.of(out, "lost-final-ack", "--seed", "1");

    NetsimProcess.kill9(
        NetsimProcess.pausedAt(
            "run-swap", "run", "lost-final-ack", "--seed", "2", "--out", out.toString()));

    assertThat(out).doesNotExist();
    assertThat(OutputSafetyTest.names(parent))
        .hasSize(2)
        .anyMatch(n -> n.matches("\\.out\\.netsim-[0-9-]+\\.partial"))
        .anyMatch(n -> n.matches("\\.out\\.netsim-[0-9-]+\\.old"));
    ScenarioRun.of(out, "lost-final-ack", "--seed", "3");
    SweepFiles.assertSameFiles(seed3, out);
    assertThat(OutputSafetyTest.names(parent)).containsExactly("out");
  }

  @Test
  void runTerminated_removesWhatItWrote_atOnce(@TempDir Path parent) {
    Path out = parent.resolve("out");
    ScenarioRun.of(out, "lost-final-ack", "--seed", "1");

    int status =
        NetsimProcess.terminate(
            NetsimProcess.pausedAt(
                "run-simulated", "run", "lost-final-ack", "--seed", "2", "--out", out.toString()));

    assertThat(status).isEqualTo(128 + 15);
    SweepFiles.assertSameFiles(seed1, out);
    assertThat(OutputSafetyTest.names(parent)).containsExactly("out");
  }

  @Test
  void runOutOfMemory_exits4WithOneLine_andLeavesTheEarlierRunWhole(@TempDir Path parent) {
    Path out = parent.resolve("out");
    ScenarioRun.of(out, "lost-final-ack", "--seed", "1");

    // 100 MB pass the size check before the run (at least 1.4e5 trace events, 11 MiB, fit in
    // 16 MiB). The run streams its trace and keeps no list of its events, but with 1 GiB windows
    // over 10 Gbit/s and 1 s of delay, the data in flight (in the network and in the send buffer
    // until ACKed) fills the heap within seconds. A gigabyte would be refused before it started
    // (exit 4 too).
    NetsimProcess.Result run =
        NetsimProcess.run(
            List.of(),
            List.of("-Xmx16m"),
            "run",
            "bulk-transfer",
            "--set",
            "clients[0].send=100MB",
            "--set",
            "links[0].loss=0",
            "--set",
            "links[0].bandwidth=10Gbps",
            "--set",
            "links[0].delay=1s",
            "--set",
            "tcp.sendBuffer=1GiB",
            "--set",
            "tcp.receiveBuffer=1GiB",
            "--out",
            out.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(4);
    assertThat(run.err()).startsWith("netsim run: out of memory (Java may use ").hasLineCount(1);
    SweepFiles.assertSameFiles(seed1, out);
    assertThat(OutputSafetyTest.names(parent)).containsExactly("out");
  }

  @Test
  void sweepKilledWhileRecordingARun_resumesToTheSameBytes(@TempDir Path parent) {
    Path out = parent.resolve("sweep");

    NetsimProcess.kill9(
        NetsimProcess.pausedAt(
            "rename:000004.json", "sweep", sweep, "--out", out.toString(), "--parallel", "1"));

    List<String> files = SweepFiles.files(out);
    assertThat(files)
        .doesNotContain("results.csv", "runs/000004.json")
        .contains("runs/000000.json", "runs/000003.json")
        .anyMatch(f -> f.matches("runs/\\.000004\\.json\\.netsim-[0-9-]+\\.partial"));
    Cli.Result resumed = Cli.run("sweep", sweep, "--out", out.toString(), "--parallel", "2");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("4 of 12 runs already done, 8 to run");
    SweepFiles.assertSameFiles(sweepWhole, out);
  }

  @Test
  void sweepKilledWhileWritingItsResults_neverLooksComplete_andResumesToTheSameBytes(
      @TempDir Path parent) {
    Path out = parent.resolve("sweep");

    NetsimProcess.kill9(
        NetsimProcess.pausedAt(
            "rename:results.csv", "sweep", sweep, "--out", out.toString(), "--parallel", "2"));

    assertThat(SweepFiles.files(out))
        .doesNotContain("results.csv")
        .contains("runs/000011.json", "summary.csv")
        .anyMatch(f -> f.matches("\\.results\\.csv\\.netsim-[0-9-]+\\.partial"));
    Cli.Result resumed = Cli.run("sweep", sweep, "--out", out.toString());
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("12 of 12 runs already done, 0 to run");
    SweepFiles.assertSameFiles(sweepWhole, out);
  }

  @Test
  void sweepTerminated_removesItsTemporaryFile_andResumesToTheSameBytes(@TempDir Path parent)
      throws IOException {
    Path out = parent.resolve("sweep");

    int status =
        NetsimProcess.terminate(
            NetsimProcess.pausedAt(
                "rename:000007.json", "sweep", sweep, "--out", out.toString(), "--parallel", "1"));

    assertThat(status).isEqualTo(128 + 15);
    try (var runs = Files.list(out.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "000000.json",
              "000001.json",
              "000002.json",
              "000003.json",
              "000004.json",
              "000005.json",
              "000006.json");
    }
    assertThat(out.resolve("results.csv")).doesNotExist();
    Cli.Result resumed = Cli.run("sweep", sweep, "--out", out.toString());
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    SweepFiles.assertSameFiles(sweepWhole, out);
  }
}
