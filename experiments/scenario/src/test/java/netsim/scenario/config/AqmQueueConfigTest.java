package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import netsim.core.Time;
import netsim.net.link.CoDelQueue;
import netsim.net.link.FqCoDelQueue;
import netsim.net.link.PieQueue;
import netsim.net.link.QueueDiscipline;
import netsim.net.link.RedQueue;
import netsim.tcp.EcnMode;
import netsim.tcp.HostProfile;
import org.junit.jupiter.api.Test;

/** The AQM keys (ecn, adaptive, FQ-CoDel's and PIE's) and tcp.ecn bind from the file. */
class AqmQueueConfigTest {
  private static ExperimentConfig load(String tcp, String queue) {
    return ConfigLoader.load(
        "aqm.yaml",
        """
        tcp: %s
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
            .formatted(tcp, queue),
        List.of());
  }

  private static QueueDiscipline.Spec queue(String queue) {
    return load("{}", queue).links().get(0).aToB().queue();
  }

  @Test
  void redsEcnAndAdaptive_bind() {
    assertThat(queue("{kind: red, min: 5, max: 15, ecn: true, adaptive: true}"))
        .isEqualTo(
            RedQueue.Spec.builder()
                .minThreshold(5)
                .maxThreshold(15)
                .ecn(true)
                .adaptive(true)
                .build());
  }

  @Test
  void codelsEcn_binds() {
    assertThat(queue("{kind: codel, ecn: true}"))
        .isEqualTo(new CoDelQueue.Spec(Time.millis(5), Time.millis(100), 1000, true));
  }

  @Test
  void fqCodelsKeys_bind() {
    assertThat(
            queue(
                "{kind: fq-codel, packets: 10240, flows: 64, quantum: 300, target: 2ms, ecn: true}"))
        .isEqualTo(
            FqCoDelQueue.Spec.builder()
                .target(Time.millis(2))
                .flows(64)
                .quantum(300)
                .ecn(true)
                .build());
  }

  @Test
  void piesKeys_bind() {
    assertThat(
            queue(
                "{kind: pie, target: 20ms, updateInterval: 30ms, alpha: 0.25, beta: 2.5,"
                    + " maxBurst: 100ms}"))
        .isEqualTo(
            PieQueue.Spec.builder()
                .target(Time.millis(20))
                .updateInterval(Time.millis(30))
                .alpha(0.25)
                .beta(2.5)
                .maxBurst(Time.millis(100))
                .build());
  }

  @Test
  void aBadAqmValue_isALocatedError() {
    assertThatThrownBy(() -> queue("{kind: fq-codel, flows: 0}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aqm.yaml:")
        .hasMessageContaining("flows");
    assertThatThrownBy(() -> queue("{kind: pie, ecn: maybe}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aqm.yaml:")
        .hasMessageContaining("ecn");
    assertThatThrownBy(() -> queue("{kind: codel, flows: 4}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flows");
  }

  @Test
  void tcpEcn_binds_andTheProfilesSetItsDefault() {
    assertThat(load("{ecn: on}", "{kind: droptail}").tcp().ecn()).isEqualTo(EcnMode.ON);
    assertThat(load("{}", "{kind: droptail}").tcp().ecn()).isEqualTo(EcnMode.OFF);
    assertThat(load("{profile: linux}", "{kind: droptail}").tcp().ecn()).isEqualTo(EcnMode.PASSIVE);
    assertThat(load("{profile: freebsd, ecn: off}", "{kind: droptail}").tcp().ecn())
        .isEqualTo(EcnMode.OFF);
    assertThat(HostProfile.FREEBSD.ecn()).isEqualTo(EcnMode.PASSIVE);
    assertThatThrownBy(() -> load("{ecn: sometimes}", "{kind: droptail}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown ECN mode 'sometimes' (known: off, on, passive)");
  }
}
