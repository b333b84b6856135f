package netsim.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netsim.scenario.metrics.FlowsReport.Flow;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/embedding.md, compiled and run: {@link #example()} is the doc's code block,
 * word for word (the first test checks that), and the second runs it and checks what it says.
 */
class EmbeddingExampleTest {
  private static final Path DOC = Path.of("../../docs/embedding.md");

  /** The doc's example. Between the markers it must stay what docs/embedding.md shows. */
  static List<String> example() {
    // example:begin
    RunReport report =
        ExperimentBuilder.named("two-rtts")
            .seed(7)
            .stopAt("20s")
            .tcp("congestionControl", "cubic")
            .dumbbell(
                2,
                Map.of("bandwidth", "10Mbps", "delay", "10ms", "queue", Map.of("packets", 50)),
                List.of(Map.of("delay", "2ms"), Map.of("delay", "12ms")))
            .listener("d1", 80)
            .listener("d2", 80)
            .client("near", "s1", "d1:80", Map.of("send", "2MB"))
            .client("far", "s2", "d2:80", Map.of("send", "2MB"))
            .run();
    List<String> lines = new ArrayList<>();
    for (Flow flow : report.flows()) {
      String done = flow.complete() ? "done in " + flow.fct() / 1_000_000 + " ms" : "not done";
      lines.add(flow.name() + ": " + flow.goodput() / 1000 + " kbit/s, " + done);
    }
    lines.add("bottleneck utilization " + report.link("bottleneck").utilization());
    lines.add("Jain's index " + report.jain());
    // example:end
    return lines;
  }

  @Test
  void theDocsExample_isThisClassesExample_wordForWord() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/netsim/report/api/EmbeddingExampleTest.java"));
    Matcher inSource =
        Pattern.compile("// example:begin\n(.*?)\n\\s*// example:end", Pattern.DOTALL)
            .matcher(source);
    assertThat(inSource.find()).isTrue();
    Matcher inDoc =
        Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL).matcher(Files.readString(DOC));
    assertThat(inDoc.find()).as("a java block in " + DOC).isTrue();
    assertThat(dedent(inDoc.group(1))).isEqualTo(dedent(inSource.group(1)));
  }

  @Test
  void theDocsExample_runsBothTransfersToTheEnd_sharingTheBottleneck() {
    List<String> lines = example();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("near: ");
    assertThat(lines.get(1)).startsWith("far: ");
    for (String flow : lines.subList(0, 2)) {
      long kbps = Long.parseLong(flow.replaceAll(".*: (\\d+) kbit/s.*", "$1"));
      assertThat(kbps).as(flow).isBetween(2_000L, 10_000L);
      assertThat(flow).contains(", done in ");
    }
    double utilization =
        Double.parseDouble(lines.get(2).substring("bottleneck utilization ".length()));
    assertThat(utilization).isBetween(0.5, 1.0);
  }

  /** The lines without the indentation they share. */
  private static String dedent(String block) {
    List<String> lines = block.lines().toList();
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
