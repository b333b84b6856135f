package netsim.explore.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each detector fires on the built-in scenario that shows its edge case, with a description that
 * names the endpoints and times, and stays silent on the ordinary handshake-and-close.
 */
class DetectorsTest {
  static Stream<Arguments> positives() {
    return Stream.of(
        Arguments.of(
            "stale-syn",
            "stale-syn",
            "stale SYN 10.0.0.1:49152 > 10.0.0.2:80 (sent at 0s)"
                + " reached server's listener at 10.05s, 7.55s after the connection that sent it"
                + " closed"),
        Arguments.of(
            "final-ack-lost",
            "lost-final-ack",
            "final ACK lost: client's ACK from"
                + " TIME_WAIT 10.0.0.1:49152 > 10.0.0.2:80 was dropped at 900ms (rule); server"
                + " retransmitted its FIN at 1.85s"),
        Arguments.of(
            "simultaneous-open",
            "simultaneous-open",
            "simultaneous open: b's"
                + " 10.0.0.2:6000-10.0.0.1:5000 went SYN_SENT -> SYN_RECEIVED at 50ms (rcv SYN)"),
        Arguments.of(
            "simultaneous-close",
            "simultaneous-close",
            "simultaneous close: server's"
                + " 10.0.0.2:80-10.0.0.1:49152 went FIN_WAIT_1 -> CLOSING at 1.05s (rcv FIN|ACK)"),
        Arguments.of(
            "half-open",
            "half-open",
            "half-open: client's 10.0.0.1:49152-10.0.0.2:80"
                + " was ESTABLISHED while server had no connection for it; server answered RST at"
                + " 2.15s"),
        Arguments.of(
            "syn-in-time-wait",
            "syn-in-time-wait",
            "SYN in TIME-WAIT: SYN"
                + " 10.0.0.1:5000 > 10.0.0.2:80 reached server's 10.0.0.2:80-10.0.0.1:5000 in"
                + " TIME_WAIT at 1.55s"),
        Arguments.of(
            "challenge-ack",
            "challenge-ack",
            "challenge ACK: server's"
                + " 10.0.0.2:80-10.0.0.1:49152 in ESTABLISHED answered SYN from 10.0.0.1:49152 with"
                + " an ACK at 2.05s"),
        Arguments.of(
            "data-violation",
            "two-way-handshake",
            "invariant violated: server"
                + " 10.0.0.2:80-10.0.0.1:49152: left in ESTABLISHED when the run ended"));
  }

  @ParameterizedTest(name = "{0} fires on {1}")
  @MethodSource("positives")
  void detectorFiresOnItsScenario_withADescriptionOfWhatHappened(
      String detector, String scenario, String firstDescription) {
    List<Detection> found = Runs.detect(Detectors.get(detector), scenario);
    assertThat(found).isNotEmpty();
    assertThat(found.get(0).description()).startsWith(firstDescription);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("positives")
  void aWatchSeesOnlyItsKinds_andFindsWhatItWouldFindInEveryEvent(
      String detector, String scenario) {
    Watch watch = Detectors.get(detector).watch();
    Watch everything = Detectors.get(detector).watch();
    EventSink all =
        new EventSink() {
          @Override
          public void start(RunIndex index) {
            everything.start(index);
          }

          @Override
          public void accept(TraceEvent event) {
            everything.accept(event);
          }

          @Override
          public void end(RunResult result) {
            everything.end(result);
          }
        };
    new Experiment(Runs.scenario(scenario), watch, all).run();
    assertThat(watch.kinds()).isNotEqualTo(EnumSet.allOf(EventKind.class));
    assertThat(watch.detections()).isNotEmpty().isEqualTo(everything.detections());
  }

  static Stream<String> detectors() {
    return Detectors.REGISTRY.names().stream();
  }

  @ParameterizedTest(name = "{0} is silent on handshake-and-close")
  @MethodSource("detectors")
  void detectorIsSilentOnAnOrdinaryHandshakeAndClose(String detector) {
    assertThat(Runs.detect(Detectors.get(detector), "handshake-and-close")).isEmpty();
  }

  @Test
  void everyDetectorHasAPositiveTest() {
    assertThat(positives().map(a -> (String) a.get()[0]))
        .containsExactlyElementsOf(Detectors.REGISTRY.names());
  }

  @Test
  void anUnknownDetector_isRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> Detectors.get("stale-sin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown detector 'stale-sin' (known: stale-syn, final-ack-lost,"
                + " simultaneous-open, simultaneous-close, half-open, syn-in-time-wait, challenge-ack,"
                + " data-violation)");
  }

  @Test
  void staleSyn_doesNotFireWhenTheOldSynArrivesWhileItsConnectionLives() {
    // The old SYN, held 2 s, arrives while the connection it opened is still established.
    assertThat(Runs.detect(Detectors.get("stale-syn"), "challenge-ack")).isEmpty();
  }

  @Test
  void finalAckLost_needsTheFinRetransmission_notJustALostAck() {
    // no-time-wait loses the final ACK too, but the client is gone: the FIN draws a RST.
    List<Detection> found = Runs.detect(Detectors.get("final-ack-lost"), "no-time-wait");
    assertThat(found).hasSize(1); // the FIN is retransmitted, then reset
    assertThat(Runs.detect(Detectors.get("final-ack-lost"), "lost-syn")).isEmpty();
  }
}
