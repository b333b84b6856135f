package netsim.explore.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.report.output.TraceWriter;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.Experiment;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * A run and its replay are compared by a fingerprint of their traces: equal for the same run, apart
 * at the first event that differs, blind only to how an impairment shows (rule and dup lines, the
 * cause of an impaired drop).
 */
class TraceFingerprintTest {
  private static TraceFingerprint of(TraceEvent... events) {
    TraceFingerprint fingerprint = new TraceFingerprint();
    for (TraceEvent e : events) {
      fingerprint.accept(e);
    }
    return fingerprint;
  }

  private static TraceEvent.Packet drop(long t, DropCause cause) {
    return drop(t, cause, Ecn.NOT_ECT);
  }

  private static TraceEvent.Packet drop(long t, DropCause cause, Ecn ecn) {
    return new TraceEvent.Packet(
        t, EventKind.DROP, 0, 1, 7, 1, 49152, 2, 80, TcpFlags.SYN, 100, -1, 0, null, cause, ecn);
  }

  private static TraceEvent.Packet send(long t, long seq) {
    return new TraceEvent.Packet(
        t,
        EventKind.SEND,
        0,
        -1,
        7,
        1,
        49152,
        2,
        80,
        TcpFlags.SYN,
        seq,
        -1,
        0,
        TcpState.SYN_SENT,
        null,
        Ecn.NOT_ECT);
  }

  private static TraceFingerprint run(String scenario, String... overrides) {
    ExperimentConfig config =
        ConfigLoader.load(
            scenario + ".yaml", Scenarios.CATALOGUE.get(scenario).text(), List.of(overrides));
    TraceFingerprint fingerprint = new TraceFingerprint();
    new Experiment(config, fingerprint).run();
    return fingerprint;
  }

  @Test
  void theSameRunTwice_hasTheSameFingerprint() {
    TraceFingerprint a = run("lost-final-ack");
    TraceFingerprint b = run("lost-final-ack");
    assertThat(a.compared()).isPositive();
    assertThat(a.firstDifference(b)).isEqualTo(-1);
  }

  @Test
  void runsThatPart_differAtTheFirstEventThatDiffers() {
    TraceFingerprint a = of(send(0, 100), send(5, 200), send(9, 300));
    TraceFingerprint b = of(send(0, 100), send(5, 201), send(9, 300));
    assertThat(a.firstDifference(b)).isEqualTo(1);
    assertThat(a.firstDifference(of(send(0, 100), send(5, 200)))).isEqualTo(2);
    assertThat(of(send(0, 100)).firstDifference(of(send(1, 100)))).isZero();
  }

  @Test
  void packetsThatDifferOnlyInTheirEcnField_differ() {
    assertThat(
            of(drop(3, DropCause.QUEUE, Ecn.ECT_0))
                .firstDifference(of(drop(3, DropCause.QUEUE, Ecn.CE))))
        .isZero();
    assertThat(
            of(drop(3, DropCause.QUEUE, Ecn.ECT_0))
                .firstDifference(of(drop(3, DropCause.QUEUE, Ecn.ECT_0))))
        .isEqualTo(-1);
  }

  @Test
  void impairedDrops_hashAlike_otherCausesDoNot() {
    assertThat(of(drop(3, DropCause.LOSS)).firstDifference(of(drop(3, DropCause.RULE))))
        .isEqualTo(-1);
    assertThat(of(drop(3, DropCause.AQM)).firstDifference(of(drop(3, DropCause.BURST))))
        .isEqualTo(-1);
    assertThat(of(drop(3, DropCause.LOSS)).firstDifference(of(drop(3, DropCause.QUEUE)))).isZero();
  }

  @Test
  void ruleAndDupLines_areLeftOut_butCounted() {
    TraceFingerprint link = of(send(0, 100), new TraceEvent.Duplicate(0, 1, 7, 8), send(1, 100));
    TraceFingerprint rule =
        of(
            send(0, 100),
            new TraceEvent.Rule(0, 0, 0, FaultAction.Verb.DUPLICATE, 7, TcpFlags.SYN, 100, 0),
            send(1, 100));
    assertThat(link.firstDifference(rule)).isEqualTo(-1);
    assertThat(link.compared()).isEqualTo(2);
    assertThat(link.events()).isEqualTo(3);
  }

  @Test
  void theLineOfAnImpairedDrop_namesItsCauseImpaired() {
    RunIndex index = new RunIndex();
    index.nodes().put(0, "client");
    index.links().put(1, "client->server");
    assertThat(TraceFingerprint.line(drop(3, DropCause.LOSS), index))
        .endsWith(",\"cause\":\"impaired\"}")
        .doesNotContain("loss");
  }

  @Test
  void theLineOfAnImpairedDropOfAnEctPacket_keepsItsEcnField() {
    RunIndex index = new RunIndex();
    index.nodes().put(0, "client");
    index.links().put(1, "client->server");
    assertThat(TraceFingerprint.line(drop(3, DropCause.AQM, Ecn.ECT_0), index))
        .isEqualTo(
            TraceWriter.line(drop(3, DropCause.AQM, Ecn.ECT_0), index)
                .replace("\"cause\":\"aqm\"", "\"cause\":\"impaired\""))
        .contains(",\"ecn\":\"ect0\",");
  }
}
