package netsim.net.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
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
    assertThat(FaultAction.mark().verb()).isEqualTo(Verb.MARK);
  }

  @Test
  void traceName_isTheLowerCaseHyphenatedSpellingOfTracesAndConfigs() {
    assertThat(Verb.values())
        .extracting(Verb::traceName)
        .containsExactly(
            "drop", "delay", "delay-arrival", "hold-until", "hold", "duplicate", "corrupt", "mark");
  }

  /** Parameters from a map, as a config layer would give them. */
  private static FaultAction.Parameters values(Map<String, Long> values) {
    return new FaultAction.Parameters() {
      @Override
      public boolean has(String key) {
        return values.containsKey(key);
      }

      @Override
      public long duration(String key) {
        return values.get(key);
      }

      @Override
      public long integer(String key) {
        return values.get(key);
      }
    };
  }

  private static FaultAction make(String verb, Map<String, Long> parameters) {
    return FaultAction.ACTIONS.get(verb).make().apply(values(parameters));
  }

  @Test
  void actions_areRegisteredUnderTheirTraceNames_inVerbOrder() {
    assertThat(FaultAction.ACTIONS.names())
        .containsExactlyElementsOf(Arrays.stream(Verb.values()).map(Verb::traceName).toList());
    for (Verb verb : Verb.values()) {
      Map<String, Long> parameters = Map.of("delay", 7L, "until", 9L);
      FaultAction made = make(verb.traceName(), parameters);
      assertThat(made.verb()).isEqualTo(verb);
    }
  }

  @Test
  void actions_makeTheActionFromTheirParameters() {
    assertThat(make("drop", Map.of())).isEqualTo(FaultAction.drop());
    assertThat(make("delay", Map.of("delay", 5L))).isEqualTo(FaultAction.delay(5));
    assertThat(make("delay-arrival", Map.of("delay", 6L))).isEqualTo(FaultAction.delayArrival(6));
    assertThat(make("hold-until", Map.of("until", 8L))).isEqualTo(FaultAction.holdUntil(8));
    assertThat(make("hold", Map.of())).isEqualTo(FaultAction.hold());
    assertThat(make("duplicate", Map.of())).isEqualTo(FaultAction.duplicate());
    assertThat(make("corrupt", Map.of())).isEqualTo(FaultAction.corrupt());
    assertThat(make("corrupt", Map.of("bit", 12L))).isEqualTo(FaultAction.corruptBit(12));
  }

  @Test
  void actions_listTheKeysEachTakes_soAConfigCanRefuseAKeyOfAnotherAction() {
    assertThat(FaultAction.ACTIONS.names())
        .filteredOn(verb -> FaultAction.ACTIONS.get(verb).takes("delay"))
        .containsExactly("delay", "delay-arrival");
    assertThat(FaultAction.ACTIONS.names())
        .filteredOn(verb -> FaultAction.ACTIONS.get(verb).takes("until"))
        .containsExactly("hold-until");
    assertThat(FaultAction.ACTIONS.names())
        .filteredOn(verb -> FaultAction.ACTIONS.get(verb).takes("bit"))
        .containsExactly("corrupt");
    assertThat(FaultAction.ACTIONS.get("drop").keys()).isEmpty();
  }

  @Test
  void actions_unknownVerb_failsListingTheKnownOnes() {
    assertThatThrownBy(() -> FaultAction.ACTIONS.get("explode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown action 'explode' (known: drop, delay, delay-arrival, hold-until, hold,"
                + " duplicate, corrupt, mark)");
  }
}
