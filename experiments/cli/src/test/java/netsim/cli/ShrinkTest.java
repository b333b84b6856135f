package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.explore.hunt.Detectors;
import netsim.scenario.config.YamlDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code netsim shrink} turns a hunted seed into a config of a few targeted rules that anyone can
 * run: it validates, and running it shows the same edge case.
 */
class ShrinkTest {
  private static final Pattern FIND = Pattern.compile("^seed (\\d+): ", Pattern.MULTILINE);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stale-syn", "final-ack-lost"})
  void aHuntedSeed_shrinksToAFewRules_thatValidateAndStillShowTheEdgeCase(String detector)
      throws IOException {
    Cli.Result hunt =
        Cli.run("hunt", HuntTest.EXAMPLE, "--until", detector, "--seeds", "1..40", "--limit", "1");
    Matcher find = FIND.matcher(hunt.out());
    assertThat(find.find()).as(hunt.out()).isTrue();
    Path shrunk = dir.resolve("shrunk.yaml");

    Cli.Result shrink =
        Cli.run(
            "shrink",
            HuntTest.EXAMPLE,
            "--seed",
            find.group(1),
            "--until",
            detector,
            "--out",
            shrunk.toString());
    assertThat(shrink.exit()).as(shrink.out() + shrink.err()).isZero();
    assertThat(shrink.out())
        .containsPattern("recorded \\d+ random decisions")
        .contains("without random streams: the same trace")
        .containsPattern("shrunk: \\d+ decisions -> \\d+ ")
        .contains("ddmin");

    JsonNode rules = YamlDocument.parse("shrunk", Files.readString(shrunk)).root().get("rules");
    assertThat(rules.size()).isBetween(1, 5);
    JsonNode link =
        YamlDocument.parse("shrunk", Files.readString(shrunk)).root().get("links").get(0);
    assertThat(link.has("loss") || link.has("jitter") || link.has("duplicate")).isFalse();

    Cli.Result validate = Cli.run("validate", shrunk.toString());
    assertThat(validate.exit()).as(validate.err()).isZero();
    Path out = dir.resolve("out");
    ScenarioRun.of(out, shrunk.toString());
    assertThat(Detectors.detect(Detectors.get(detector), out)).isNotEmpty();
  }

  @Test
  void shrinkingTheSameSeedTwice_writesTheSameConfig() throws IOException {
    Cli.Result hunt =
        Cli.run(
            "hunt", HuntTest.EXAMPLE, "--until", "stale-syn", "--seeds", "1..40", "--limit", "1");
    Matcher find = FIND.matcher(hunt.out());
    assertThat(find.find()).as(hunt.out()).isTrue();
    Path first = dir.resolve("first.yaml");
    Path second = dir.resolve("second.yaml");
    Cli.Result one =
        Cli.run(
            "shrink",
            HuntTest.EXAMPLE,
            "--seed",
            find.group(1),
            "--until",
            "stale-syn",
            "--out",
            first.toString());
    Cli.Result two =
        Cli.run(
            "shrink",
            HuntTest.EXAMPLE,
            "--seed",
            find.group(1),
            "--until",
            "stale-syn",
            "--out",
            second.toString());
    assertThat(Files.readString(second)).isEqualTo(Files.readString(first));
    assertThat(two.out().replace("second.yaml", "first.yaml")).isEqualTo(one.out());
  }

  @Test
  void aSeedWithoutTheEdgeCase_isRefused() {
    Cli.Result shrink =
        Cli.run(
            "shrink",
            "handshake-and-close",
            "--seed",
            "1",
            "--until",
            "stale-syn",
            "--out",
            dir.resolve("x.yaml").toString());
    assertThat(shrink.exit()).isEqualTo(2);
    assertThat(shrink.err())
        .isEqualTo(
            "netsim: seed 1 does not make stale-syn fire in"
                + " handshake-and-close (find one with 'netsim hunt')\n");
    assertThat(dir.resolve("x.yaml")).doesNotExist();
  }

  @Test
  void aTargetedScenarioWithoutRandomImpairments_keepsItsOwnRules_andShrinksItsTraffic()
      throws IOException {
    Path shrunk = dir.resolve("lost-final-ack.yaml");
    Cli.Result shrink =
        Cli.run(
            "shrink",
            "lost-final-ack",
            "--seed",
            "1",
            "--until",
            "final-ack-lost",
            "--out",
            shrunk.toString());
    assertThat(shrink.exit()).as(shrink.out() + shrink.err()).isZero();
    assertThat(shrink.out())
        .contains("recorded 0 random decisions")
        .contains("traffic: clients[0].send 100 -> 0: still fires");
    JsonNode root = YamlDocument.parse("shrunk", Files.readString(shrunk)).root();
    assertThat(root.get("rules")).hasSize(1);
    assertThat(root.get("rules").get(0).get("name").asText()).isEqualTo("lose-final-ack");
  }
}
