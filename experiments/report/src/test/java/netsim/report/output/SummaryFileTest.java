package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json's text, written from its tree without an ObjectMapper, is the text Jackson's mapper
 * writes of the same tree with its default indentation (as summary.json was written before).
 */
class SummaryFileTest {
  private static final ObjectMapper JACKSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir Path parent;

  @Test
  void text_isJacksonsIndentedText_ofEveryKindOfNode() throws IOException {
    ObjectNode tree = JACKSON.createObjectNode();
    tree.put("text", "a \"quoted\" line\n");
    tree.put("int", 7);
    tree.put("long", 1L << 40);
    tree.put("double", 0.1);
    tree.put("whole", 2.0);
    tree.put("float", 1.5f);
    tree.put("big", new BigInteger("123456789012345678901234567890"));
    tree.put("decimal", new BigDecimal("0.333333"));
    tree.put("yes", true);
    tree.putNull("nothing");
    tree.putArray("empty");
    tree.putObject("none");
    tree.putArray("list").add(1).add("two").addObject().put("three", 3);
    tree.putObject("nested").putObject("deeper").putArray("values").add(false);

    assertThat(SummaryFile.text(tree)).isEqualTo(JACKSON.writeValueAsString(tree) + "\n");
  }

  @Test
  void summaryJsonOfARun_isJacksonsTextOfItsTree_flowsSectionIncluded() throws IOException {
    Path out = parent.resolve("out");
    RunWriter.run(
        ConfigLoader.load(
            "lost-final-ack.yaml",
            Scenarios.CATALOGUE.get("lost-final-ack").text(),
            List.of("links[0].loss=0.05")),
        out);

    String written = Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8);
    JsonNode read = JACKSON.readTree(written);

    assertThat(read.get("flows").get("flows")).isNotEmpty();
    assertThat(written).isEqualTo(JACKSON.writeValueAsString(read) + "\n");
  }
}
