package netsim.explore.shrink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.ConfigBinder;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.LinkSettings;
import netsim.scenario.config.Overrides;
import netsim.scenario.config.YamlDocument;
import netsim.scenario.config.YamlWriter;

/**
 * A config document that replays some of a schedule's decisions without random streams: the
 * original document (its comments aside) with every random impairment key removed from the impaired
 * links (and from their scheduled changes and the link defaults), each impaired direction's fixed
 * delay set to its baseline, the decisions appended as rules, and traffic edits ({@code
 * clients[0].connections=2}) applied on top. A RED or PIE queue becomes a drop-tail queue of the
 * same limit, its early drops and ECN marks being decisions too. {@code jitterReorders} stays: it
 * decides whether a packet delayed by a rule may be overtaken, as it did for the jitter; only a
 * link that reordered (netem's reorder skips that check) gets {@code jitterReorders: true}, so that
 * every recorded arrival time is kept.
 */
final class ReplayConfig {
  /** The link keys that draw random numbers; {@code delay} goes too and is set to the baseline. */
  static final List<String> RANDOM_KEYS =
      List.of(
          "loss", "duplicate", "corrupt", "jitter", "jitterDistribution", "reorder", "reorderGap");

  private final String name;
  private final JsonNode original;
  private final ExperimentConfig config;
  private final FaultSchedule schedule;

  /**
   * @param name the file name that messages show
   * @param original the document's tree, overrides and seed applied
   * @param config what {@code original} binds to
   */
  ReplayConfig(String name, JsonNode original, ExperimentConfig config, FaultSchedule schedule) {
    this.name = name;
    this.original = original;
    this.config = config;
    this.schedule = schedule;
  }

  ExperimentConfig original() {
    return config;
  }

  /** The replay of {@code decisions} with {@code traffic} edits, as a document. */
  YamlDocument document(List<Decision> decisions, List<String> traffic) {
    ObjectNode root = original.deepCopy();
    neutralize(root);
    ScheduleRules.Compiled compiled = ScheduleRules.compile(decisions, config);
    if (!compiled.rules().isEmpty()) {
      JsonNode existing = root.get("rules");
      ArrayNode rules = existing instanceof ArrayNode list ? list : root.putArray("rules");
      compiled.rules().forEach(rules::add);
    }
    YamlDocument document = YamlDocument.parse(name, YamlWriter.write(root));
    Overrides.apply(document, traffic);
    return document;
  }

  /** The config of a replay document. */
  static ExperimentConfig bind(YamlDocument document) {
    return ConfigBinder.bind(document, ConfigLoader.reference());
  }

  /** The rules {@code decisions} become, with the decision each replays. */
  ScheduleRules.Compiled rules(List<Decision> decisions) {
    return ScheduleRules.compile(decisions, config);
  }

  private void neutralize(ObjectNode root) {
    List<String> impaired = schedule.links();
    if (impaired.isEmpty()) {
      return;
    }
    JsonNode defaults = root.path("defaults").path("link");
    if (defaults instanceof ObjectNode link) {
      link.remove(RANDOM_KEYS);
      if (link.get("queue") instanceof ObjectNode queue) {
        withoutRed(queue);
      }
    }
    JsonNode links = root.path("links");
    for (int i = 0; i < config.links().size(); i++) {
      LinkSettings settings = config.links().get(i);
      if (!impaired.contains(settings.name()) || !(links.get(i) instanceof ObjectNode link)) {
        continue;
      }
      long aToB = schedule.baseline(settings.name(), true).delay();
      long bToA = schedule.baseline(settings.name(), false).delay();
      link.remove(RANDOM_KEYS);
      link.remove("delay");
      for (String side : List.of("a_to_b", "b_to_a")) {
        if (link.get(side) instanceof ObjectNode direction) {
          direction.remove(RANDOM_KEYS);
          direction.remove("delay");
          if (direction.isEmpty()) {
            link.remove(side);
          }
        }
      }
      for (JsonNode node : List.of(link, link.path("a_to_b"), link.path("b_to_a"))) {
        if (node.get("queue") instanceof ObjectNode queue) {
          withoutRed(queue);
        }
      }
      if (reorders(settings)) {
        link.put("jitterReorders", true);
        for (String side : List.of("a_to_b", "b_to_a")) {
          if (link.get(side) instanceof ObjectNode direction) {
            direction.remove("jitterReorders");
          }
        }
      }
      if (aToB == bToA) {
        link.put("delay", Time.format(aToB));
      } else {
        direction(link, "a_to_b").put("delay", Time.format(aToB));
        direction(link, "b_to_a").put("delay", Time.format(bToA));
      }
    }
    for (JsonNode change : root.path("changes")) {
      if (impaired.contains(change.path("link").asText())
          && change.get("set") instanceof ObjectNode set) {
        set.remove(RANDOM_KEYS);
        set.remove("delay");
        set.remove("jitterReorders");
        if (set.get("queue") instanceof ObjectNode queue) {
          withoutRed(queue);
        }
      }
    }
  }

  /**
   * A RED or PIE queue made drop-tail with its hard limit: its random early drops and its ECN marks
   * are decisions now. In byte mode the limit is in bytes and the packet count is not limited.
   */
  private static void withoutRed(ObjectNode queue) {
    boolean bytes = queue.path("mode").asText().equals("bytes");
    queue.remove(List.of("min", "max", "probability", "weight", "gentle", "mode", "adaptive"));
    String kind = queue.path("kind").asText();
    if (kind.equals("pie")) {
      queue.remove(List.of("target", "updateInterval", "alpha", "beta", "maxBurst"));
    }
    if (!kind.equals("red") && !kind.equals("pie")) {
      return;
    }
    queue.remove("ecn");
    queue.put("kind", "droptail");
    if (bytes) {
      queue.put("packets", 1_000_000);
    } else {
      queue.remove("bytes");
    }
  }

  /** Whether a direction of {@code link} reorders, now or after a change. */
  private boolean reorders(LinkSettings link) {
    boolean reorders = link.aToB().reorder() > 0 || link.bToA().reorder() > 0;
    for (var change : config.changes()) {
      reorders |= change.link().equals(link.name()) && change.settings().reorder() > 0;
    }
    return reorders;
  }

  private static ObjectNode direction(ObjectNode link, String side) {
    return link.get(side) instanceof ObjectNode existing ? existing : link.putObject(side);
  }
}
