package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import netsim.report.plot.ReusedTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The plots: a run with data gets its time-sequence and cwnd graphs and a run without none (unless
 * asked); a sweep a plot per metric and parameter; every plot well-formed SVG of a fixed size, with
 * its provenance, without dates or ids that change between runs, the same bytes each time.
 */
class PlotsTest {
  @TempDir Path dir;

  private static Document svg(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  @Test
  void aRunWithData_getsItsTimeSequenceAndCwndGraphs_sameBytesEachTime() throws Exception {
    ScenarioRun.of(dir.resolve("a"), "bulk-transfer");
    ScenarioRun.of(dir.resolve("b"), "bulk-transfer");
    for (String name : List.of("timeseq.svg", "cwnd.svg")) {
      Path file = dir.resolve("a").resolve(name);
      Document doc = svg(file);
      assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 900 540");
      String text = Files.readString(file);
      assertThat(text).contains("<!-- netsim ").contains("experiment 'bulk-transfer'; seed 1");
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(file));
      assertStable(text);
    }
  }

  @Test
  void aRunWithTwoConnectionsOnOneFourTuple_writesItsPlotsAndEveryOtherOutput() throws Exception {
    String file = SweepFiles.write(dir, "reused-tuple.yaml", ReusedTuple.YAML);
    ScenarioRun run = ScenarioRun.of(dir.resolve("reused"), file);
    assertThat(SweepFiles.files(dir.resolve("reused")))
        .containsExactly(
            ".netsim-run",
            "client.pcap",
            "cwnd.svg",
            "flows.csv",
            "ladder.svg",
            "server.pcap",
            "summary.json",
            "timeseq.svg",
            "trace.jsonl");
    assertThat(svg(dir.resolve("reused/timeseq.svg")).getDocumentElement().getTagName())
        .isEqualTo("svg");
    assertThat(run.summary().get("connections")).hasSize(4);
  }

  @Test
  void aRunWithoutData_getsNoPlots_unlessAsked() {
    ScenarioRun.of(dir.resolve("plain"), "simultaneous-open");
    assertThat(dir.resolve("plain/timeseq.svg")).doesNotExist();
    ScenarioRun.of(dir.resolve("asked"), "simultaneous-open", "--plots");
    assertThat(dir.resolve("asked/timeseq.svg")).exists();
    assertThat(dir.resolve("asked/cwnd.svg")).exists();
    ScenarioRun.of(dir.resolve("off"), "bulk-transfer", "--set", "outputs.plots=false");
    assertThat(dir.resolve("off/timeseq.svg")).doesNotExist();
  }

  @Test
  void aSweep_plotsEveryMetricAgainstEveryParameter() throws Exception {
    String file = SweepFiles.write(dir, "small.yaml", SweepFiles.SMALL);
    Cli.Result run = Cli.run("sweep", file, "--out", dir.resolve("sweep").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> plots =
        SweepFiles.files(dir.resolve("sweep")).stream()
            .filter(f -> f.startsWith("plots/"))
            .toList();
    assertThat(plots)
        .hasSize(7 * 2)
        .contains(
            "plots/time_to_close_ms-vs-links-0-delay.svg",
            "plots/invariants_ok-vs-links-0-loss.svg");
    for (String plot : plots) {
      Path path = dir.resolve("sweep").resolve(plot);
      assertThat(svg(path).getDocumentElement().getTagName()).isEqualTo("svg");
      assertStable(Files.readString(path));
    }
  }

  @Test
  void aSweepOfMappings_withAMetricMissingAtSomePoints_writesEveryPlot_alsoOnResume()
      throws Exception {
    String file = SweepFiles.write(dir, "mapping-gap.yaml", SweepFiles.MAPPING_GAP);
    Path out = dir.resolve("mapping-gap");
    Cli.Result first = Cli.run("sweep", file, "--out", out.toString(), "--parallel", "2");
    assertThat(first.err()).isEmpty();
    assertThat(first.exit()).isZero();
    assertThat(Files.readString(out.resolve("summary.csv")))
        .contains(
            "0,50ms,\"{\"\"host\"\":\"\"client\"\",\"\"connect\"\":\"\"server:80\"\",\"\"at\"\""
                + ":\"\"100ms\"\",\"\"send\"\":\"\"1KB\"\",\"\"close\"\":\"\"done\"\"}\","
                + "time_to_close_ms,0,,,,");
    List<String> plots =
        SweepFiles.files(out).stream().filter(f -> f.startsWith("plots/")).toList();
    assertThat(plots).hasSize(7 * 2).contains("plots/time_to_close_ms-vs-clients-0.svg");
    for (String plot : plots) {
      String text = Files.readString(out.resolve(plot));
      assertThat(text).as(plot).doesNotContain("NaN");
      assertThat(svg(out.resolve(plot)).getDocumentElement().getTagName()).isEqualTo("svg");
    }
    Path copy = dir.resolve("copy");
    SweepFiles.copy(out, copy);
    Cli.Result resumed = Cli.run("sweep", file, "--out", out.toString());
    assertThat(resumed.err()).isEmpty();
    assertThat(resumed.exit()).isZero();
    assertThat(resumed.out()).contains("8 of 8 runs already done");
    SweepFiles.assertSameFiles(copy, out);
  }

  /** No wall-clock date, and the clip-path ids numbered in order (not identity hash codes). */
  private static void assertStable(String svg) {
    assertThat(svg).doesNotContainPattern("20[0-9]{2}-[01][0-9]-[0-3][0-9]");
    Matcher ids = Pattern.compile("<clipPath id=\"(clip[0-9]+)\"").matcher(svg);
    int expected = 1;
    while (ids.find()) {
      assertThat(ids.group(1)).isEqualTo("clip" + expected++);
    }
    assertThat(expected).as("clip paths").isGreaterThan(1);
  }
}
