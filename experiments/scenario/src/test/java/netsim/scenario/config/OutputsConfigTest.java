package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import netsim.core.Time;
import org.junit.jupiter.api.Test;

/** {@code outputs.interval} and {@code outputs.capture}: read, checked, located. */
class OutputsConfigTest {
  private static final String DUMBBELL =
      """
      topology: {kind: dumbbell, pairs: 1}
      listeners:
        - {host: d1, port: 80}
      clients:
        - {host: s1, connect: "d1:80", send: 1000}
      """;

  private static OutputSettings outputs(String outputs) {
    return ConfigLoader.load("t.yaml", DUMBBELL + outputs, List.of()).outputs();
  }

  @Test
  void byDefault_noTimeSeriesAndNoCapturePoint() {
    OutputSettings outputs = outputs("");
    assertThat(outputs.interval()).isZero();
    assertThat(outputs.capture()).isEmpty();
  }

  @Test
  void captureNamesALinkDirectionOrANode_asTheTopologyNamesThem() {
    OutputSettings outputs =
        outputs("outputs: {interval: 100ms, capture: [\"r1 -> r2\", r2, \"d1->r2\"]}\n");
    assertThat(outputs.interval()).isEqualTo(Time.millis(100));
    assertThat(outputs.capture()).containsExactly("r1->r2", "r2", "d1->r2");
    assertThat(OutputSettings.captureFile("r1->r2")).isEqualTo("r1-to-r2.pcap");
  }

  @Test
  void captureNamesALink_capturesItsAToBDirection_theDataDirectionInATopology() {
    assertThat(outputs("outputs: {capture: [bottleneck, s1-r1]}\n").capture())
        .containsExactly("r1->r2", "s1->r1");
  }

  @Test
  void aHostCapturedAlready_isNotCapturedTwice_butIsWhenHostsAreNot() {
    assertThat(outputs("outputs: {capture: [s1, r1]}\n").capture()).containsExactly("r1");
    assertThat(outputs("outputs: {pcap: false, capture: [s1, r1]}\n").capture())
        .containsExactly("s1", "r1");
  }

  @Test
  void anUnknownLinkDirection_isRefusedWhereItIsWritten_withTheKnownOnes() {
    assertThatThrownBy(() -> outputs("outputs:\n  capture: [r1, \"r1->r3\"]\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "t.yaml:7:17: outputs.capture[1]: no link direction 'r1->r3' (known: s1->r1,"
                + " r1->s1, r1->r2, r2->r1, r2->d1, d1->r2)");
  }

  @Test
  void anUnknownNodeOrLink_isRefusedWhereItIsWritten_withTheKnownOnes() {
    assertThatThrownBy(() -> outputs("outputs: {capture: [r3]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "t.yaml:6:21: outputs.capture[0]: no node or link named 'r3' (nodes: r1, r2, s1, d1;"
                + " links: s1-r1, bottleneck, r2-d1; or a link direction 'a->b')");
  }

  @Test
  void twoCapturePointsOfOneFile_areRefused() {
    assertThatThrownBy(() -> outputs("outputs: {capture: [r1, r1]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml:6:25: outputs.capture[1]: its file 'r1.pcap' is capture 'r1' already");
  }

  @Test
  void anIntervalBelowOneMicrosecond_isRefused() {
    assertThatThrownBy(() -> outputs("outputs: {interval: 10ns}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml:6:11: outputs.interval: 0 (no time series) or at least 1us; got 10ns");
  }
}
