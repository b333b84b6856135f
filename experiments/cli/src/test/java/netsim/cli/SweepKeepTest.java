package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import netsim.core.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsim sweep --keep}: each run's chosen outputs in a directory named from its index,
 * values and seed; nothing else written, no result changed; unknown names refused; a resumed sweep
 * runs again the runs whose kept outputs are missing, ending with the same bytes.
 */
class SweepKeepTest {
  @TempDir Path dir;

  /** Two points (a labelled queue, and one without a label), one run each. */
  private static final String SWEEP =
      SweepFiles.SMALL.substring(0, SweepFiles.SMALL.indexOf("sweep:"))
          + """
          sweep:
            parameters:
              links[0].queue:
                - {value: {kind: droptail, packets: 100}, label: deep}
                - {kind: droptail, packets: 4}
          """;

  private Cli.Result sweep(String out, String... options) {
    String file = SweepFiles.write(dir, "keep.yaml", SWEEP);
    String[] args = new String[4 + options.length];
    args[0] = "sweep";
    args[1] = file;
    args[2] = "--out";
    args[3] = dir.resolve(out).toString();
    System.arraycopy(options, 0, args, 4, options.length);
    return Cli.run(args);
  }

  private static String seed(long run) {
    return Long.toString(RandomStreams.deriveSeed(7, "sweep", run));
  }

  @Test
  void keep_writesTheChosenOutputsOfEachRun_inADirectoryNamedFromItsValuesAndSeed()
      throws IOException {
    Cli.Result run = sweep("kept", "--keep", "trace,summary");
    assertThat(run.exit()).as(run.err()).isZero();
    String first = "kept/000000_links[0].queue=deep_seed=" + seed(0) + "/";
    String second = "kept/000001_links[0].queue=kind-droptail-packets-4_seed=" + seed(1) + "/";
    assertThat(SweepFiles.files(dir.resolve("kept")).stream().filter(f -> f.startsWith("kept/")))
        .containsExactly(
            first + ".netsim-run",
            first + "flows.csv",
            first + "summary.json",
            first + "trace.jsonl",
            second + ".netsim-run",
            second + "flows.csv",
            second + "summary.json",
            second + "trace.jsonl");
    assertThat(Files.readString(dir.resolve("kept").resolve(first + "summary.json")))
        .contains("\"seed\"");
    // Keeping changes no result.
    Cli.Result plain = sweep("plain");
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(Files.readString(dir.resolve("kept/results.csv")))
        .isEqualTo(Files.readString(dir.resolve("plain/results.csv")));
    assertThat(Files.readString(dir.resolve("kept/summary.csv")))
        .isEqualTo(Files.readString(dir.resolve("plain/summary.csv")));
    // And a second sweep keeps the same bytes.
    assertThat(sweep("again", "--keep", "trace,summary").exit()).isZero();
    SweepFiles.assertSameFiles(dir.resolve("kept"), dir.resolve("again"));
  }

  @Test
  void anUnknownOutput_isRefusedWithTheKnownOnes_andNothingRuns() {
    Cli.Result run = sweep("refused", "--keep", "trace,traces");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().trim())
        .isEqualTo(
            "netsim: --keep: unknown output 'traces' (known: trace, pcap, summary, ladder, plots,"
                + " timeseries)");
    assertThat(dir.resolve("refused")).doesNotExist();
    Cli.Result series = sweep("refused", "--keep", "timeseries");
    assertThat(series.exit()).isEqualTo(2);
    assertThat(series.err().trim())
        .isEqualTo(
            "netsim: --keep timeseries: the file writes no time series; set outputs.interval"
                + " (e.g. outputs: {interval: 100ms})");
  }

  @Test
  void resuming_runsAgainTheRunsWhoseKeptOutputsAreMissing_andEndsWithTheSameBytes()
      throws IOException {
    assertThat(sweep("whole", "--keep", "trace,pcap").exit()).isZero();
    assertThat(sweep("resumed").exit()).as("first without --keep").isZero();
    Cli.Result keeping = sweep("resumed", "--keep", "trace,pcap");
    assertThat(keeping.exit()).as(keeping.err()).isZero();
    assertThat(keeping.out()).doesNotContain("resuming").contains("run 000001 done");
    try (Stream<Path> kept = Files.list(dir.resolve("resumed/kept"))) {
      Path one =
          kept.filter(p -> p.getFileName().toString().startsWith("000001")).findFirst().get();
      Files.delete(one.resolve("trace.jsonl"));
    }
    Cli.Result again = sweep("resumed", "--keep", "trace,pcap");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out())
        .contains(": 1 of 2 runs already done, 1 to run")
        .contains("run 000001 done")
        .doesNotContain("run 000000 done");
    SweepFiles.assertSameFiles(dir.resolve("whole"), dir.resolve("resumed"));
  }
}
