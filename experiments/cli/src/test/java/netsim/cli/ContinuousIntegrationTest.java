package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI runs what the README tells a newcomer to run: the command {@code .ci/run} ends with is the
 * test command of the README's quick start, word for word, so a green CI means that command works
 * on a fresh clone.
 */
class ContinuousIntegrationTest {
  @Test
  void ciRun_endsWithTheReadmesTestCommand() throws IOException {
    List<String> ci =
        Files.readAllLines(Repository.path(".ci/run")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    List<String> readme = Files.readAllLines(Repository.path("README.md"));
    int quickStart = readme.indexOf("## Quick start");
    int comment = readme.subList(quickStart, readme.size()).indexOf("# Run the tests:");
    assertThat(comment).as("README's quick start has '# Run the tests:'").isNotNegative();
    String testCommand = readme.get(quickStart + comment + 1).strip();

    assertThat(ci.get(ci.size() - 1)).isEqualTo(testCommand).isEqualTo("./mvnw -B verify");
  }
}
