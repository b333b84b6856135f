package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep.warmup}: the metrics that count deliveries (goodput, bytes, Jain's index, link
 * utilization and delivered bytes) count only those from the warm-up on, over the time from it, so
 * that a study measures the steady state and not the slow start; a warm-up with a metric that
 * measures the whole run, or that leaves nothing to measure, is refused before anything runs.
 */
class SweepWarmupTest {
  @TempDir Path dir;

  /** One bulk flow through a 5 Mbit/s bottleneck for 6 s, with a warm-up of WARMUP. */
  private static final String BULK =
      """
      name: warmup-study
      seed: 3
      tcp: {minRto: 200ms}
      stop: {at: 6s}
      invariants: {allClosed: false}
      topology:
        kind: dumbbell
        pairs: 1
        bottleneck: {bandwidth: 5Mbps, delay: 10ms, queue: {packets: 20}}
        access: {bandwidth: 100Mbps, delay: 1ms}
      listeners:
        - {host: d1, port: 80}
      clients:
        - {name: bulk, host: s1, connect: "d1:80", send: 100MB}
      sweep:
        parameters:
          tcp.congestionControl: [newreno]
        metrics: [flows.goodput.mean, flows.bytes.sum, "links[bottleneck].utilization"]
      """;

  /** The metrics' cells of the sweep's one run, with the file's warm-up set to {@code warmup}. */
  private String[] cells(String warmup, String... options) throws IOException {
    String text = BULK + (warmup.isEmpty() ? "" : "  warmup: " + warmup + "\n");
    Path sub = Files.createDirectories(dir.resolve("w" + warmup + options.length));
    String file = SweepFiles.write(sub, "study.yaml", text);
    Path out = sub.resolve("out");
    List<String> args =
        new ArrayList<>(List.of("sweep", file, "--out", out.toString(), "--parallel", "1"));
    args.addAll(List.of(options));
    Cli.Result run = Cli.run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> results = Files.readAllLines(out.resolve("results.csv"));
    assertThat(results.get(1))
        .endsWith(",flows.goodput.mean,flows.bytes.sum,links[bottleneck].utilization");
    String[] row = results.get(2).split(",", -1);
    return new String[] {row[5], row[6], row[7], Files.readString(out.resolve("config.json"))};
  }

  @Test
  void aWarmup_leavesTheSlowStartOut_countingBytesFromIt_overTheTimeFromIt() throws IOException {
    String[] whole = cells("");
    String[] fromTwo = cells("2s");
    long bytesWhole = Long.parseLong(whole[1]);
    long bytesFromTwo = Long.parseLong(fromTwo[1]);
    assertThat(bytesFromTwo).isPositive().isLessThan(bytesWhole);
    // The run stops at 6 s with the flow still sending: 4 s measured.
    assertThat(new BigDecimal(fromTwo[0]))
        .isEqualByComparingTo(BigDecimal.valueOf(bytesFromTwo * 2));
    // Past the slow start the link stays busy: more of it used than over the whole run.
    double utilizationWhole = Double.parseDouble(whole[2]);
    double utilizationFromTwo = Double.parseDouble(fromTwo[2]);
    assertThat(utilizationFromTwo).isGreaterThan(utilizationWhole).isBetween(0.9, 1.0);
    // The warm-up is part of the sweep's definition, so of its config hash.
    assertThat(fromTwo[3]).contains("\"warmup\": \"2s\"");
    assertThat(whole[3]).doesNotContain("\"warmup\":");
  }

  @Test
  void keepingARunWithAWarmup_changesNoResult() throws IOException {
    String[] plain = cells("2s");
    String[] kept = cells("2s", "--keep", "summary");
    assertThat(List.of(kept[0], kept[1], kept[2])).containsExactly(plain[0], plain[1], plain[2]);
  }

  @Test
  void aWarmupWithTheDefaultMetrics_isRefused_sayingWhichCountFromIt() {
    assertThat(
            SweepFiles.refusal(
                dir,
                ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          warmup: 1s
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:3: sweep.warmup: a warm-up applies to chosen metrics that count"
                + " deliveries (flows or flows[CLIENT].{goodput,bytes}.STATISTIC, fairness.jain,"
                + " links[LINK or a->b].{utilization,delivered}); the default metrics are measured"
                + " over the whole run: choose them in sweep.metrics");
  }

  @Test
  void aWarmupWithAMetricOfTheWholeRun_isRefusedAtThatMetric() {
    assertThat(
            SweepFiles.refusal(
                dir,
                ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: [flows.goodput.mean, flows.rtt.mean]
          warmup: 1s
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:33: sweep.metrics[1]: 'flows.rtt.mean' is measured over the whole"
                + " run, not from sweep.warmup: with a warm-up, choose among flows or"
                + " flows[CLIENT].{goodput,bytes}.STATISTIC, fairness.jain,"
                + " links[LINK or a->b].{utilization,delivered}");
  }

  @Test
  void aWarmupNotBeforeTheStop_isRefused_forNothingWouldBeMeasured() {
    assertThat(
            SweepFiles.refusal(
                dir,
                "stop: {at: 2s}\n"
                    + ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: [flows.goodput.mean]
          warmup: 2s
        """))
        .isEqualTo(
            "netsim: exp.yaml:14:3: sweep.warmup: 2s is not before stop.at (2s): nothing would be"
                + " measured");
  }

  @Test
  void aWarmupThatIsNoDuration_isRefused() {
    assertThat(
            SweepFiles.refusal(
                dir,
                ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: [flows.goodput.mean]
          warmup: 10
        """))
        .isEqualTo(
            "netsim: exp.yaml:13:3: sweep.warmup: expected a duration with a unit such as \"10ms\" or"
                + " \"1.5s\"; got the number 10");
  }

  @Test
  void aWarmupInAnExperimentWithUdpSources_isRefused_forTheirFlowsCountTheWholeRun() {
    assertThat(
            SweepFiles.refusal(
                dir,
                "stop: {at: 5s}\n"
                    + ConfigCase.BASE
                    + """
        udpSinks:
          - {host: server, port: 9}
        udpSources:
          - {host: client, to: "server:9"}
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: [flows.goodput.mean]
          warmup: 1s
        """))
        .isEqualTo(
            "netsim: exp.yaml:18:3: sweep.warmup: a warm-up measures TCP flows from it on; this"
                + " experiment has UDP sources, whose flows are measured over their whole sending"
                + " time: remove the warm-up or the UDP sources");
  }
}
