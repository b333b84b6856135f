package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.metrics.FlowMetrics;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * UDP sources pace their datagrams as their kind says (constant bit rate exactly, Poisson with the
 * right mean, on/off only while on), draw from streams of their own, and their sink's counts make
 * the per-flow row.
 */
class UdpSourceTest {
  private static final String NET =
      """
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      links:
        - {a: a, b: b, bandwidth: 100Mbps, delay: 1ms%s}
      udpSinks:
        - {host: b, port: 9}
      udpSources:
      """;

  private static RecordedRun run(String sources) {
    return run("", sources);
  }

  private static RecordedRun run(String link, String sources, EventSink... sinks) {
    return RecordedRun.of(
        ConfigLoader.load("t.yaml", NET.formatted(link) + sources, List.of()), sinks);
  }

  /** The times of the datagrams sent from {@code port}. */
  private static List<Long> sent(RecordedRun run, int port) {
    List<Long> times = new ArrayList<>();
    for (TraceEvent e : run.events()) {
      if (e instanceof TraceEvent.Datagram d
          && d.kind() == EventKind.UDP_SEND
          && d.srcPort() == port) {
        times.add(d.t());
      }
    }
    return times;
  }

  @Test
  void cbr_sendsTheKthDatagramAtStartPlusFloorKTimesSizeOverRate_exactly() {
    RecordedRun run =
        run(
            """
              - {host: a, to: "b:9", localPort: 5000, rate: 3Mbps, size: 1000, at: 7ms, until: 107ms}
            """);
    // 8000 bits at 3 Mbit/s: 2,666,666.67 ns; the k-th at 7 ms + floor(k 8e12 / 3e6) ns.
    List<Long> expected = new ArrayList<>();
    for (long k = 0; Time.millis(7) + k * 8_000_000_000_000L / 3_000_000 < Time.millis(107); k++) {
      expected.add(Time.millis(7) + k * 8_000_000_000_000L / 3_000_000);
    }
    assertThat(expected).hasSize(38);
    assertThat(sent(run, 5000)).containsExactlyElementsOf(expected);
    DatagramFlow flow = run.result().datagramFlows().get(0);
    assertThat(flow.sent()).isEqualTo(38);
    assertThat(flow.received()).isEqualTo(38);
    assertThat(flow.receivedBytes()).isEqualTo(38_000);
  }

  @Test
  void poisson_gapsAverageSizeOverRate_andVaryAsAnExponentialsDo() {
    RecordedRun run =
        run(
            """
              - {host: a, to: "b:9", localPort: 5000, kind: poisson, rate: 8Mbps, size: 1000, until: 4s}
            """);
    List<Long> times = sent(run, 5000);
    int n = times.size() - 1;
    double sum = 0;
    double squares = 0;
    for (int i = 1; i < times.size(); i++) {
      double gap = times.get(i) - times.get(i - 1);
      sum += gap;
      squares += gap * gap;
    }
    double mean = sum / n;
    double sd = Math.sqrt(squares / n - mean * mean);
    // 1 ms on average; about 4000 gaps: the mean's sigma is 1 ms / sqrt(4000) = 15.8 us; 5 sigma.
    assertThat(n).isBetween(3_700, 4_300);
    assertThat(mean).isCloseTo((double) Time.millis(1), within(79_000.0));
    // An exponential's standard deviation is its mean.
    assertThat(sd / mean).isCloseTo(1.0, within(0.1));
  }

  @Test
  void onoff_sendsAtTheRateFromEachOnPeriodsStart_andNothingWhileOff() {
    RecordedRun run =
        run(
            """
              - {host: a, to: "b:9", localPort: 5000, kind: onoff, rate: 8Mbps, size: 1000, on: 10ms, off: 20ms, until: 100ms}
            """);
    List<Long> expected = new ArrayList<>();
    for (long start = 0; start < Time.millis(100); start += Time.millis(30)) {
      for (long t = start; t < start + Time.millis(10); t += Time.millis(1)) {
        expected.add(t);
      }
    }
    assertThat(sent(run, 5000)).containsExactlyElementsOf(expected);
  }

