package netsim.scenario.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.net.GeneratedDocSection;
import netsim.net.fault.Match;
import netsim.net.link.Jitter;
import netsim.net.link.LinkConfig;
import netsim.net.link.LossModel;
import netsim.net.link.QueueDisciplines;
import netsim.scenario.traffic.UdpPacings;
import netsim.tcp.TcpConfig;
import org.junit.jupiter.api.Test;

/**
 * The tables are the one list of keys: reference.yaml must give every row's key and binds alone to
 * sim-tcp's defaults; docs/config.md documents every row with reference.yaml's default, and its
 * complete example is valid. The {@code tcp} keys of both documents are generated from {@link
 * TcpSettingsTable}'s rows: after a row is added or changed, run this test with {@code
 * -Dconfig.regenerate=true} to rewrite them. (Successor of ReferenceTest.)
 */
class SettingsTableTest {
  private static final Path ROOT = Path.of(System.getProperty("netsim.root"));
  private static final Path DOC = ROOT.resolve("docs/config.md");
  private static final Path REFERENCE =
      ROOT.resolve("experiments/scenario/src/main/resources/" + ConfigLoader.REFERENCE);

  @Test
  void tcpKeys_ofReferenceYamlAndConfigMd_areWhatTheTableRowsMake() throws IOException {
    checkGenerated("tcp", "TcpSettingsTable", TcpSettingsTable.SECTION, TcpConfig.defaults(), "");
    for (Setting<TcpConfig, ?, ?> row : TcpSettingsTable.COUNTERFACTUAL.rows()) {
      assertThat(row.doc())
          .as("TcpSettingsTable's row %s says what it means (.doc(...))", row.key())
          .isNotBlank();
    }
  }

  @Test
  void stopInvariantsAndOutputsKeys_ofReferenceYamlAndConfigMd_areWhatTheTableRowsMake()
      throws IOException {
    checkGenerated("stop", "StopTable", StopTable.SECTION, StopSettings.defaults(), "stop.");
    checkGenerated(
        "invariants", "InvariantsTable", InvariantsTable.SECTION, InvariantSettings.defaults(), "");
    checkGenerated("outputs", "OutputsTable", OutputsTable.SECTION, OutputSettings.defaults(), "");
  }

  @Test
  void listEntryKeys_ofConfigMd_areWhatTheTableRowsMake() throws IOException {
    checkGeneratedTable("nodes", "NodeTable", NodeTable.section(), NodeTable.DEFAULTS, "");
    checkGeneratedTable("match", "MatchTable", MatchTable.section(List.of()), Match.ANY, "match.");
    checkGeneratedTable(
        "changes", "ChangeTable", ChangeTable.section(List.of()), ChangeTable.DEFAULTS, "");
    checkGeneratedTable(
        "partitions",
        "PartitionTable",
        PartitionTable.section(List.of()),
        PartitionTable.DEFAULTS,
        "");
    checkGeneratedTable(
        "udpSinks", "UdpSinkTable", UdpSinkTable.section(List.of()), UdpSinkTable.DEFAULTS, "");
  }

  /**
   * Checks (or, with {@code -Dconfig.regenerate=true}, rewrites) the table of list {@code key}'s
   * entries in docs/config.md against what {@code section}'s rows make of {@code defaults} (what an
   * entry is that gives none of its keys); every row must say what it means. A list has no lines of
   * its own in reference.yaml: it is empty there.
   */
  private static <C> void checkGeneratedTable(
      String key, String table, Section<C, ?> section, C defaults, String docPrefix)
      throws IOException {
    for (Setting<C, ?, ?> row : section.rows()) {
      assertThat(row.doc())
          .as("%s's row %s says what it means (.doc(...))", table, row.key())
          .isNotBlank();
    }
    GeneratedDocSection doc =
        new GeneratedDocSection(
            "<!-- " + key + "-keys: generated from " + table + "'s rows by SettingsTableTest -->",
            "<!-- end of " + key + "-keys -->",
            "config.regenerate");
    doc.check(DOC, generated(doc, SettingsDocs.markdown(docPrefix, section, defaults)));
  }

