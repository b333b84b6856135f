package netsim.packetdrill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import netsim.net.GeneratedDocSection;
import org.junit.jupiter.api.Test;

/**
 * The conformance tables in {@code docs/packetdrill.md} are those the suite produces now. To update
 * them, run this test with {@code -Dpacketdrill.regenerate=true}.
 */
class ConformanceTableTest {
  private static final Path DOCS =
      Path.of(System.getProperty("netsim.root"), "docs", "packetdrill.md");

  private static final GeneratedDocSection SECTION =
      new GeneratedDocSection(
          ConformanceTable.START, ConformanceTable.END, "packetdrill.regenerate");

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
    SECTION.check(DOCS, tables);
  }
}
