package netsim.scenario.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.metrics.FlowsReport.LinkUse;
import netsim.scenario.metrics.FlowsReport.QueueUse;
import netsim.scenario.run.Experiment;
import org.junit.jupiter.api.Test;

/**
 * The queue metrics and the time series of a run whose every packet time is known: three full-size
 * segments at once into a 12 Mbit/s link, where each takes exactly 1 ms to send.
 */
class TimeSeriesTest {
  /**
   * The client is established at 2 × (10 ms + 29 334 ns for a 44-byte SYN or SYN-ACK) = 20.058668
   * ms and writes 4380 bytes (its initial window, three segments of 1500 bytes on the wire) 100 ms
   * later, at T = 120.058668 ms: they wait 0, 1 and 2 ms. A link change at 200 ms keeps the run
   * going to its stop at 150 ms.
   */
  private static final String THREE_SEGMENTS =
      """
      tcp: {timestamps: false, windowScaling: false, receiveBuffer: 65535}
      stop: {at: 150ms}
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      links:
        - {a: a, b: b, delay: 10ms, bandwidth: 12Mbps}
      changes:
        - {at: 200ms, link: a-b, set: {delay: 10ms}}
      listeners:
        - {host: b, port: 80}
      clients:
        - {name: bulk, host: a, connect: "b:80", send: 4380, sendAt: "+100ms", close: never}
      invariants: {allClosed: false}
      """;

  private static final long T = Time.millis(120) + 58_668;

  /** Runs {@code text} with flow and link metrics, and a time series every {@code interval}. */
  private static String series(String text, long interval) {
    ExperimentConfig config = ConfigLoader.load("t.yaml", text, List.of());
    StringBuilder out = new StringBuilder();
    LinkMetrics links = new LinkMetrics();
    FlowMetrics measured = new FlowMetrics(links);
    TimeSeries series = new TimeSeries(interval, out, measured, links);
    Experiment experiment = new Experiment(config, series, measured);
    experiment.observe(links);
    series.names(experiment.apps());
    experiment.run();
    return out.toString();
  }

  @Test
  void threeSegmentsAtOnce_waitZeroOneAndTwoMilliseconds_andTheQueueHeldTwoAtMost() {
    LinkMetrics links = new LinkMetrics();
    FlowMetrics flows = new FlowMetrics(links);
    ExperimentConfig config = ConfigLoader.load("t.yaml", THREE_SEGMENTS, List.of());
    Experiment experiment = new Experiment(config, flows);
    experiment.observe(links);
    experiment.run();
    LinkUse forth = flows.report().links().get(0);
    assertThat(forth.direction()).isEqualTo("a->b");
    // SYN, ACK and the first segment find the link idle; the others wait 1 and 2 ms. From the
    // SYN (0) to the last change (T + 2 ms) the queue held 2 packets for 1 ms, 1 for 1 ms.
    assertThat(forth.queue())
        .isEqualTo(
            new QueueUse(
                3.0e6 / (T + Time.millis(2)),
                1,
                2,
                5,
                Time.micros(600),
                0,
                Time.millis(2),
                Time.millis(2)));
    LinkUse back = flows.report().links().get(1);
    // The SYN-ACK and three ACKs of 40 bytes, each sent long before the next.
    assertThat(back.queue()).isEqualTo(new QueueUse(0.0, 0, 1, 4, 0, 0, 0, 0));
  }

  @Test
  void aDirectionNoPacketJoined_hasAnEmptyQueue() {
    FlowMetrics flows = new FlowMetrics(new LinkMetrics());
    ExperimentConfig config = ConfigLoader.load("t.yaml", THREE_SEGMENTS, List.of());
    new Experiment(config, flows).run(); // the link metrics observe nothing
    assertThat(flows.report().links().get(0).queue()).isEqualTo(QueueUse.EMPTY);
  }

  @Test
  void everyInterval_writesEachMeasure_andAnIdleIntervalNothing() {
    assertThat(series(THREE_SEGMENTS, Time.millis(50)))
        .isEqualTo(
            """
            t,entity,metric,value
            0,a->b,queue,0
            0,a->b,sojourn,0
            0,a->b,drops,0
            0,a->b,throughput,13440
            0,b->a,queue,0
            0,b->a,sojourn,0
            0,b->a,drops,0
            0,b->a,throughput,7040
            100000000,bulk/up,throughput,700800
            100000000,bulk/up,cwnd,8760
            100000000,bulk/up,rtt,22026667
            100000000,a->b,queue,0.06
            100000000,a->b,sojourn,1000000
            100000000,a->b,drops,0
            100000000,a->b,throughput,720000
            100000000,b->a,queue,0
            100000000,b->a,sojourn,0
            100000000,b->a,drops,0
            100000000,b->a,throughput,19200
            """);
  }

  @Test
  void aDirectionThatMarkedAPacket_hasMarksRowsFromThatIntervalOn() {
    String marking =
        THREE_SEGMENTS.replace("tcp: {", "tcp: {ecn: on, ")
            + """
            rules:
              - {on: "a->b", match: {dataLength: {min: 1}}, select: nth 1, action: mark}
            """;
    String series = series(marking, Time.millis(50));
    // The first data segment is marked at T, in the interval from 100 ms; none before.
    assertThat(series)
        .contains("100000000,a->b,drops,0\n100000000,a->b,marks,1\n")
        .doesNotContain("\n0,a->b,marks", "b->a,marks");
  }

  @Test
  void aMarkedPacket_isCountedInItsLinkDirectionsUse() {
    String marking =
        THREE_SEGMENTS.replace("tcp: {", "tcp: {ecn: on, ")
            + """
            rules:
              - {on: "a->b", match: {dataLength: {min: 1}}, select: nth 1, action: mark}
            """;
    LinkMetrics links = new LinkMetrics();
    FlowMetrics flows = new FlowMetrics(links);
    Experiment experiment = new Experiment(ConfigLoader.load("t.yaml", marking, List.of()), flows);
    experiment.observe(links);
    experiment.run();
    assertThat(flows.report().links().get(0).marked()).isEqualTo(1);
    assertThat(flows.report().links().get(1).marked()).isZero();
  }

  @Test
  void theSameRunTwice_writesTheSameSeries() {
    String bulk =
        """
        tcp: {minRto: 200ms}
        nodes:
          - {name: a, address: 10.0.0.1}
          - {name: r, kind: router}
          - {name: b, address: 10.0.0.2}
        links:
          - {a: a, b: r, delay: 1ms}
          - {a: r, b: b, delay: 10ms, bandwidth: 5Mbps, queue: {packets: 20}, loss: 0.01}
        listeners:
          - {host: b, port: 80, send: 20KB}
        clients:
          - {name: up, host: a, connect: "b:80", send: 300KB, count: 2}
        """;
    String first = series(bulk, Time.millis(20));
    assertThat(series(bulk, Time.millis(20))).isEqualTo(first);
    assertThat(first).contains(",up.1/up,throughput,", ",up.2/down,rtt,", ",r->b,drops,1");
  }
}
