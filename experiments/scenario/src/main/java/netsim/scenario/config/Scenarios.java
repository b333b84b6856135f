package netsim.scenario.config;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Registry;

/**
 * The built-in scenarios: YAML files shipped under {@code experiments/examples/} and packaged as
 * classpath resources {@code netsim/scenarios/NAME.yaml}, found by name. Adding one is one file
 * plus one registration here.
 */
public final class Scenarios {
  /** A built-in scenario: its name and the resource that holds it. */
  public record Scenario(String name, String resource) {
    /** The YAML text. */
    public String text() {
      return ConfigLoader.resource(resource);
    }

    /** The first line of its description, for {@code netsim scenarios}. */
    public String summary() {
      var root = YamlDocument.parse(name + ".yaml", text()).root();
      String description = root.path("description").asText("");
      int cut = description.indexOf('\n');
      return (cut < 0 ? description : description.substring(0, cut)).trim();
    }
  }

  /** The catalogue, in teaching order. */
  public static final Registry<Scenario> CATALOGUE;

  static {
    Registry.Builder<Scenario> catalogue = Registry.builder("scenario");
    for (String name :
        List.of(
            "handshake-and-close",
            "simultaneous-open",
            "simultaneous-close",
            "fin-ack-in-fin-wait-1",
            "lost-syn",
            "lost-final-ack",
            "stale-syn",
            "half-open",
            "two-way-handshake",
            "no-time-wait",
            "bulk-transfer",
            "syn-in-time-wait",
            "challenge-ack",
            "dumbbell-red",
            "traffic-mix")) {
      catalogue.register(name, new Scenario(name, "netsim/scenarios/" + name + ".yaml"));
    }
    CATALOGUE = catalogue.build();
  }

  private Scenarios() {}

  public static List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    for (String name : CATALOGUE.names()) {
      all.add(CATALOGUE.get(name));
    }
    return all;
  }
}
