package netsim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedDocSectionTest {
  private static final GeneratedDocSection TABLE =
      new GeneratedDocSection("<!-- table -->", "<!-- end of table -->", "table.regenerate");

  @TempDir Path dir;

  private Path doc(String text) throws IOException {
    Path doc = dir.resolve("doc.md");
    Files.writeString(doc, text, StandardCharsets.UTF_8);
    return doc;
  }

  @Test
  void aSectionAsGenerated_passes_andTheDocumentIsUntouched() throws IOException {
    Path doc = doc("# Doc\n\n<!-- table -->\n| a |\n<!-- end of table -->\n\nafter\n");
    TABLE.check(doc, "<!-- table -->\n| a |\n<!-- end of table -->", false);
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .isEqualTo("# Doc\n\n<!-- table -->\n| a |\n<!-- end of table -->\n\nafter\n");
  }

  @Test
  void aSectionThatDiffers_failsAndNamesTheRegenerateProperty() throws IOException {
    Path doc = doc("<!-- table -->\n| a |\n<!-- end of table -->\n");
    assertThatThrownBy(
            () -> TABLE.check(doc, "<!-- table -->\n| b |\n<!-- end of table -->", false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("regenerate with -Dtable.regenerate=true");
  }

  @Test
  void regenerating_replacesOnlyTheSection() throws IOException {
    Path doc = doc("before\n<!-- table -->\n| a |\n<!-- end of table -->\nafter\n");
    TABLE.check(doc, "<!-- table -->\n| b |\n| c |\n<!-- end of table -->", true);
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .isEqualTo("before\n<!-- table -->\n| b |\n| c |\n<!-- end of table -->\nafter\n");
  }

  @Test
  void aDocumentWithoutTheMarkers_fails() throws IOException {
    Path doc = doc("no table here\n");
    assertThatThrownBy(() -> TABLE.check(doc, "<!-- table -->\n<!-- end of table -->", true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("has the start marker");
  }
}
