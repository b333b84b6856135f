package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.net.link.LossModel;
import netsim.scenario.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * A sweep's plan: ranges expanded in exact decimals, the cross product in order with the last
 * parameter fastest, each run's config with its point's values and its seed.
 */
class SweepPlanTest {
  private static final String BASE =
      """
      seed: 5
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server}
      clients:
        - {host: client, connect: "server:80"}
      """;

  private static SweepPlan plan(String sweep) {
    return SweepPlan.of("exp.yaml", BASE + sweep, List.of());
  }

  @Test
  void numericRange_isExact_andIncludesItsEnd() {
    SweepPlan plan =
        plan("sweep: {parameters: {\"links[0].loss\": {from: 0, to: 0.05," + " step: 0.01}}}\n");
    assertThat(plan.spec().parameters().get(0).texts())
        .containsExactly("0", "0.01", "0.02", "0.03", "0.04", "0.05");
  }

  @Test
  void rangeWithAUnit_keepsTheUnit_andStopsAtItsEnd() {
    SweepPlan plan =
        plan(
            "sweep: {parameters: {\"links[0].delay\": {from: 10ms, to: 55ms," + " step: 20ms}}}\n");
    assertThat(plan.spec().parameters().get(0).texts()).containsExactly("10ms", "30ms", "50ms");
    assertThat(plan.config(plan.run(2)).links().get(0).aToB().delay()).isEqualTo(50_000_000L);
  }

  @Test
  void integerRange_givesWholeNumbers_thatIntegerKeysAccept() {
    SweepPlan plan = plan("sweep: {parameters: {tcp.mss: {from: 500, to: 1500, step: 500}}}\n");
    assertThat(plan.spec().parameters().get(0).texts()).containsExactly("500", "1000", "1500");
    plan.validate();
    assertThat(plan.config(plan.run(1)).tcp().mss()).isEqualTo(1000);
  }

  @Test
  void points_varyTheLastParameterFastest_andRepeat() {
    SweepPlan plan =
        plan(
            """
        sweep:
          parameters:
            links[0].loss: [0, 0.1]
            tcp.congestionControl: [reno, cubic]
          repetitions: 2
        """);
    assertThat(plan.runs()).isEqualTo(8);
    RunSpec run5 = plan.run(5);
    assertThat(run5.point()).isEqualTo(2);
    assertThat(run5.repetition()).isEqualTo(1);
    assertThat(run5.values()).extracting(SweepValue::text).containsExactly("0.1", "reno");
    ExperimentConfig config = plan.config(run5);
    assertThat(config.links().get(0).aToB().loss()).isEqualTo(new LossModel.Bernoulli(0.1));
    assertThat(config.tcp().congestionControl()).isEqualTo("reno");
    assertThat(config.seed()).isEqualTo(netsim.core.RandomStreams.deriveSeed(5, "sweep", 5));
  }

  @Test
  void mappingsAsValues_areSetWhole() {
    SweepPlan plan =
        plan(
            """
        sweep:
          parameters:
            links[0].loss:
              - {model: bernoulli, p: 0.02}
              - 0.05
        """);
    assertThat(plan.spec().parameters().get(0).texts())
        .containsExactly("{\"model\":\"bernoulli\",\"p\":0.02}", "0.05");
    assertThat(plan.config(plan.run(0)).links().get(0).aToB().loss())
        .isEqualTo(new LossModel.Bernoulli(0.02));
  }

  @Test
  void theConfigHash_changesWithAValue_andWithTheSweep() {
    String sweep = "sweep: {parameters: {\"links[0].loss\": [0, 0.1]}}\n";
    SweepPlan a = plan(sweep);
    assertThat(a.configHash()).isEqualTo(plan(sweep).configHash());
    assertThat(SweepPlan.of("exp.yaml", BASE + sweep, List.of("tcp.msl=1s")).configHash())
        .isNotEqualTo(a.configHash());
    assertThat(plan(sweep.replace("0.1", "0.2")).configHash()).isNotEqualTo(a.configHash());
    assertThat(a.definition()).contains("\"experiment\"").contains("\"repetitions\"");
  }
}
