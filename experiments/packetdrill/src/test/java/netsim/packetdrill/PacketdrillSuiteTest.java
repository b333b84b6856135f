package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import netsim.tcp.TcpConfig;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite under {@code src/test/resources/packetdrill}: one dynamic test per script,
 * named after it. Every script runs with the rfc profile; a few also run as a variant (the linux
 * profile with {@code -D LINUX}, RFC 1337 with {@code -D RFC1337}). Every run passes, except the
 * deliberate differences of {@code known-differences.txt}, each of which must fail at exactly its
 * documented line and mismatch.
 */
class PacketdrillSuiteTest {
  private static final Path KNOWN_DIFFERENCES = SuiteFiles.ROOT.resolve("known-differences.txt");
  private static final Path DOCS =
      Path.of(System.getProperty("netsim.root"), "docs", "packetdrill.md");

  /** A way to run some scripts: its options and which scripts (null: all). */
  private record Variant(String name, Options options, List<String> scripts) {}

  /** A script that fails on purpose, where and how. */
  private record KnownDifference(int line, String mismatch) {}

  static List<Variant> variants() {
    Options rfc = Options.defaults();
    TcpConfig rfc1337 = Profile.rfc().tcp().toBuilder().rfc1337(true).build();
    return List.of(
        new Variant("rfc profile", rfc, null),
        new Variant(
            "linux profile, -D LINUX",
            rfc.withProfile(Profile.linux()).withDefines(Set.of("LINUX")),
            List.of("mission/syn-in-established.pkt", "mission/syn-in-time-wait.pkt")),
        new Variant(
            "rfc profile with rfc1337, -D RFC1337",
            rfc.withProfile(Profile.rfc().withTcp("rfc+rfc1337", rfc1337))
                .withDefines(Set.of("RFC1337")),
            List.of("mission/rst-in-time-wait.pkt")));
  }

  @TestFactory
  Stream<DynamicNode> everyScriptPassesOrFailsAsDocumented() throws IOException {
    Map<String, KnownDifference> known = knownDifferences();
    List<DynamicNode> containers = new ArrayList<>();
    for (Variant variant : variants()) {
      List<DynamicNode> tests = new ArrayList<>();
      for (String script : variant.scripts() == null ? SuiteFiles.scripts() : variant.scripts()) {
        KnownDifference difference = variant.scripts() == null ? known.get(script) : null;
        String name = difference == null ? script : script + " (deliberate difference)";
        tests.add(DynamicTest.dynamicTest(name, () -> check(script, variant, difference)));
      }
      containers.add(DynamicContainer.dynamicContainer(variant.name(), tests));
    }
    return containers.stream();
  }

  private static void check(String script, Variant variant, KnownDifference difference) {
    ScriptResult result = PacketdrillRunner.run(SuiteFiles.ROOT.resolve(script), variant.options());
    String report = ReportWriter.text(new Report(variant.name(), List.of(result)));
    if (difference == null) {
      assertThat(result.status()).as(report).isEqualTo(ScriptResult.Status.PASS);
    } else {
      assertThat(result.status()).as(report).isEqualTo(ScriptResult.Status.FAIL);
      assertThat(result.line()).as(report).isEqualTo(difference.line());
      assertThat(result.reason()).as(report).startsWith(difference.mismatch());
    }
  }

  @Test
  void everyScript_endsTheSame_withTheRemoteIsnAtTheWrap_andAnotherSeed() {
    // Scripts see sequence numbers relative to each side's ISN: the remote side's ISN just
    // below 2^32 and other model ISNs (another seed) must not change any result.
    Options moved = Options.defaults().withRemoteIsn(-5).withSeed(42);
    List<String> different = new ArrayList<>();
    for (String script : SuiteFiles.scripts()) {
      ScriptResult usual =
          PacketdrillRunner.run(SuiteFiles.ROOT.resolve(script), Options.defaults());
      ScriptResult other = PacketdrillRunner.run(SuiteFiles.ROOT.resolve(script), moved);
      if (usual.status() != other.status() || usual.line() != other.line()) {
        different.add(other.summary());
      }
    }
    assertThat(different).isEmpty();
  }

  @Test
  void everyKnownDifference_isAScriptOfTheSuite_andListedInTheDocs() throws IOException {
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    for (String script : knownDifferences().keySet()) {
      assertThat(SuiteFiles.scripts()).contains(script);
      assertThat(docs).as("docs/packetdrill.md lists " + script).contains(script);
    }
  }

  static Map<String, KnownDifference> knownDifferences() throws IOException {
    Map<String, KnownDifference> known = new LinkedHashMap<>();
    for (String line : Files.readAllLines(KNOWN_DIFFERENCES, StandardCharsets.UTF_8)) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split("\\s+", 3);
      known.put(fields[0], new KnownDifference(Integer.parseInt(fields[1]), fields[2]));
    }
    return known;
  }
}
