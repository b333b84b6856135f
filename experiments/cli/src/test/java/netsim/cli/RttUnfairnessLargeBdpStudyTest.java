package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * experiments/studies/rtt-unfairness-large-bdp.yaml as the sweep it is, reduced for CI (50 Mbit/s
 * with a 50-packet queue, 30 s measured from 10 s, one seed, RTT ratios 1 and 8; docs/studies.md
 * has the full size): in the steady state, NewReno's throughput ratio (short RTT over long) grows
 * faster than the RTT ratio k (Lakshman and Madhow 1997), while CUBIC, whose window grows with the
 * time since the last loss and not per RTT (RFC 9438 4.2), is much fairer to the long flow.
 */
class RttUnfairnessLargeBdpStudyTest {
  @TempDir Path dir;

  /**
   * Short-RTT goodput over long-RTT goodput, by "CONTROL k": NewReno at k = 1 and 8, CUBIC at k = 8
   * (the constraint leaves CUBIC at k = 1 out).
   */
  private Map<String, Double> ratios() throws IOException {
    Path out = dir.resolve("out");
    Cli.Result run =
        Cli.run(
            "sweep",
            Repository.path("experiments/studies/rtt-unfairness-large-bdp.yaml").toString(),
            "--set",
            "topology.bottleneck.bandwidth=50Mbps",
            "--set",
            "topology.bottleneck.queue.packets=50",
            "--set",
            "stop.at=30s",
            "--set",
            "sweep.warmup=10s",
            "--set",
            "sweep.seeds=[1]",
            "--set",
            "sweep.parameters={tcp.congestionControl: [newreno, cubic],"
                + " \"topology.access[1].delay\": [10ms, 80ms]}",
            "--set",
            "sweep.constraint=tcp.congestionControl == newreno or topology.access[1].delay == 80ms",
            "--out",
            out.toString(),
            "--parallel",
            "2");
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> rows = Files.readAllLines(out.resolve("results.csv"));
    assertThat(rows.get(1))
        .isEqualTo(
            "run,point,repetition,seed,tcp.congestionControl,topology.access[1].delay,"
                + "flows[short].goodput.mean,flows[long].goodput.mean,flows.goodput.ratio,"
                + "links[bottleneck].utilization,fairness.jain");
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (String row : rows.subList(2, rows.size())) {
      String[] cells = row.split(",", -1);
      int k = Integer.parseInt(cells[5].replace("ms", "")) / 10;
      ratios.put(cells[4] + " " + k, Double.parseDouble(cells[6]) / Double.parseDouble(cells[7]));
    }
    return ratios;
  }

  @Test
  void inTheSteadyState_newRenosRatioGrowsFasterThanTheRttRatio_andCubicIsFairerToTheLongFlow()
      throws IOException {
    Map<String, Double> ratio = ratios();
    assertThat(ratio).containsOnlyKeys("newreno 1", "newreno 8", "cubic 8");
    // The margins hold over seeds 1 to 6 at this size (docs/studies.md): NewReno at k = 1 0.79 to
    // 1.50, at k = 8 12.1 to 37.7; CUBIC at k = 8 at most 0.57 of NewReno's ratio at the same seed.
    // Equal RTTs share about equally.
    assertThat(ratio.get("newreno 1")).isBetween(0.5, 2.0);
    // RTT ratio 8: NewReno's ratio grows faster than the RTT ratio.
    assertThat(ratio.get("newreno 8")).isGreaterThan(8.0);
    // CUBIC gives the long flow a much larger share.
    assertThat(ratio.get("cubic 8")).isLessThan(0.75 * ratio.get("newreno 8"));
  }
}