  /**
   * Checks (or, with {@code -Dconfig.regenerate=true}, rewrites) the mapping {@code key} of
   * reference.yaml and its table in docs/config.md (keys written {@code docPrefix + key}) against
   * what {@code section}'s rows make of {@code defaults}; every row must say what it means.
   */
  private static <C> void checkGenerated(
      String key, String table, Section<C, ?> section, C defaults, String docPrefix)
      throws IOException {
    for (Setting<C, ?, ?> row : section.rows()) {
      assertThat(row.doc())
          .as("%s's row %s says what it means (.doc(...))", table, row.key())
          .isNotBlank();
    }
    String by = "generated from " + table + "'s rows by SettingsTableTest";
    GeneratedDocSection yaml =
        new GeneratedDocSection("# " + key + ": " + by, "# end of " + key, "config.regenerate");
    GeneratedDocSection doc =
        new GeneratedDocSection(
            "<!-- " + key + "-keys: " + by + " -->",
            "<!-- end of " + key + "-keys -->",
            "config.regenerate");
    yaml.check(REFERENCE, generated(yaml, SettingsDocs.yaml(key, section, defaults, "")));
    doc.check(DOC, generated(doc, SettingsDocs.markdown(docPrefix, section, defaults)));
  }

  @Test
  void referenceFile_withoutATcpKey_bindsItToSimTcpsDefault() {
    YamlDocument reference =
        YamlDocument.parse("reference.yaml", ConfigLoader.resource(ConfigLoader.REFERENCE));
    ((ObjectNode) reference.root().get("tcp")).remove("keepaliveIdle");
    ((ObjectNode) reference.root().get("tcp").get("counterfactual")).remove("zeroTimeWait");

    assertThat(ConfigBinder.bindReference(reference).tcp()).isEqualTo(TcpConfig.defaults());
  }

  @Test
  void aRowAddedToATable_hasItsLinesInBothDocuments_withItsDefaultAndMeaning() {
    Section<TcpConfig, TcpConfig.Builder> section =
        Section.of(
            TcpConfig::builder,
            TcpConfig.Builder::build,
            List.of(
                TcpSettingsTable.MSS,
                Setting.<TcpConfig, TcpConfig.Builder, Long>of(
                        "lingerTime", ConfigNode::duration, (b, v) -> {}, c -> 7_200_000_000_000L)
                    .shown(Units::formatDuration)
                    .doc("how long `close` waits ([tcp.md](tcp.md))")));

    assertThat(SettingsDocs.yaml("tcp", section, TcpConfig.defaults(), ""))
        .containsExactly(
            "tcp:",
            "  # maximum segment size we announce and send (64-65495)",
            "  mss: 1460",
            "  # how long close waits (tcp.md)",
            "  lingerTime: 2h");
    assertThat(SettingsDocs.markdown(section, TcpConfig.defaults()))
        .endsWith("| `lingerTime` | `2h` | how long `close` waits ([tcp.md](tcp.md)) |");
  }

  @Test
  void aStringDefaultThatYamlWouldReadAsABoolean_isQuotedInReferenceYaml() {
    assertThat(SettingsDocs.yaml("tcp", TcpSettingsTable.SECTION, TcpConfig.defaults(), ""))
        .contains("  ecn: \"off\"", "  congestionControl: newreno", "  keepaliveIdle: 2h");
  }

  private static String generated(GeneratedDocSection section, List<String> lines) {
    return section.start() + "\n" + String.join("\n", lines) + "\n" + section.end();
  }

  @Test
  void referenceFile_bindsAlone_withTheDefaultsSimTcpUses() {
    ExperimentConfig reference = ConfigBinder.bindReference(ConfigLoader.reference());
    assertThat(reference.tcp()).isEqualTo(TcpConfig.defaults());
    assertThat(reference.stop().whenAllClosed()).isTrue();
    assertThat(reference.nodes()).isEmpty();
    // Shared by every load, it must never collect a warning.
    assertThat(ConfigLoader.reference().warnings()).isEmpty();
  }

  @Test
  void referenceFile_passesEveryCheckOfAFileFromOutside_soTheRunMaySkipThem() {
    String text = ConfigLoader.resource(ConfigLoader.REFERENCE);
    // What parse checks and parseBuiltIn (the run's reading of the reference) does not.
    YamlDocument checked = YamlDocument.parse("reference.yaml", text);
    assertThat(ConfigLoader.reference().root()).isEqualTo(checked.root());
    assertThat(ConfigLoader.reference().warnings()).isEqualTo(checked.warnings()).isEmpty();
  }

