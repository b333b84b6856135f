package netsim.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of a document that a test generates (a table of results in {@code docs/} or the
 * README), between a start and an end marker line: the test fails when the document's section
 * differs from what it generated, or rewrites the section when the system property {@code
 * regenerateProperty} is true. Shared through sim-net's test-jar by the tests of modules that may
 * not depend on each other (the Linux reference recordings, the Linux packetdrill suite).
 *
 * @param start the first line of the section, as the generated text begins
 * @param end the last line of the section, as the generated text ends
 * @param regenerateProperty the system property that asks for the rewrite, e.g. {@code
 *     packetdrill.regenerate}
 */
public record GeneratedDocSection(String start, String end, String regenerateProperty) {

  /**
   * Checks that {@code doc}'s section is {@code generated} (markers included), or replaces it with
   * {@code generated} when the regenerate property is true.
   */
  public void check(Path doc, String generated) throws IOException {
    check(doc, generated, Boolean.getBoolean(regenerateProperty));
  }

  void check(Path doc, String generated, boolean regenerate) throws IOException {
    assertThat(generated)
        .as("the generated section starts and ends with its markers")
        .startsWith(start)
        .endsWith(end);
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    assertThat(from).as(doc + " has the start marker").isNotNegative();
    assertThat(to).as(doc + " has the end marker").isGreaterThan(from);
    String current = text.substring(from, to + end.length());
    if (regenerate) {
      Files.writeString(
          doc,
          text.substring(0, from) + generated + text.substring(to + end.length()),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(current)
        .as(
            doc
                + " shows the generated section (regenerate with -D"
                + regenerateProperty
                + "=true)")
        .isEqualTo(generated);
  }
}
