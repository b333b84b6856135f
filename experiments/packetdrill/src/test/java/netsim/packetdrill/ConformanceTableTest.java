package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformance tables in {@code docs/packetdrill.md} are those the suite produces now. To update
 * them, run this test with {@code -Dpacketdrill.regenerate=true}.
 */
class ConformanceTableTest {
  private static final Path DOCS =
      Path.of(System.getProperty("netsim.root"), "docs", "packetdrill.md");

  @Test
  void docsConformanceTables_areTheSuitesResults() throws IOException {
    Map<String, String> outcomes = new LinkedHashMap<>();
    var known = PacketdrillSuiteTest.knownDifferences();
    for (String script : ConformanceMatrix.scripts().keySet()) {
      ScriptResult result =
          PacketdrillRunner.run(SuiteFiles.ROOT.resolve(script), Options.defaults());
      String outcome =
          result.status() == ScriptResult.Status.PASS
              ? "pass"
              : known.containsKey(script) ? "difference" : "FAIL";
      outcomes.put(script, outcome);
    }
    String tables = ConformanceTable.render(outcomes);
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    int start = docs.indexOf(ConformanceTable.START);
    int end = docs.indexOf(ConformanceTable.END);
    assertThat(start).as("docs/packetdrill.md has the start marker").isNotNegative();
    assertThat(end).as("docs/packetdrill.md has the end marker").isGreaterThan(start);
    String current = docs.substring(start, end + ConformanceTable.END.length());
    if (Boolean.getBoolean("packetdrill.regenerate")) {
      Files.writeString(DOCS, docs.replace(current, tables), StandardCharsets.UTF_8);
      current = tables;
    }
    assertThat(current).isEqualTo(tables);
  }
}
