package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.metrics.FlowMetrics;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.StateCause;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * A client's {@code flows}: connections arrive as a Poisson process at the rate a target load sets,
 * each sends the size drawn for it and is reported as a flow with its completion time.
 */
class FlowArrivalsTest {
  private static final String NET =
      """
      tcp: {msl: 1s, minRto: 200ms}
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      links:
        - {a: a, b: b, bandwidth: 10Mbps, delay: 1ms}
      listeners:
        - {host: b, port: 80}
      clients:
      """;

  private static ExperimentConfig config(String client) {
    return ConfigLoader.load("t.yaml", NET + client, List.of());
  }

  /** When the client opened each of its connections. */
  private static List<Long> opens(RecordedRun run) {
    List<Long> times = new ArrayList<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.State s
          && s.to() == TcpState.SYN_SENT
          && s.cause() == StateCause.OPEN) {
        times.add(s.t());
      }
    }
    return times;
  }

  @Test
  void arrivalsAtATargetLoad_comeAtTheRateLoadTimesBandwidthOverMeanSize() {
    // 1250-byte flows at half of 10 Mbit/s: 500 flows a second, one every 2 ms on average.
    ExperimentConfig config =
        config(
            """
              - {name: web, host: a, connect: "b:80", flows: {count: 1000, size: 1250, load: 0.5, link: a-b}}
            """);
    assertThat(config.clients().get(0).flows().interval()).isEqualTo(Time.millis(2));
    FlowMetrics metrics = new FlowMetrics();
    RecordedRun run = RecordedRun.of(config, metrics);

    List<Long> opens = opens(run);
    assertThat(opens).hasSize(1000);
    double meanGap = (double) (opens.get(999) - opens.get(0)) / 999;
    // 999 exponential gaps of mean 2 ms: the mean's sigma is 2 ms / sqrt(999) = 63 us; 5 sigma.
    assertThat(meanGap).isCloseTo((double) Time.millis(2), within(316_000.0));
    List<FlowsReport.Flow> flows = metrics.report().flows();
    assertThat(flows).hasSize(1000);
    assertThat(flows.get(0).name()).isEqualTo("web#1");
    assertThat(flows.get(999).name()).isEqualTo("web#1000");
    assertThat(flows).allSatisfy(f -> assertThat(f.bytes()).isEqualTo(1250));
    assertThat(flows).allSatisfy(f -> assertThat(f.complete()).isTrue());
    // At least a handshake (2 ms) and the data's round (1 ms, 1.1 ms on the wire) each.
    assertThat(flows).allSatisfy(f -> assertThat(f.fct()).isGreaterThan(Time.millis(3)));
    assertThat(Invariants.check(run.result(), run.result().connections())).isEmpty();
  }

  @Test
  void theFirstArrival_comesOneGapAfterTheClientsStart_andFlowsOverlap() {
    RecordedRun run =
        RecordedRun.of(
            config(
                """
                  - {host: a, connect: "b:80", at: 1s, flows: {count: 50, size: 100KB, interval: 5ms}}
                """));
    List<Long> opens = opens(run);
    assertThat(opens).hasSize(50);
    assertThat(opens.get(0)).isGreaterThan(Time.seconds(1));
    // 100 KB take 80 ms at 10 Mbit/s alone: with arrivals every 5 ms, many are open at once.
    int open = 0;
    int most = 0;
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.State s && s.node() == 0) {
        if (s.cause() == StateCause.OPEN) {
          open++;
        } else if (s.to() == TcpState.CLOSED || s.to() == TcpState.TIME_WAIT) {
          open--;
        }
        most = Math.max(most, open);
      }
    }
    assertThat(most).isGreaterThan(5);
  }

  @Test
  void sizesAndArrivals_drawFromStreamsOfTheirOwn_soChangingTheSizesMovesNoArrival() {
    List<Long> fixed =
        opens(
            RecordedRun.of(
                config(
                    """
                      - {name: web, host: a, connect: "b:80", flows: {count: 20, size: 1000, interval: 20ms}}
                    """)));
    List<Long> drawn =
        opens(
            RecordedRun.of(
                config(
                    """
                      - {name: web, host: a, connect: "b:80", flows: {count: 20, size: {distribution: exponential, mean: 1000}, interval: 20ms}}
                    """)));
    assertThat(drawn).isEqualTo(fixed);
  }
}
