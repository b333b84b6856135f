package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A number in a config, however huge, is read within bounds: a located "out of range" error, given
 * at once, that echoes at most 60 characters of what was written; never an exception, a gigantic
 * message, or a value that wraps around.
 */
class ConfigNumbersTest {
  private static final String RANGE =
      "(a number is 0 or lies between 1e-40 and 1e40 in" + " magnitude)";

  @TempDir Path dir;

  private String error(String text) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new ConfigCase(dir).error(text));
  }

  private String runError(String text, String override) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> new ConfigCase(dir).runError(text, "--set", override));
  }

  private static String link(String keys) {
    return ConfigCase.BASE.replace(
        "- {a: client, b: server}", "- {a: client, b: server, " + keys + "}");
  }

  @Test
  void aHugeExponent_isOutOfRange_inAnyNumericField() {
    assertThat(error(link("loss: 1e999999999")))
        .isEqualTo("netsim: exp.yaml:5:34: links[0].loss: out of range: '1e999999999' " + RANGE);
    assertThat(error(ConfigCase.BASE + "tcp: {mss: 1e999999999}\n"))
        .isEqualTo("netsim: exp.yaml:10:12: tcp.mss: out of range: '1e999999999' " + RANGE);
  }

  @Test
  void aHugeSeed_isOutOfRange() {
    assertThat(error("seed: 1E+2147483647\n" + ConfigCase.BASE))
        .isEqualTo("netsim: exp.yaml:1:7: seed: out of range: '1E+2147483647' " + RANGE);
    assertThat(error("seed: 18446744073709551616\n" + ConfigCase.BASE))
        .isEqualTo(
            "netsim: exp.yaml:1:1: seed: out of range: 18446744073709551616 (expected"
                + " -9223372036854775808 to 9223372036854775807)");
  }

  @Test
  void aTinyNumber_isOutOfRange_too() {
    assertThat(error(link("loss: 1e-999999999")))
        .isEqualTo("netsim: exp.yaml:5:34: links[0].loss: out of range: '1e-999999999' " + RANGE);
  }

  @Test
  void aHugePercentage_isOutOfRange() {
    assertThat(error(link("loss: \"1e999999999%\"")))
        .isEqualTo("netsim: exp.yaml:5:28: links[0].loss: out of range: '1e999999999' " + RANGE);
  }

  @Test
  void twoToThe64_doesNotWrapToZero_forADelayOrABandwidth() {
    assertThat(error(link("delay: 18446744073709551616")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].delay: expected a duration with a unit such as"
                + " \"10ms\" or \"1.5s\"; got the number 18446744073709551616");
    assertThat(error(link("bandwidth: 18446744073709551616")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].bandwidth: expected a rate with a unit such as"
                + " \"10Mbps\" (or 0 for unlimited); got the number 18446744073709551616");
    assertThat(error(link("delay: 18446744073709551616ns")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].delay: out of range: 18446744073709551616ns (a"
                + " duration is at most 1000h, about six weeks)");
    assertThat(error(link("bandwidth: 18446744073709551616bps")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].bandwidth: out of range: '18446744073709551616bps'"
                + " is more than 2^63 bit/s");
  }

  @Test
  void theLongestDelay_cannotOverflowTheRunsClock() {
    assertThat(error(link("delay: 9223372036854775807ns")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].delay: out of range: 9223372036854775807ns (a"
                + " duration is at most 1000h, about six weeks)");
    assertThat(error(ConfigCase.BASE + "stop: {at: 100000h}\n"))
        .isEqualTo(
            "netsim: exp.yaml:10:8: stop.at: out of range: 100000h (a duration is at most 1000h,"
                + " about six weeks)");
    assertThat(error(ConfigCase.BASE.replace("send: 100", "send: 100, close: \"+99999h\"")))
        .isEqualTo(
            "netsim: exp.yaml:9:53: clients[0].close: out of range: 99999h (a duration"
                + " is at most 1000h, about six weeks)");
  }

  @Test
  void aBandwidthAbove10Tbps_isOutOfRange() {
    assertThat(error(link("bandwidth: 1000Tbps")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].bandwidth: out of range: 1000Tbps (a rate is at"
                + " most 10Tbps; above it a full-size packet takes under a nanosecond, the"
                + " simulator's resolution)");
  }

  @Test
  void aNumberOfMoreThan100Characters_isRefused_andNotEchoed() {
    assertThat(error(link("loss: 0." + "1".repeat(1000))))
        .isEqualTo(
            "netsim: exp.yaml:5:34: links[0].loss: out of range: a number of 1002 characters (at"
                + " most 100)");
    assertThat(error(link("bandwidth: \"" + "1".repeat(5000) + "Mbps\"")))
        .isEqualTo(
            "netsim: exp.yaml:5:28: links[0].bandwidth: out of range: a number of 5000"
                + " characters (at most 100)");
  }

  @Test
  void notANumber_andInfinity_areRefused() {
    assertThat(error(link("loss: .nan")))
        .isEqualTo("netsim: exp.yaml:5:34: links[0].loss: not a finite number: .nan");
    assertThat(error(ConfigCase.BASE + "tcp: {mss: -.inf}\n"))
        .isEqualTo("netsim: exp.yaml:10:12: tcp.mss: not a finite number: -.inf");
  }

  @Test
  void aQueueParameterWrittenAsText_isReadAsAFiniteNumber_notAsADouble() {
    assertThat(error(link("queue: {kind: red, min: 1, max: \"Infinity\"}")))
        .isEqualTo("netsim: exp.yaml:5:55: links[0].queue.max: not a number: 'Infinity'");
    assertThat(error(link("queue: {kind: red, min: 1, max: \"1e999999999\"}")))
        .isEqualTo(
            "netsim: exp.yaml:5:55: links[0].queue.max: out of range: '1e999999999' " + RANGE);
    assertThat(error(link("queue: {kind: codel, target: 9223372036854775807ns}")))
        .isEqualTo(
            "netsim: exp.yaml:5:49: links[0].queue.target: out of range: 9223372036854775807ns (a"
                + " duration is at most 1000h, about six weeks)");
  }

  @Test
  void aHugeNumberInAnOverride_isOutOfRange() {
    assertThat(runError(ConfigCase.BASE, "links[0].loss=1e999999999"))
        .isEqualTo(
            "netsim: --set links[0].loss=1e999999999: links[0].loss: out of range: '1e999999999' "
                + RANGE);
  }

  @Test
  void aHugeListIndexInAnOverride_isOutOfRange() {
    assertThat(runError(ConfigCase.BASE, "links[99999999999].delay=5ms"))
        .isEqualTo(
            "netsim: --set links[99999999999].delay=5ms: links: index 99999999999 is out of range"
                + " (the list has 1 entries)");
  }
}
