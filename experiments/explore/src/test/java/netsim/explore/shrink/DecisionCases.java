package netsim.explore.shrink;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Overrides;
import netsim.scenario.config.YamlDocument;

/**
 * The runs whose recorded decisions {@code DecisionRecorderTest} pins: seeds 1 to 20 of the
 * hunt-random-impairments example with all its random impairments off but one, in turn.
 */
final class DecisionCases {
  private DecisionCases() {}

  /** Every impairment off. */
  private static final List<String> QUIET =
      List.of("links[0].loss=0", "links[0].duplicate=0", "links[0].jitter=0ms");

  /** The impairments, each as the overrides that switch it on. */
  static final List<List<String>> IMPAIRMENTS =
      List.of(
          List.of("loss", "links[0].loss=0.04"),
          List.of("duplicate", "links[0].duplicate=0.03"),
          List.of("corrupt", "links[0].corrupt=0.02"),
          List.of("jitter", "links[0].jitter=150ms"),
          List.of(
              "red",
              "links[0].bandwidth=200kbps",
              "links[0].queue={kind: red, min: 1, max: 4, packets: 12, weight: 0.2, probability: 0.1}",
              "clients[0].send=30000",
              "listeners[0].send=30000"));

  /** One case: its name ("loss seed 3") and its config. */
  record Case(String name, ExperimentConfig config) {}

  static List<Case> all() throws IOException {
    String example = Files.readString(ReplayTest.EXAMPLE);
    List<Case> cases = new ArrayList<>();
    for (List<String> impairment : IMPAIRMENTS) {
      for (long seed = 1; seed <= 20; seed++) {
        YamlDocument document = YamlDocument.parse("hunt-random-impairments.yaml", example);
        List<String> overrides = new ArrayList<>(QUIET);
        overrides.addAll(impairment.subList(1, impairment.size()));
        overrides.add("seed=" + seed);
        Overrides.apply(document, overrides);
        cases.add(new Case(impairment.get(0) + " seed " + seed, ReplayConfig.bind(document)));
      }
    }
    return cases;
  }

  /** A schedule as text, one line per baseline and decision, every field written out. */
  static String format(String name, FaultSchedule schedule) {
    StringBuilder text =
        new StringBuilder(name)
            .append(": ")
            .append(schedule.decisions().size())
            .append(" decisions, ")
            .append(schedule.unreplayable())
            .append(" unreplayable\n");
    for (FaultSchedule.Baseline b : schedule.baselines()) {
      text.append("  baseline ").append(b.direction()).append(' ').append(b.delay()).append('\n');
    }
    for (Decision d : schedule.decisions()) {
      text.append("  ")
          .append(d.kind().verb())
          .append(' ')
          .append(d.packet().describe())
          .append(" delay=")
          .append(d.delay())
          .append(" bit=")
          .append(d.bit())
          .append(" t=")
          .append(d.time())
          .append('\n');
    }
    return text.toString();
  }
}
