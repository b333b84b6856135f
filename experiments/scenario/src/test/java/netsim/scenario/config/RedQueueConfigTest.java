package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.core.Time;
import netsim.net.link.RedQueue;
import org.junit.jupiter.api.Test;

/** RED's idle rule is reachable from the file: its keys bind into sim-net's spec. */
class RedQueueConfigTest {
  private static RedQueue.Spec bottleneck(String queue) {
    ExperimentConfig config =
        ConfigLoader.load(
            "red.yaml",
            """
            nodes:
              - {name: a, address: 10.0.0.1}
              - {name: b, address: 10.0.0.2}
            links:
              - {a: a, b: b, bandwidth: 10Mbps, queue: %s}
            listeners:
              - {host: b, port: 80}
            clients:
              - {host: a, connect: "b:80"}
            """
                .formatted(queue),
            List.of());
    return (RedQueue.Spec) config.links().get(0).aToB().queue();
  }

  @Test
  void red_byDefault_derivesItsIdlePacketTimeFromA500BytePacket() {
    RedQueue.Spec spec = bottleneck("{kind: red, min: 5, max: 15}");
    assertThat(spec.idlePacketTime()).isZero();
    assertThat(spec.meanPacketSize()).isEqualTo(500);
    assertThat(spec.maxPacketSize()).isEqualTo(1500);
  }

  @Test
  void red_idleKeys_bindIntoTheSpec() {
    RedQueue.Spec spec =
        bottleneck(
            "{kind: red, min: 5, max: 15, idlePacketTime: 1.2ms, meanPacketSize: 1KiB,"
                + " maxPacketSize: 9000}");
    assertThat(spec.idlePacketTime()).isEqualTo(Time.micros(1200));
    assertThat(spec.meanPacketSize()).isEqualTo(1024);
    assertThat(spec.maxPacketSize()).isEqualTo(9000);
  }
}
