package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every name a config gives (the experiment, nodes, links, fault rules) may become a file name or a
 * trace field, so it must follow one rule: 1 to 64 ASCII letters, digits, '-', '_' and '.', not
 * starting with '.'. validate (and so run, sweep and shrink) refuses any other, located.
 */
class ConfigNamesTest {
  private static final String RULE =
      "a name has 1 to 64 ASCII letters, digits, '-', '_' and"
          + " '.', not starting with '.' (names become file names and trace fields)";

  @TempDir Path dir;

  private String error(String text) {
    return new ConfigCase(dir).error(text);
  }

  private static String withServerNamed(String name) {
    return ConfigCase.BASE.replace("- {name: server,", "- {name: " + name + ",");
  }

  @Test
  void aNodeNamedLikeAPathOutsideTheOutputDirectory_isRefused() {
    assertThat(error(withServerNamed("\"/../../../../tmp/x/PWNED\"")))
        .isEqualTo(
            "netsim: exp.yaml:3:6: nodes[1].name: not a valid name: '/../../../../tmp/x/PWNED'; "
                + RULE);
  }

  @Test
  void anExperimentNamedLikeAPath_isRefused_soTheDefaultOutputStaysUnderOut() {
    assertThat(error("name: \"../../../../tmp/x/OUT\"\n" + ConfigCase.BASE))
        .isEqualTo(
            "netsim: exp.yaml:1:1: name: not a valid name: '../../../../tmp/x/OUT'; " + RULE);
  }

  @Test
  void aHostNameWithNul_isRefused_andTheNulShownEscaped() {
    assertThat(error(withServerNamed("\"ser\\0ver\"")))
        .isEqualTo(
            "netsim: exp.yaml:3:6: nodes[1].name: not a valid name: 'ser\\u0000ver'; " + RULE);
  }

  @Test
  void aHostNameWithASlash_isRefused() {
    assertThat(error(withServerNamed("a/b")))
        .isEqualTo("netsim: exp.yaml:3:6: nodes[1].name: not a valid name: 'a/b'; " + RULE);
  }

  @Test
  void aHostNameOfMoreThan255Bytes_isRefused_andEchoedCut() {
    String longName = "s".repeat(300);
    assertThat(error(withServerNamed(longName)))
        .isEqualTo(
            "netsim: exp.yaml:3:6: nodes[1].name: not a valid name: '"
                + "s".repeat(60)
                + "...' (300 characters); "
                + RULE);
  }

  @Test
  void aNameOf64Characters_isAccepted_and65AreNot() {
    String name = "n".repeat(64);
    String text =
        withServerNamed(name)
            .replace("server:80", name + ":80")
            .replace("b: server", "b: " + name)
            .replace("host: server", "host: " + name);
    assertThat(new ConfigCase(dir).warnings(text)).isEmpty();
    assertThat(error(withServerNamed("n".repeat(65))))
        .startsWith("netsim: exp.yaml:3:6: nodes[1].name: not a valid name: '");
  }

  @Test
  void aHiddenName_isRefused() {
    assertThat(error(withServerNamed(".server")))
        .isEqualTo("netsim: exp.yaml:3:6: nodes[1].name: not a valid name: '.server'; " + RULE);
  }

  @Test
  void linkAndRuleNames_followTheSameRule() {
    assertThat(
            error(
                ConfigCase.BASE.replace(
                    "- {a: client, b: server}", "- {name: \"up link\", a: client, b: server}")))
        .isEqualTo("netsim: exp.yaml:5:6: links[0].name: not a valid name: 'up link'; " + RULE);
    assertThat(
            error(
                ConfigCase.BASE + "rules:\n  - {name: \"drop\\nall\", on: client, action: drop}\n"))
        .isEqualTo("netsim: exp.yaml:11:6: rules[0].name: not a valid name: 'drop\\nall'; " + RULE);
  }
}
