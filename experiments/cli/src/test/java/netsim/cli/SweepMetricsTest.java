package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep.metrics}: the metrics a study needs, chosen by name, computed per run from its
 * streamed flow and link measurements, tabulated, summarized and plotted like the seven whole-run
 * ones; a name that means nothing is refused before anything runs.
 */
class SweepMetricsTest {
  @TempDir Path dir;

  /** Two bulk flows through a 5 Mbit/s dumbbell, two queue sizes, two runs each. */
  private static final String DUMBBELL =
      """
      name: queue-study
      seed: 11
      tcp: {minRto: 200ms, msl: 1s}
      topology:
        kind: dumbbell
        pairs: 2
        bottleneck: {bandwidth: 5Mbps, delay: 10ms, queue: {packets: 20}}
        access: {bandwidth: 100Mbps, delay: 1ms}
      listeners:
        - {host: d1, port: 80}
        - {host: d2, port: 80}
      clients:
        - {name: a, host: s1, connect: "d1:80", send: 200KB}
        - {name: b, host: s2, connect: "d2:80", send: 200KB}
      sweep:
        parameters:
          topology.bottleneck.queue.packets: [5, 50]
        repetitions: 2
        metrics: [flows.goodput.mean, flows.fct.p99, fairness.jain, "links[bottleneck].sojourn.p99", "links[r1->r2].queue.max", invariants_ok]
      """;

  @Test
  void chosenMetrics_areTheColumns_inTheirOrder_andABiggerQueueHoldsMore() throws IOException {
    String file = SweepFiles.write(dir, "study.yaml", DUMBBELL);
    Path out = dir.resolve("out");
    Cli.Result run = Cli.run("sweep", file, "--out", out.toString(), "--parallel", "1");
    assertThat(run.exit()).as(run.err()).isZero();

    List<String> results = Files.readAllLines(out.resolve("results.csv"));
    assertThat(results.get(1))
        .isEqualTo(
            "run,point,repetition,seed,topology.bottleneck.queue.packets,flows.goodput.mean,"
                + "flows.fct.p99,fairness.jain,links[bottleneck].sojourn.p99,"
                + "links[r1->r2].queue.max,invariants_ok");
    assertThat(results).hasSize(2 + 4);
    for (String row : results.subList(2, 6)) {
      String[] cells = row.split(",", -1);
      assertThat(cells).hasSize(11);
      assertThat(Double.parseDouble(cells[5])).as("goodput, bit/s").isBetween(1e5, 5e6);
      assertThat(Double.parseDouble(cells[7])).as("Jain's index").isBetween(0.5, 1.0);
      int limit = Integer.parseInt(cells[4]);
      assertThat(Integer.parseInt(cells[9])).as("the queue's most").isBetween(1, limit);
      assertThat(cells[10]).isEqualTo("1");
    }
    // With 5 packets a packet waits at most 5 transmission times (2.42 ms for 1512 bytes at 5
    // Mbit/s).
    double small = Double.parseDouble(results.get(2).split(",")[8]);
    double large = Double.parseDouble(results.get(4).split(",")[8]);
    assertThat(small).isLessThanOrEqualTo(5 * 2.42);
    assertThat(large).isGreaterThan(small);
    assertThat(SweepFiles.files(out))
        .contains(
            "plots/flows.goodput.mean-vs-topology-bottleneck-queue-packets.svg",
            "plots/links-bottleneck-sojourn-p99-vs-topology-bottleneck-queue-packets.svg");
    assertThat(Files.readString(out.resolve("sweep.json")))
        .contains("\"flows.goodput.mean\"", "\"links[bottleneck].sojourn.p99\"");
  }

  @Test
  void anUnknownMetric_isRefusedWhereItIsWritten_withTheForms() {
    assertThat(
            SweepFiles.refusal(
                dir,
                ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: [fairness.jain, flows.goodput.avg]
        """))
        .startsWith(
            "netsim: exp.yaml:12:28: sweep.metrics[1]: unknown metric 'flows.goodput.avg' (known:"
                + " bytes_delivered, goodput_bps,")
        .contains(
            "flows or flows[CLIENT].{goodput,fct,bytes,retransmissions,rtt}.{mean,min,max,sum,p50,p99,ratio}");
  }

  @Test
  void aLinkTheExperimentDoesNotHave_isRefused_withTheKnownOnes() {
    assertThat(
            SweepFiles.refusal(
                dir,
                ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: ["links[wan].utilization"]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:13: sweep.metrics[0]: no link or link direction named 'wan'"
                + " (known: client-server, client->server, server->client)");
  }

  @Test
  void aClientTheExperimentDoesNotHave_isRefused_withTheKnownOnes() {
    assertThat(
            SweepFiles.refusal(
                dir,
                ConfigCase.BASE
                    + """
        sweep:
          parameters: {"links[0].loss": [0]}
          metrics: ["flows[web].fct.p99"]
        """))
        .isEqualTo(
            "netsim: exp.yaml:12:13: sweep.metrics[0]: no client named 'web' (known: client1)");
  }
}
