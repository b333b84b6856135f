package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import netsim.scenario.metrics.FlowsReport.Flow;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.scenario.traffic.Distribution;
import org.junit.jupiter.api.Test;

/**
 * The shipped example experiments/examples/traffic-mix.yaml: heavy-tailed flows at a target load,
 * request/response and three UDP sources share a bottleneck; every TCP flow completes, every UDP
 * source's row counts its datagrams, and no invariant breaks.
 */
class TrafficMixExampleTest {
  private static ExperimentConfig config() {
    return ConfigLoader.load(
        "traffic-mix.yaml", Scenarios.CATALOGUE.get("traffic-mix").text(), List.of());
  }

  @Test
  void everyFlowKind_isMeasured_andEveryTcpFlowCompletes() {
    FlowMetrics metrics = new FlowMetrics();
    RunResult result = new Experiment(config(), metrics).run();
    List<Flow> flows = metrics.report().flows();

    assertThat(Invariants.check(result, result.connections())).isEmpty();
    List<Flow> web = flows.stream().filter(f -> f.name().startsWith("web#")).toList();
    assertThat(web).hasSize(60).allSatisfy(f -> assertThat(f.complete()).isTrue());
    assertThat(web).allSatisfy(f -> assertThat(f.fct()).isPositive());
    assertThat(web).allSatisfy(f -> assertThat(f.bytes()).isBetween(1460L, 14_600_000L));
    assertThat(flows.stream().filter(f -> f.name().equals("rpc")))
        .extracting(f -> f.direction() + " " + f.bytes() + " " + f.complete())
        .containsExactly("up 8000 true", "down 584000 true");
    List<Flow> udp = flows.stream().filter(Flow::isDatagrams).toList();
    assertThat(udp).extracting(Flow::name).containsExactly("cbr", "onoff", "poisson");
    // 5 Mbit/s of 1200-byte datagrams for 4 s.
    assertThat(udp.get(0).datagramsSent()).isEqualTo(2084);
    assertThat(udp)
        .allSatisfy(
            f -> {
              assertThat(f.datagramsReceived()).isPositive().isLessThanOrEqualTo(f.datagramsSent());
              // The sources stop at 4 s, long before the end: every datagram arrived or was
              // dropped, none is in flight.
              assertThat(f.loss())
                  .isEqualTo(
                      (double) (f.datagramsSent() - f.datagramsReceived()) / f.datagramsSent());
            });
  }

  @Test
  void itsInlineCdf_isTheShippedSyntheticFile() {
    Distribution inline = config().clients().get(0).flows().size();
    Path examples =
        Path.of(System.getProperty("netsim.root"), "experiments", "examples", "traffic-mix.yaml");
    Distribution file =
        ConfigLoader.load(
                examples,
                List.of("clients[0].flows.size={distribution: empirical, file: flow-sizes.cdf}"))
            .clients()
            .get(0)
            .flows()
            .size();
    Distribution.Empirical a = (Distribution.Empirical) inline;
    Distribution.Empirical b = (Distribution.Empirical) file;
    assertThat(a.values()).isEqualTo(b.values());
    assertThat(a.cdf()).isEqualTo(b.cdf());
    assertThat(a.mean()).isEqualTo(b.mean());
  }
}
