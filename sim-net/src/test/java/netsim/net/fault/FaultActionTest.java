package netsim.net.fault;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import netsim.net.fault.FaultAction.Verb;
import org.junit.jupiter.api.Test;

class FaultActionTest {

  @Test
  void verb_ofEachAction_isItsOwnConstant() {
    assertThat(FaultAction.drop().verb()).isEqualTo(Verb.DROP);
    assertThat(FaultAction.delay(Time.millis(1)).verb()).isEqualTo(Verb.DELAY);
    assertThat(FaultAction.delayArrival(Time.millis(1)).verb()).isEqualTo(Verb.DELAY_ARRIVAL);
    assertThat(FaultAction.holdUntil(Time.millis(1)).verb()).isEqualTo(Verb.HOLD_UNTIL);
    assertThat(FaultAction.hold().verb()).isEqualTo(Verb.HOLD);
    assertThat(FaultAction.duplicate().verb()).isEqualTo(Verb.DUPLICATE);
    assertThat(FaultAction.corrupt().verb()).isEqualTo(Verb.CORRUPT);
    assertThat(FaultAction.corruptBit(3).verb()).isEqualTo(Verb.CORRUPT);
  }

  @Test
  void traceName_isTheLowerCaseHyphenatedSpellingOfTracesAndConfigs() {
    assertThat(Verb.values())
        .extracting(Verb::traceName)
        .containsExactly(
            "drop", "delay", "delay-arrival", "hold-until", "hold", "duplicate", "corrupt");
  }
}
