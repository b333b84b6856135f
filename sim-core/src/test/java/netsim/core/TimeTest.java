package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeTest {

  @ParameterizedTest(name = "\"{0}\" = {1} ns")
  @CsvSource({
    "0, 0",
    "3ns, 3",
    "250us, 250000",
    "250µs, 250000",
    "10ms, 10000000",
    "10 ms, 10000000",
    "1.5s, 1500000000",
    "2min, 120000000000",
    "1h, 3600000000000",
    "0.000000001s, 1",
    "9223372036854775807ns, 9223372036854775807",
    "1.25MS, 1250000"
  })
  void parse_readsNumberAndUnitExactly(String text, long nanos) {
    assertThat(Time.parse(text)).isEqualTo(nanos);
  }

  @ParameterizedTest(name = "{0} ns prints as \"{1}\"")
  @CsvSource({
    "0, 0s",
    "7, 7ns",
    "250000, 250us",
    "10000000, 10ms",
    "1500000000, 1.5s",
    "120000000000, 120s",
    "1000001, 1.000001ms"
  })
  void format_usesTheLargestUnitNotAboveTheValue(long nanos, String text) {
    assertThat(Time.format(nanos)).isEqualTo(text);
  }

  @Property
  void parse_readsBackWhatFormatPrints(@ForAll @LongRange(min = 0) long nanos) {
    assertThat(Time.parse(Time.format(nanos))).isEqualTo(nanos);
  }

  @Test
  void parse_rejectsNegativeDurations() {
    assertThatThrownBy(() -> Time.parse("-5ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid duration '-5ms': must not be negative");
  }

  @Test
  void parse_rejectsUnknownUnitsAndNamesTheKnownOnes() {
    assertThatThrownBy(() -> Time.parse("3 fortnights"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid duration '3 fortnights': unknown unit 'fortnights' (expected one of ns, us,"
                + " ms, s, min, h)");
  }

  @Test
  void parse_rejectsANumberWithoutUnit() {
    assertThatThrownBy(() -> Time.parse("10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a number and a unit");
  }

  @Test
  void parse_rejectsOverflow() {
    assertThatThrownBy(() -> Time.parse("300 years")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Time.parse("9223372036854775808ns"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> Time.parse("3000000h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void parse_rejectsFractionsOfANanosecond() {
    assertThatThrownBy(() -> Time.parse("1.5ns"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid duration '1.5ns': finer than one nanosecond");
  }

  @Test
  void unitHelpers_rejectOverflow() {
    assertThat(Time.millis(3)).isEqualTo(3_000_000L);
    assertThat(Time.micros(3)).isEqualTo(3_000L);
    assertThat(Time.seconds(3)).isEqualTo(3_000_000_000L);
    assertThatThrownBy(() -> Time.seconds(Long.MAX_VALUE / 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
  }

  @Test
  void after_rejectsNegativeDelayAndOverflow() {
    assertThat(Time.after(5, 7)).isEqualTo(12);
    assertThatThrownBy(() -> Time.after(5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative delay: -1");
    assertThatThrownBy(() -> Time.after(Long.MAX_VALUE - 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time overflow");
  }
}
