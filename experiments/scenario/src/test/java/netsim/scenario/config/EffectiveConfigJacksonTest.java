package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netsim.net.fault.FaultAction;
import netsim.net.fault.Match;
import netsim.net.fault.Selection;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import netsim.scenario.traffic.Distribution;
import netsim.tcp.TcpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EffectiveConfig}'s tree, written by hand, is the one Jackson's reflective serializers made
 * of the config's records before (netsim 9dafc55): the same keys in the same order, the same
 * values, the same JSON text. Jackson, configured as EffectiveConfig was then, is the oracle: a
 * component added to a record, or a setting whose value has a new type, shows here as a difference
 * until the writer writes it. The configs cover every record and every optional part: each built-in
 * scenario, each example, reference.yaml, and one config that gives every list and optional key.
 */
class EffectiveConfigJacksonTest {
  /** The mapper EffectiveConfig used (9dafc55), with pretty printing as summary.json has it. */
  private static final ObjectMapper JACKSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule()
                  .addSerializer(TcpConfig.class, new Rows<>(TcpSettingsTable.SECTION))
                  .addSerializer(LinkConfig.class, new Rows<>(LinkSettingsTable.SECTION))
                  .addSerializer(LossModel.Spec.class, new Loss())
                  .addSerializer(Match.class, new AsText<>())
                  .addSerializer(Selection.class, new AsText<>())
                  .addSerializer(FaultAction.class, new AsText<>())
                  .addSerializer(Distribution.class, new AsText<>()));

  /** Every record and optional part at least once, none at its default. */
  private static final String EVERYTHING =
      """
      name: everything
      description: every part of the effective config
      seed: 42
      stop: {at: 90s, whenAllClosed: false}
      tcp: {profile: linux, sack: true, counterfactual: {twoWayHandshake: true}}
      nodes:
        - {name: client, address: 10.0.0.1, crashAt: 5s, restartAt: 6s}
        - {name: router, kind: router}
        - {name: server, address: 10.0.0.2, tcp: {mss: 536, counterfactual: {zeroTimeWait: true}}}
      links:
        - {name: up, a: client, b: router, bandwidth: 10Mbps, jitter: 2ms, jitterDistribution: pareto,
           queue: {kind: red, min: 5, max: 15, packets: 30},
           a_to_b: {loss: {model: gilbert-elliott, p: 0.02, r: 0.3}}, b_to_a: {loss: 0.01}}
        - {a: router, b: server, queue: {kind: codel, target: 4ms}, duplicate: 0.01, corrupt: 0.02,
           reorder: 0.1, reorderGap: 3}
      changes:
        - {at: 2s, link: up, set: {delay: 80ms}}
        - {at: 3s, link: up, direction: b_to_a, down: true}
      partitions:
        - {at: 4s, until: 5s, sides: [[client], [server, router]]}
        - {at: 7s, sides: [[client, router], [server]]}
      listeners:
        - {host: server, port: 80, backlog: 5, at: 1ms, send: 10KB, sendAt: "+5ms", close: "9s",
           closeDelay: 3ms, closeHow: shutdown, abort: "+8s"}
        - {host: server, port: 81}
      clients:
        - {name: bulk, host: client, connect: "server:80", at: 1s, localPort: 4000, connections: 2,
           pause: 1s, send: 1MB, sendAt: "2s", close: never, abort: "20s"}
        - {host: client, connect: "server:81", requests: {count: 3, request: 10, response: 1KB,
           think: 1ms}}
        - {host: client, connect: "server:81", count: 2, startJitter: 10ms,
           flows: {count: 5, size: {distribution: pareto, mean: 10KB, shape: 1.5}, load: 0.5,
           link: up}}
        - {host: client, connect: "server:81", flows: {count: 5, size: 2KB, interval: 10ms}}
      udpSinks:
        - {host: server, port: 9000}
      udpSources:
        - {host: client, to: "server:9000", localPort: 5000, at: 1s, kind: onoff, rate: 2Mbps,
           size: 500, until: 30s, on: {distribution: exponential, mean: 1s}}
        - {host: client, to: "server:9000", kind: poisson}
      rules:
        - {name: drop-syn, on: "client->router", match: {flagsContain: SYN}, select: "first 1",
           action: drop}
        - {on: router, match: {dataLength: {min: 1, max: 100}}, action: hold, releaseAt: 3s,
           continue: true}
      invariants: {allClosed: false, noEmbryonic: false}
      outputs: {trace: false, ladder: false, ladderMaxSegments: 50, plots: false, interval: 100ms,
                capture: ["client->router", router]}
      """;

  static Stream<Arguments> configs() throws IOException {
    List<Arguments> configs = new ArrayList<>();
    for (String name : Scenarios.CATALOGUE.names()) {
      configs.add(
          Arguments.of(
              "scenario " + name,
              ConfigLoader.load(name + ".yaml", Scenarios.CATALOGUE.get(name).text(), List.of())));
    }
    Path examples = Path.of(System.getProperty("netsim.root"), "experiments", "examples");
    try (Stream<Path> files = Files.list(examples)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        configs.add(
            Arguments.of("example " + file.getFileName(), ConfigLoader.load(file, List.of())));
      }
    }
    configs.add(
        Arguments.of(
            "reference.yaml",
            ConfigBinder.bindReference(
                YamlDocument.parse(
                    "reference.yaml", ConfigLoader.resource("netsim/reference.yaml")))));
    configs.add(
        Arguments.of("everything", ConfigLoader.load("everything.yaml", EVERYTHING, List.of())));
    return configs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void theTreeWrittenByHand_isJacksonsTreeOfTheRecords(String name, ExperimentConfig config)
      throws IOException {
    JsonNode jackson = JACKSON.valueToTree(config);

    JsonNode tree = EffectiveConfig.tree(config);

    assertThat(JACKSON.writeValueAsString(tree)).isEqualTo(JACKSON.writeValueAsString(jackson));
    assertThat(tree).isEqualTo(jackson);
  }

  @Test
  void everything_givesEveryOptionalPart() {
    JsonNode tree =
        EffectiveConfig.tree(ConfigLoader.load("everything.yaml", EVERYTHING, List.of()));

    assertThat(tree.get("udpSources")).hasSize(2);
    assertThat(tree.get("udpSinks")).hasSize(1);
    assertThat(tree.get("changes")).hasSize(3); // the first both ways
    assertThat(tree.get("partitions")).hasSize(2);
    assertThat(tree.get("rules")).hasSize(2);
    assertThat(tree.at("/clients/1/requests").isObject()).isTrue();
    assertThat(tree.at("/clients/2/flows/link").asText()).isEqualTo("up");
    assertThat(tree.at("/clients/4/flows").has("link")).isFalse();
    assertThat(tree.at("/outputs/interval").asLong()).isEqualTo(100_000_000L);
    assertThat(tree.at("/outputs/capture")).hasSize(2);
    assertThat(tree.get("counterfactual").asBoolean()).isTrue();
  }

  /** A value of a table's section as a mapping of its rows, nested mappings last. */
  private static final class Rows<C> extends JsonSerializer<C> {
    private final Section<C, ?> section;

    Rows(Section<C, ?> section) {
      this.section = section;
    }

    @Override
    public void serialize(C value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      write(section, value, gen, serializers);
    }

    private static <C> void write(
        Section<C, ?> section, C value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeStartObject();
      for (Setting<C, ?, ?> row : section.rows()) {
        gen.writeFieldName(row.key());
        serializers.defaultSerializeValue(row.get().apply(value), gen);
      }
      for (Map.Entry<String, ? extends Section<C, ?>> nested : section.nested().entrySet()) {
        gen.writeFieldName(nested.getKey());
        write(nested.getValue(), value, gen, serializers);
      }
      gen.writeEndObject();
    }
  }

  /** A loss model as its name and netem's four parameters (0 where the model has none). */
  private static final class Loss extends JsonSerializer<LossModel.Spec> {
    @Override
    public void serialize(LossModel.Spec loss, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      String model = "none";
      double[] p = new double[4];
      if (loss instanceof LossModel.Bernoulli b) {
        model = "bernoulli";
        p[0] = b.p();
      } else if (loss instanceof LossModel.GilbertElliott g) {
        model = "gilbert-elliott";
        p = new double[] {g.p(), g.r(), g.lossInBad(), g.lossInGood()};
      }
      gen.writeStartObject();
      gen.writeStringField("model", model);
      gen.writeNumberField("p", p[0]);
      gen.writeNumberField("r", p[1]);
      gen.writeNumberField("lossInBad", p[2]);
      gen.writeNumberField("lossInGood", p[3]);
      gen.writeEndObject();
    }
  }

  /** Serializes a value as its {@code toString()}. */
  private static final class AsText<T> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.toString());
    }
  }
}
