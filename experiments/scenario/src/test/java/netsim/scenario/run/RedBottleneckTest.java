package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.core.Time;
import netsim.net.PacketObserver;
import netsim.net.link.LinkDirection;
import netsim.net.packet.Packet;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * Two bulk TCP flows (NewReno and CUBIC) through a RED bottleneck keep the link busy for the whole
 * run: RED's average ages while the link is idle, so a queue that once overflowed does not leave
 * RED dropping every retransmission for good (issue 14: both flows stopped after 0.4 s).
 */
class RedBottleneckTest {
  private static final long SECONDS = 20;
  private static final long BANDWIDTH = 10_000_000;

  /**
   * The experiment: a 10 Mbit/s bottleneck with RED 5..15 of 50 packets, 1 MiB windows, a
   * 24 ms round trip. Before the idle rule both flows stopped within the first second.
   */
  private static final String DUMBBELL =
      """
      stop: {at: 20s}
      tcp: {receiveBuffer: 1MiB, minRto: 200ms}
      nodes:
        - {name: s1, address: 10.0.0.1}
        - {name: s2, address: 10.0.0.2, tcp: {congestionControl: cubic}}
        - {name: r1, kind: router}
        - {name: r2, kind: router}
        - {name: d1, address: 10.0.1.1}
        - {name: d2, address: 10.0.1.2}
      links:
        - {a: s1, b: r1, bandwidth: 100Mbps, delay: 1ms}
        - {a: s2, b: r1, bandwidth: 100Mbps, delay: 1ms}
        - name: bottleneck
          a: r1
          b: r2
          bandwidth: 10Mbps
          delay: 10ms
          queue: {kind: red, packets: 50, min: 5, max: 15}
        - {a: r2, b: d1, delay: 1ms}
        - {a: r2, b: d2, delay: 1ms}
      listeners:
        - {host: d1, port: 80}
        - {host: d2, port: 80}
      clients:
        - {host: s1, connect: "d1:80", send: 100MB}
        - {host: s2, connect: "d2:80", send: 100MB}
      invariants: {allClosed: false}
      """;

  /** Bytes each sender (s1, s2) put through the bottleneck, per second of the run. */
  private static long[][] bytesPerSecond(long seed) {
    ExperimentConfig config = ConfigLoader.load("red.yaml", DUMBBELL, List.of("seed=" + seed));
    Experiment experiment = new Experiment(config);
    long[][] bytes = new long[2][(int) SECONDS];
    experiment.observe(
        new PacketObserver() {
          @Override
          public void onTransmit(long time, LinkDirection link, Packet packet) {
            if (link.name().equals("r1->r2") && time < SECONDS * Time.SECOND) {
              int sender = (packet.source().bits() & 0xff) - 1;
              bytes[sender][(int) (time / Time.SECOND)] += packet.totalLength();
            }
          }
        });
    experiment.run();
    return bytes;
  }

  @Test
  void twoFlowsThroughRed_keepSendingEverySecond_andFillTheBottleneck() {
    for (long seed = 1; seed <= 4; seed++) {
      long[][] bytes = bytesPerSecond(seed);
      long total = 0;
      for (int second = 0; second < SECONDS; second++) {
        for (int flow = 0; flow < 2; flow++) {
          assertThat(bytes[flow][second])
              .as("seed %s: bytes of flow s%s in second %s", seed, flow + 1, second)
              .isGreaterThan(BANDWIDTH / 8 / 20);
          if (second >= 2) {
            total += bytes[flow][second];
          }
        }
      }
      double utilization = total * 8.0 / (BANDWIDTH * (SECONDS - 2));
      assertThat(utilization)
          .as("seed %s: utilization after the first 2 s", seed)
          .isGreaterThan(0.95);
    }
  }
}
