package netsim.explore.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.run.Experiment;
import org.junit.jupiter.api.Test;

/**
 * The decisions recorded where sim-net makes them are those the shrinker recorded before, when it
 * reconstructed them from delays and drops: {@code recorded-decisions.txt} holds what that recorder
 * wrote for seeds 1 to 20 of the hunt-random-impairments example with each random impairment (loss,
 * duplication, corruption, jitter, RED) switched on in turn ({@link DecisionCases}), every field of
 * every decision, baseline and count.
 */
class DecisionRecorderTest {
  @Test
  void decisionsRecordedWhereTheyAreMade_equalTheReconstructedOnes_forSeeds1To20OfEachImpairment()
      throws IOException {
    Map<String, String> expected = expected();
    List<String> names = new ArrayList<>();
    for (DecisionCases.Case c : DecisionCases.all()) {
      Experiment experiment = new Experiment(c.config());
      DecisionRecorder recorder = new DecisionRecorder(c.config(), experiment);
      experiment.run();
      names.add(c.name());
      assertThat(DecisionCases.format(c.name(), recorder.schedule()))
          .as(c.name())
          .isEqualTo(expected.get(c.name()));
    }
    assertThat(names).containsExactlyElementsOf(expected.keySet());
  }

  @Test
  void everyImpairment_makesDecisionsOfItsKind_inTheCases() throws IOException {
    // The cases are not vacuous: each impairment shows in the recorded decisions.
    String all = String.join("", expected().values());
    assertThat(all)
        .contains("\n  drop ", "\n  duplicate ", "\n  corrupt ", "\n  delay ")
        .contains("red seed 1: 16 decisions");
  }

  /** The expected schedules by case name, in file order. */
  private static Map<String, String> expected() throws IOException {
    String text;
    try (InputStream in =
        DecisionRecorderTest.class.getResourceAsStream("recorded-decisions.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> cases = new LinkedHashMap<>();
    String name = null;
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.startsWith(" ")) {
        if (name != null) {
          cases.put(name, current.toString());
        }
        name = line.substring(0, line.indexOf(':'));
        current = new StringBuilder();
      }
      current.append(line).append('\n');
    }
    cases.put(name, current.toString());
    return cases;
  }
}
