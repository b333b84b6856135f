package netsim.explore.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import netsim.net.link.Jitter;
import netsim.net.link.LossModel;
import netsim.net.packet.DropCause;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Overrides;
import netsim.scenario.config.YamlDocument;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.Experiment;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run's random impairment decisions, replayed as targeted rules with every random impairment
 * switched off, reproduce the run: the same trace, event for event, apart from how an impairment
 * shows in it (a rule's drop or duplication instead of the link's).
 */
class ReplayTest {
  static final Path EXAMPLE =
      Path.of(
          System.getProperty("netsim.root"),
          "experiments",
          "examples",
          "hunt-random-impairments.yaml");

  /** Every kind of decision on a routed, bandwidth-limited path with a bulk transfer. */
  static final String KITCHEN_SINK =
      """
      name: kitchen-sink
      tcp: {msl: 1s, minRto: 200ms}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: r1, kind: router}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: r1, bandwidth: 10Mbps, delay: 5ms, jitter: 3ms, loss: 0.02,
           duplicate: 0.03, corrupt: 0.02}
        - name: wan
          a: r1
          b: server
          bandwidth: 5Mbps
          delay: 20ms
          jitter: 10ms
          reorder: 0.05
          reorderGap: 3
          a_to_b: {loss: 0.02, corrupt: 0.01}
          b_to_a: {duplicate: 0.05, jitterReorders: true}
      changes:
        - {at: 400ms, link: wan, set: {delay: 30ms, loss: 0.03}}
      listeners:
        - {host: server, port: 80, send: 20KB, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 30KB, close: done, connections: 2}
      """;

  /** A bottleneck with a RED queue, bursty loss and heavy-tailed jitter. */
  static final String RED_PARETO =
      """
      name: red-pareto
      tcp: {minRto: 200ms}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - a: client
          b: server
          bandwidth: 2Mbps
          delay: 20ms
          jitter: 5ms
          jitterDistribution: pareto
          a_to_b:
            queue: {kind: red, packets: 40, min: 2, max: 6, probability: 0.2, weight: 0.2}
            loss: {model: gilbert-elliott, p: 0.01, r: 0.3}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 150KB, close: done}
      """;

  /**
   * A bottleneck whose RED queue marks ECN-capable packets instead of dropping them early (RFC 3168
   * 5), behind endpoints that use ECN: the marks are decisions too.
   */
  static final String RED_ECN =
      """
      name: red-ecn
      tcp: {minRto: 200ms, ecn: on}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - a: client
          b: server
          bandwidth: 2Mbps
          delay: 20ms
          a_to_b:
            queue: {kind: red, packets: 100, min: 2, max: 20, probability: 0.2, weight: 0.2, ecn: true}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", send: 150KB, close: done}
      """;

  /**
   * Seeds 1 to 20 of the example, 1 to 6 of the kitchen sink, 1 to 3 of red-pareto and of red-ecn.
   */
  static List<Object[]> cases() throws IOException {
    String example = Files.readString(EXAMPLE);
    List<Object[]> cases = new ArrayList<>();
    LongStream.rangeClosed(1, 20).forEach(s -> cases.add(new Object[] {"example", example, s}));
    LongStream.rangeClosed(1, 6)
        .forEach(s -> cases.add(new Object[] {"kitchen-sink", KITCHEN_SINK, s}));
    LongStream.rangeClosed(1, 3)
        .forEach(s -> cases.add(new Object[] {"red-pareto", RED_PARETO, s}));
    LongStream.rangeClosed(1, 3).forEach(s -> cases.add(new Object[] {"red-ecn", RED_ECN, s}));
    return cases;
  }

  @ParameterizedTest(name = "{0} seed {2}")
  @MethodSource("cases")
  void replayingEveryDecisionAsRules_reproducesTheTrace(String name, String yaml, long seed) {
    YamlDocument document = YamlDocument.parse(name + ".yaml", yaml);
    Overrides.apply(document, List.of("seed=" + seed));
    ExperimentConfig config = ReplayConfig.bind(document);
    TraceFingerprint original = new TraceFingerprint();
    long[] aqmDrops = {0};
    EventSink aqm =
        e -> {
          if (e instanceof TraceEvent.Packet p && p.cause() == DropCause.AQM) {
            aqmDrops[0]++;
          }
        };
    Experiment experiment = new Experiment(config, original, aqm);
    DecisionRecorder recorder = new DecisionRecorder(config, experiment);
    experiment.run();
    FaultSchedule schedule = recorder.schedule();
    assertThat(schedule.decisions()).isNotEmpty();
    if (name.equals("red-pareto")) {
      assertThat(aqmDrops[0]).as("RED's early drops are among the decisions").isPositive();
    }
    if (name.equals("red-ecn")) {
      assertThat(schedule.decisions())
          .as("RED's marks are among the decisions")
          .anyMatch(d -> d.kind() == Decision.Kind.MARK);
    }
    assertThat(schedule.unreplayable()).isZero();

    ReplayConfig replay = new ReplayConfig(name, document.root(), config, schedule);
    ExperimentConfig replayConfig =
        ReplayConfig.bind(replay.document(schedule.decisions(), List.of()));
    assertThat(replayConfig.links())
        .allSatisfy(
            link -> {
              assertThat(link.aToB().loss()).isEqualTo(LossModel.NONE);
              assertThat(link.aToB().jitter()).isEqualTo(Jitter.NONE);
              assertThat(link.aToB().namedQueue().kind()).isEqualTo("droptail");
              assertThat(link.bToA().duplicate()).isZero();
            });
    TraceFingerprint replayed = new TraceFingerprint();
    new Experiment(replayConfig, replayed).run();
    assertThat(original.firstDifference(replayed)).as("the first event that differs").isEqualTo(-1);
  }
}