  @Test
  void onoff_withDrawnPeriods_sendsOnlyInsideOnPeriods_andTheSameSeedDrawsTheSame() {
    String source =
        """
          - {host: a, to: "b:9", localPort: 5000, kind: onoff, rate: 8Mbps, size: 1000, until: 5s, on: {distribution: pareto, mean: 50ms, shape: 1.5}, off: {distribution: exponential, mean: 50ms}}
        """;
    List<Long> times = sent(run(source), 5000);
    int gapsOfOneMs = 0;
    int longer = 0;
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i) - times.get(i - 1);
      assertThat(gap).isGreaterThanOrEqualTo(Time.millis(1));
      if (gap == Time.millis(1)) {
        gapsOfOneMs++;
      } else {
        longer++;
      }
    }
    // Half the time on: about 2,500 datagrams; about 50 off-periods in 5 s.
    assertThat(times.size()).isBetween(1_000, 4_000);
    assertThat(longer).isBetween(20, 100);
    assertThat(gapsOfOneMs).isGreaterThan(10 * longer);
    assertThat(sent(run(source), 5000)).isEqualTo(times);
  }

  @Test
  void addingASource_changesNoDrawOfAnother() {
    String mine =
        """
          - {name: mine, host: a, to: "b:9", localPort: 5000, kind: poisson, rate: 1Mbps, until: 1s}
        """;
    String other =
        """
          - {name: other, host: a, to: "b:9", localPort: 6000, kind: poisson, rate: 1Mbps, until: 1s, startJitter: 10ms, count: 2}
        """;
    List<Long> alone = sent(run(mine), 5000);
    List<Long> withOthers = sent(run(other + mine), 5000);
    assertThat(alone).hasSizeGreaterThan(50);
    assertThat(withOthers).isEqualTo(alone);
  }

  @Test
  void aLossyLink_makesTheFlowsRowCountLosses_andItsThroughputIsOverItsSendingTime() {
    FlowMetrics metrics = new FlowMetrics();
    RecordedRun run =
        run(
            ", loss: 0.1",
            """
              - {name: v, host: a, to: "b:9", localPort: 5000, rate: 8Mbps, size: 1000, at: 1s, until: 3s}
            """,
            metrics);
    FlowsReport.Flow flow = metrics.report().flows().get(0);
    assertThat(flow.name()).isEqualTo("v");
    assertThat(flow.isDatagrams()).isTrue();
    assertThat(flow.conn()).isEqualTo("10.0.0.1:5000-10.0.0.2:9");
    assertThat(flow.start()).isEqualTo(Time.seconds(1));
    assertThat(flow.datagramsSent()).isEqualTo(2000);
    long received = flow.datagramsReceived();
    assertThat(received).isBetween(1_700L, 1_900L); // 1800 expected; sigma 13.4
    // Every datagram arrived or was dropped by the end: all are counted.
    assertThat(flow.loss()).isEqualTo((2000 - received) / 2000.0);
    assertThat(flow.bytes()).isEqualTo(received * 1000);
    assertThat(flow.goodput()).isEqualTo(received * 1000 * 8 / 2); // over 2 s
    assertThat(flow.complete()).isFalse();
    assertThat(flow.retransmissions()).isEqualTo(FlowsReport.NONE);
    assertThat(run.result().end()).isLessThan(Time.seconds(4));
  }

  @Test
  void datagramsInFlightWhenTheRunEnds_areNotCountedAsLost() {
    FlowMetrics metrics = new FlowMetrics();
    RecordedRun run =
        run(
            "",
            """
              - {name: v, host: a, to: "b:9", rate: 8Mbps, size: 1000}
            stop: {at: 1s}
            """,
            metrics);
    FlowsReport.Flow flow = metrics.report().flows().get(0);
    assertThat(run.result().end()).isEqualTo(Time.seconds(1));
    // One every ms over 1 ms of delay: the last one or two are on the wire at the end.
    assertThat(flow.datagramsSent()).isGreaterThan(flow.datagramsReceived());
    assertThat(flow.loss()).isZero();
  }

  @Test
  void aCompleteSourcesFlow_hasItsLastArrivalAsCompletionTime() {
    FlowMetrics metrics = new FlowMetrics();
    run(
        "",
        """
          - {name: v, host: a, to: "b:9", rate: 8Mbps, size: 1000, until: 10ms}
        """,
        metrics);
    FlowsReport.Flow flow = metrics.report().flows().get(0);
    assertThat(flow.complete()).isTrue();
    assertThat(flow.loss()).isZero();
    // The 10th datagram leaves at 9 ms: 1028 bytes at 100 Mbit/s (82.24 us), then 1 ms.
    assertThat(flow.fct()).isEqualTo(Time.millis(10) + 82_240);
  }

  @Test
  void aCrashedHost_sendsNoMoreDatagrams() {
    RecordedRun run =
        RecordedRun.of(
            ConfigLoader.load(
                "t.yaml",
                NET.formatted("")
                        .replace("address: 10.0.0.1}", "address: 10.0.0.1, crashAt: 5500us}")
                    + """
                      - {host: a, to: "b:9", localPort: 5000, rate: 8Mbps, size: 1000, until: 1s}
                    """,
                List.of()));
    assertThat(sent(run, 5000)).hasSize(6).last().isEqualTo(Time.millis(5));
    assertThat(run.result().datagramFlows().get(0).stoppedByCrash()).isTrue();
  }
}