  @Test
  void builtInDocument_withADuplicateKey_isStillRefusedLocated() {
    assertThatThrownBy(() -> YamlDocument.parseBuiltIn("reference.yaml", "seed: 1\nseed: 2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("reference.yaml:2:1: seed: duplicate key 'seed'");
  }

  @Test
  void referenceFile_withoutALinkTrafficListenerOrClientKey_isRefusedNamingTheKey() {
    List<String[]> removals = new ArrayList<>();
    LinkSettingsTable.SECTION
        .rows()
        .forEach(r -> removals.add(new String[] {"defaults.link", r.key()}));
    UdpTrafficTable.SECTION
        .rows()
        .forEach(r -> removals.add(new String[] {"defaults.udpSource", r.key()}));
    RequestTable.SECTION
        .rows()
        .forEach(r -> removals.add(new String[] {"defaults.client.requests", r.key()}));
    FlowTable.SECTION
        .rows()
        .forEach(r -> removals.add(new String[] {"defaults.client.flows", r.key()}));
    ListenerTable.DEFAULTS
        .rows()
        .forEach(r -> removals.add(new String[] {"defaults.listener", r.key()}));
    ClientTable.DEFAULTS
        .rows()
        .forEach(r -> removals.add(new String[] {"defaults.client", r.key()}));
    for (var row : AppTable.SECTION.rows()) {
      removals.add(new String[] {"defaults.listener", row.key()});
      removals.add(new String[] {"defaults.client", row.key()});
    }
    for (String[] removal : removals) {
      YamlDocument reference =
          YamlDocument.parse("reference.yaml", ConfigLoader.resource("netsim/reference.yaml"));
      JsonNode parent = reference.root();
      for (String step : removal[0].split("\\.")) {
        parent = parent.get(step);
      }
      ((ObjectNode) parent).remove(removal[1]);

      assertThatThrownBy(() -> ConfigBinder.bindReference(reference))
          .as("reference.yaml without %s.%s", removal[0], removal[1])
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("missing key '" + removal[1] + "'");
    }
  }

  @Test
  void everyRow_isATableLineOfConfigMd_withReferenceYamlsDefault() throws IOException {
    String doc = Files.readString(DOC);
    JsonNode reference = ConfigLoader.reference().root();
    // The tcp lines are generated (tcpKeys_ofReferenceYamlAndConfigMd_areWhatTheTableRowsMake).
    List<String> lines = new ArrayList<>();
    JsonNode link = reference.path("defaults").path("link");
    for (var row : LinkSettingsTable.SECTION.rows()) {
      if (row.key().equals("queue")) {
        for (String key : List.of("kind", "packets", "bytes")) {
          lines.add(line("queue." + key, link.path("queue").path(key)));
        }
      } else {
        lines.add(line(row.key(), link.path(row.key())));
      }
    }
    JsonNode listener = reference.path("defaults").path("listener");
    for (var row : ListenerTable.DEFAULTS.rows()) {
      lines.add(line(row.key(), listener.path(row.key())));
    }
    for (var row : AppTable.SECTION.rows()) {
      lines.add(quotedLine(row.key(), listener.path(row.key())));
    }
    JsonNode client = reference.path("defaults").path("client");
    for (var row : ClientTable.DEFAULTS.rows()) {
      lines.add(line(row.key(), client.path(row.key())));
    }
    for (var row : RequestTable.SECTION.rows()) {
      lines.add(line("requests." + row.key(), client.path("requests").path(row.key())));
    }
    for (var row : FlowTable.SECTION.rows()) {
      lines.add(line("flows." + row.key(), client.path("flows").path(row.key())));
    }
    JsonNode udp = reference.path("defaults").path("udpSource");
    for (var row : UdpTrafficTable.SECTION.rows()) {
      JsonNode value = udp.path(row.key());
      // A distribution's default is a mapping: the table line gives it in YAML's flow style.
      lines.add(
          value.isObject()
              ? "| `"
                  + row.key()
                  + "` | `{distribution: "
                  + value.path("distribution").asText()
                  + ", mean: "
                  + value.path("mean").asText()
                  + "}` |"
              : line(row.key(), value));
    }
    assertThat(lines).hasSizeGreaterThan(20);
    for (String line : lines) {
      assertThat(doc).as("docs/config.md has the table line %s", line).contains(line);
    }
  }

  private static String line(String key, JsonNode value) {
    assertThat(value.isMissingNode()).as("reference.yaml gives %s", key).isFalse();
    return "| `" + key + "` | `" + value.asText() + "` |";
  }

  /** The table line of {@code key}, a text quoted where YAML would not read it as one. */
  private static String quotedLine(String key, JsonNode value) {
    assertThat(value.isMissingNode()).as("reference.yaml gives %s", key).isFalse();
    String text = value.isTextual() ? SettingsDocs.yamlString(value.asText()) : value.asText();
    return "| `" + key + "` | `" + text + "` |";
  }

  @Test
  void everyKey_isDocumentedInConfigMd() throws IOException {
    String doc = Files.readString(DOC);
    List<String> keys = new ArrayList<>();
    keys.addAll(LinkSettingsTable.SECTION.keys());
    keys.addAll(LinkSettingsTable.QUEUE);
    keys.addAll(RequestTable.keys());
    keys.addAll(StopTable.keys());
    keys.addAll(InvariantsTable.keys());
    keys.addAll(OutputsTable.keys());
    for (String[] list :
        List.of(
            ConfigBinder.TOP,
            ConfigBinder.LINK,
            ConfigBinder.NODE,
            ConfigBinder.LISTENER,
            ConfigBinder.CLIENT,
            ChangeTable.keys().toArray(String[]::new),
            PartitionTable.keys().toArray(String[]::new),
            RuleTable.KEYS.toArray(String[]::new),
            MatchTable.keys().toArray(String[]::new),
            UdpSourceTable.keys().toArray(String[]::new),
            UdpSinkTable.keys().toArray(String[]::new),
            FlowTable.KEYS,
            DistributionReader.KEYS,
            Topology.KEYS)) {
      keys.addAll(List.of(list));
    }
    for (String key : keys) {
      assertThat(doc.contains("`" + key) || doc.contains("." + key + "`"))
          .as("docs/config.md mentions `%s`", key)
          .isTrue();
    }
  }

  @Test
  void everyRegisteredName_isListedOnItsKeysLineOfConfigMd() throws IOException {
    String doc = Files.readString(DOC);
    checkNames(doc, "| `jitterDistribution` |", Jitter.DISTRIBUTIONS.names(), "`%s`");
    checkNames(doc, "| `queue.kind` |", QueueDisciplines.DISCIPLINES.names(), "`%s`");
    checkNames(doc, "| `loss` |", LossModel.MODELS.names(), "model: %s");
    checkNames(doc, "| `kind` | `cbr` |", UdpPacings.KINDS.names(), "`%s`");
    checkNames(doc, "| `action` |", RuleTable.ACTIONS.names(), "`%s`");
  }

  /** The line of {@code doc} that starts with {@code start} names each of {@code names}. */
  private static void checkNames(
      String doc, String start, Collection<String> names, String format) {
    String line =
        doc.lines()
            .filter(l -> l.startsWith(start))
            .findFirst()
            .orElseThrow(() -> new AssertionError("docs/config.md has no line " + start));
    for (String name : names) {
      assertThat(line).as("%s names %s", start, name).contains(format.formatted(name));
    }
  }

  @Test
  void defaultsLink_ofTheReference_bindsIntoALinkConfigWithItsValues() {
    ExperimentConfig config =
        ConfigLoader.load(
            "t.yaml",
            """
            nodes:
              - {name: a, address: 10.0.0.1}
              - {name: b, address: 10.0.0.2}
            links:
              - {a: a, b: b}
            listeners:
              - {host: b, port: 80}
            clients:
              - {host: a, connect: "b:80"}
            """,
            List.of());
    LinkConfig direction = config.links().get(0).aToB();
    assertThat(direction)
        .isEqualTo(LinkConfig.builder().delay(10_000_000L).jitterDistribution("uniform").build());
    assertThat(direction.namedQueue()).isEqualTo(LinkConfig.NamedQueue.DEFAULT);
  }

  @Test
  void aValueOnlyTheModelRefuses_isAConfigErrorAtTheSection_notARunFailure() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    "t.yaml",
                    """
                    tcp:
                      delayedAckTimeout: 1s
                    nodes:
                      - {name: a, address: 10.0.0.1}
                      - {name: b, address: 10.0.0.2}
                    links:
                      - {a: a, b: b}
                    listeners:
                      - {host: b, port: 80}
                    clients:
                      - {host: a, connect: "b:80"}
                    """,
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "t.yaml:1:1: tcp: delayed ACK timeout must be within (0, 500ms] (RFC 1122 4.2.3.2),"
                + " got 1s");
  }

  @Test
  void completeExampleOfConfigMd_isValid() throws IOException {
    Matcher m =
        Pattern.compile("## A complete example\\n\\n```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(DOC));
    assertThat(m.find()).isTrue();
    ExperimentConfig config = ConfigLoader.load("config.md", m.group(1), List.of());
    assertThat(config.nodes()).hasSize(3);
    assertThat(config.links().get(1).bToA().delay()).isEqualTo(20_000_000L);
    assertThat(config.links().get(0).aToB().delay()).isEqualTo(5_000_000L);
  }
}
