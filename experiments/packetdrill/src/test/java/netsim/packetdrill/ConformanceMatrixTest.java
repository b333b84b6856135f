package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed matrix scripts are exactly what {@link ConformanceMatrix} generates. To change
 * them, change the generator and run this test with {@code -Dpacketdrill.regenerate=true}.
 */
class ConformanceMatrixTest {
  private static final List<String> MATRIX_DIRS =
      List.of(
          "closed",
          "listen",
          "syn-sent",
          "syn-received",
          "established",
          "fin-wait-1",
          "fin-wait-2",
          "close-wait",
          "closing",
          "last-ack",
          "time-wait");

  @Test
  void committedMatrixScripts_areTheGeneratorsOutput() throws IOException {
    Map<String, String> generated = ConformanceMatrix.scripts();
    if (Boolean.getBoolean("packetdrill.regenerate")) {
      for (Map.Entry<String, String> script : generated.entrySet()) {
        Path file = SuiteFiles.ROOT.resolve(script.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, script.getValue(), StandardCharsets.UTF_8);
      }
    }
    List<String> committed = new ArrayList<>();
    for (String script : SuiteFiles.scripts()) {
      if (MATRIX_DIRS.contains(script.substring(0, script.indexOf('/')))) {
        committed.add(script);
      }
    }
    assertThat(committed)
        .as("matrix scripts on disk")
        .containsExactlyInAnyOrderElementsOf(generated.keySet());
    for (Map.Entry<String, String> script : generated.entrySet()) {
      String onDisk =
          Files.readString(SuiteFiles.ROOT.resolve(script.getKey()), StandardCharsets.UTF_8);
      assertThat(onDisk).as(script.getKey()).isEqualTo(script.getValue());
    }
  }

  @Test
  void matrix_coversElevenStatesTimesEightKinds() {
    Map<String, String> scripts = ConformanceMatrix.scripts();
    // CLOSED and LISTEN: one per kind; SYN-SENT: 3 kinds without ACK + 5 kinds x 3 ACK
    // positions; the 8 synchronized states: 8 kinds x 4 window positions.
    assertThat(scripts).hasSize(8 + 8 + (3 + 5 * 3) + 8 * 8 * 4);
  }
}
