package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * summary.json's {@code config} (and a sweep's config hash) stays what it was before the settings
 * classes gave way to the model's builders: the trees under {@code netsim/effective-config/} are
 * the {@code config} of summary.json written by netsim at de949e8, for every built-in scenario of
 * then and for a RED queue, a Gilbert-Elliott loss and a named jitter distribution. A key added to
 * the TCP or link table since (such as {@code profile}, {@code ecn}) is in the tree with its
 * default where the file does not give it, and is otherwise left out of the comparison: adding a
 * setting changes no fixture.
 */
class EffectiveConfigTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FIXTURES = "/netsim/effective-config/";

  /** The tree of a config of two nodes and a link, all defaults: the tcp and direction defaults. */
  private static final JsonNode DEFAULTS =
      tree(
          ConfigLoader.load(
              "defaults.yaml",
              """
              nodes: [{name: a, address: 10.0.0.1}, {name: b, address: 10.0.0.2}]
              links: [{a: a, b: b}]
              listeners: [{host: b, port: 80}]
              clients: [{host: a, connect: "b:80"}]
              """,
              List.of()));

  static Stream<Arguments> configs() {
    Stream<Arguments> scenarios =
        Scenarios.CATALOGUE.names().stream()
            // A scenario added after the tables has no tree from before them.
            .filter(
                name -> EffectiveConfigTest.class.getResource(FIXTURES + name + ".json") != null)
            .map(name -> Arguments.of(name, name, List.of()));
    Stream<Arguments> variants =
        Stream.of(
            Arguments.of(
                "variant-red",
                "bulk-transfer",
                List.of("links[0].queue={kind: red, min: 5, max: 15, packets: 30}")),
            Arguments.of(
                "variant-gilbert-elliott",
                "bulk-transfer",
                List.of("links[0].loss={model: gilbert-elliott, p: 0.02, r: 0.3}")),
            Arguments.of(
                "variant-jitter-paretonormal-reorders",
                "bulk-transfer",
                List.of(
                    "links[0].jitter=5ms",
                    "links[0].jitterDistribution=paretonormal",
                    "links[0].jitterReorders=true")));
    return Stream.concat(scenarios, variants);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void tree_equalsTheTreeOfSummaryJsonBeforeTheTables(
      String expected, String scenario, List<String> overrides) throws IOException {
    ExperimentConfig config =
        ConfigLoader.load(scenario + ".yaml", Scenarios.CATALOGUE.get(scenario).text(), overrides);

    JsonNode tree = tree(config);

    JsonNode before =
        MAPPER.readTree(ConfigLoader.resource(FIXTURES.substring(1) + expected + ".json"));
    withoutKeysAddedSince(tree, before);
    assertThat(tree).isEqualTo(before);
  }

  @Test
  void aKeyAddedSinceTheFixture_isLeftOut_onlyWhileItHoldsItsDefault() throws IOException {
    JsonNode before =
        MAPPER.readTree(ConfigLoader.resource("netsim/effective-config/lost-final-ack.json"));
    JsonNode tree = before.deepCopy();
    ((ObjectNode) tree.get("tcp")).put("ecn", "off");
    withoutKeysAddedSince(tree, before);
    assertThat(tree).isEqualTo(before);

    ((ObjectNode) before.get("tcp")).remove("ecn");
    JsonNode changed = tree.deepCopy();
    ((ObjectNode) changed.get("tcp")).put("ecn", "on");
    assertThatThrownBy(() -> withoutKeysAddedSince(changed, before))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("tcp.ecn");
  }

  private static JsonNode tree(ExperimentConfig config) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(EffectiveConfig.tree(config)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Takes out of {@code tree}'s TCP parameters (global and per node) and link directions each key
   * that {@code before} lacks, checking that it holds its default.
   */
  private static void withoutKeysAddedSince(JsonNode tree, JsonNode before) {
    JsonNode tcp = DEFAULTS.get("tcp");
    JsonNode direction = DEFAULTS.at("/links/0/aToB");
    strip(tree.get("tcp"), before.get("tcp"), tcp, "tcp");
    for (int i = 0; i < tree.path("nodes").size() && i < before.path("nodes").size(); i++) {
      strip(tree.at("/nodes/" + i + "/tcp"), before.at("/nodes/" + i + "/tcp"), tcp, "tcp");
    }
    for (int i = 0; i < tree.path("links").size() && i < before.path("links").size(); i++) {
      for (String d : List.of("aToB", "bToA")) {
        strip(tree.at("/links/" + i + "/" + d), before.at("/links/" + i + "/" + d), direction, d);
      }
    }
  }

  private static void strip(JsonNode tree, JsonNode before, JsonNode defaults, String path) {
    if (!(tree instanceof ObjectNode object) || !before.isObject()) {
      return;
    }
    for (String key : new ArrayList<>(keys(object))) {
      JsonNode value = object.get(key);
      if (!before.has(key)) {
        assertThat(value)
            .as("%s.%s, added since the fixture, holds its default", path, key)
            .isEqualTo(defaults.get(key));
        object.remove(key);
      } else {
        strip(value, before.get(key), defaults.path(key), path + "." + key);
      }
    }
  }

  private static List<String> keys(ObjectNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
