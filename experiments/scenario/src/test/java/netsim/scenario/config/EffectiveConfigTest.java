package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * summary.json's {@code config} (and a sweep's config hash) stays what it was before the settings
 * classes gave way to the model's builders: the trees under {@code netsim/effective-config/} are
 * the {@code config} of summary.json written by netsim at de949e8, for every built-in scenario and
 * for a RED queue, a Gilbert-Elliott loss and a named jitter distribution; since then only the TCP
 * {@code profile} key (rfc in each) has been added.
 */
class EffectiveConfigTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> configs() {
    Stream<Arguments> scenarios =
        Scenarios.CATALOGUE.names().stream().map(name -> Arguments.of(name, name, List.of()));
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

    JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(EffectiveConfig.tree(config)));

    JsonNode before =
        MAPPER.readTree(ConfigLoader.resource("netsim/effective-config/" + expected + ".json"));
    assertThat(tree).isEqualTo(before);
  }
}
