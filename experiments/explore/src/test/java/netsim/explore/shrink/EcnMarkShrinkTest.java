package netsim.explore.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import netsim.explore.hunt.Detector;
import netsim.explore.hunt.Watch;
import netsim.scenario.config.Overrides;
import netsim.scenario.config.YamlDocument;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * A failure that only an ECN mark causes ({@link ReplayTest#RED_ECN}: RED marks instead of dropping
 * early, behind endpoints that use ECN), shrunk: a RED queue's marks (RFC 3168 5) are recorded
 * where sim-net makes them, replayed as {@code mark} rules on a drop-tail queue, and reduced like
 * any other decision, down to the one mark that makes the sender cut its window.
 */
class EcnMarkShrinkTest {
  /**
   * The edge case: a connection's slow-start threshold is first set (its window cut for congestion)
   * before the run retransmitted anything, which only an ECN echo does.
   */
  private static final Detector CUT_WITHOUT_LOSS =
      new Detector() {
        @Override
        public String name() {
          return "cut-without-loss";
        }

        @Override
        public String meaning() {
          return "a window cut for congestion before any retransmission";
        }

        @Override
        public Watch watch() {
          return new Watch(Set.of(EventKind.RTX, EventKind.CC)) {
            private boolean retransmitted;
            private boolean cut;

            @Override
            public void accept(TraceEvent event) {
              if (event.kind() == EventKind.RTX) {
                retransmitted = true;
              } else if (event instanceof TraceEvent.Congestion cc
                  && cc.ssthresh() != TraceEvent.NONE
                  && !retransmitted
                  && !cut) {
                cut = true;
                found(cc.t(), "window cut to " + cc.cwnd() + " bytes without a loss");
              }
            }
          };
        }
      };

  @Test
  void aFailureCausedByARedMark_shrinksToThatOneMark_replayedAsAMarkRule() {
    YamlDocument document = YamlDocument.parse("red-ecn.yaml", ReplayTest.RED_ECN);
    Overrides.apply(document, List.of("seed=1"));
    List<String> log = new ArrayList<>();

    Shrinker.Result result = new Shrinker("test", document, CUT_WITHOUT_LOSS, log::add).shrink();

    assertThat(result.replayDifference()).as("the marks replay the run exactly").isNull();
    assertThat(result.recorded()).as("RED marked more than once").isGreaterThan(1);
    assertThat(result.decisions()).extracting(Decision::kind).containsExactly(Decision.Kind.MARK);
    assertThat(result.yaml()).contains("action: mark").contains("kind: droptail");
    assertThat(result.detection().description()).contains("without a loss");
  }
}
