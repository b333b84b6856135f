package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import netsim.report.files.OutputDirectory;
import netsim.report.plot.RunPlots;
import netsim.scenario.Version;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.EffectiveConfig;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.RecordedRun;
import netsim.scenario.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's outputs: the trace and pcaps stream during the run into a temporary directory committed
 * whole at the end, listed in a fixed order; the ladder and plots are drawn from what their sinks
 * kept, and no list of events is kept.
 */
class RunWriterTest {
  @TempDir Path parent;

  private static ExperimentConfig scenario(String name, String... overrides) {
    return ConfigLoader.load(
        name + ".yaml", Scenarios.CATALOGUE.get(name).text(), List.of(overrides));
  }

  @Test
  void summaryJson_carriesTheEffectiveConfigOfTheRun() throws IOException {
    ExperimentConfig config = scenario("lost-final-ack", "seed=7", "links[0].loss=0.02");
    Path out = parent.resolve("out");

    RunWriter.run(config, out);

    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
    JsonNode expected = json.readTree(json.writeValueAsString(EffectiveConfig.tree(config)));
    assertThat(summary.get("config"))
        .isEqualTo(expected); // both read back: the same numbers' nodes
  }

  @Test
  void outputsOfAFailedRun_leaveNoFile() throws IOException {
    Path out = parent.resolve("out");
    List<Path> streamedDuringTheRun = new ArrayList<>();
    Experiment.Watcher failing =
        (now, events) -> {
          if (events > 10) {
            streamedDuringTheRun.addAll(files(parent));
            throw new IllegalStateException("stopped by the test");
          }
        };

    assertThatThrownBy(() -> RunWriter.run(scenario("lost-final-ack"), out, false, failing))
        .hasMessage("stopped by the test");

    assertThat(streamedDuringTheRun)
        .extracting(p -> p.getFileName().toString())
        .contains("trace.jsonl", "client.pcap", "server.pcap");
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void outputsOfAFailedRun_leaveTheEarlierRunWhole() throws IOException {
    Path out = parent.resolve("out");
    RunWriter.run(scenario("lost-final-ack"), out);
    byte[] trace = Files.readAllBytes(out.resolve("trace.jsonl"));
    Experiment.Watcher failing =
        (now, events) -> {
          if (events > 10) {
            throw new IllegalStateException("stopped by the test");
          }
        };

    assertThatThrownBy(
            () -> RunWriter.run(scenario("lost-final-ack", "seed=2"), out, false, failing))
        .hasMessage("stopped by the test");

    assertThat(out.resolve("trace.jsonl")).hasBinaryContent(trace);
    try (Stream<Path> beside = Files.list(parent)) {
      assertThat(beside).containsExactly(out);
    }
  }

  @Test
  void outputsOfARun_fileListOrder_isFixed() throws IOException {
    Path out = parent.resolve("out");
    RunWriter.Outcome outcome = RunWriter.run(scenario("bulk-transfer"), out, true, (t, n) -> {});

    assertThat(outcome.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "client.pcap",
            "server.pcap",
            "trace.jsonl",
            "ladder.svg",
            "timeseq.svg",
            "cwnd.svg",
            "summary.json",
            "flows.csv");
    assertThat(Files.readAllLines(out.resolve(OutputDirectory.MARKER)))
        .endsWith(
            "client.pcap",
            "server.pcap",
            "trace.jsonl",
            "ladder.svg",
            "timeseq.svg",
            "cwnd.svg",
            "summary.json",
            "flows.csv");
  }

  @Test
  void aRunWithPlotsAndLadderOff_streamsTheSameTraceAndCapturesAsARunWithThem() throws IOException {
    Path drawn = parent.resolve("drawn");
    Path streamed = parent.resolve("streamed");
    RunWriter.Outcome withDrawings = RunWriter.run(scenario("bulk-transfer"), drawn);
    RunWriter.Outcome without =
        RunWriter.run(
            scenario("bulk-transfer", "outputs.plots=false", "outputs.ladder=false"), streamed);

    for (String file : List.of("trace.jsonl", "client.pcap", "server.pcap")) {
      assertThat(streamed.resolve(file)).hasSameBinaryContentAs(drawn.resolve(file));
    }
    long packetEvents =
        RecordedRun.of(scenario("bulk-transfer")).events().stream()
            .filter(e -> e instanceof TraceEvent.Packet)
            .count();
    assertThat(Files.readString(streamed.resolve("summary.json")))
        .contains("\"packetEvents\" : " + packetEvents + ",");
    assertThat(without.text())
        .isEqualTo(
            withDrawings.text().replace("/drawn/", "/streamed/").replaceAll(".*\\.svg\n", ""));
  }

  @Test
  void aRunWithLadderAndPlotsOn_drawsWhatItsWholeEventListDraws() throws IOException {
    Path out = parent.resolve("out");
    ExperimentConfig config = scenario("bulk-transfer", "outputs.ladderMaxSegments=100");
    RunWriter.Outcome outcome = RunWriter.run(config, out);

    // The same drawings from the list of every event of the same run, replayed after it.
    List<TraceEvent> events = RecordedRun.of(config).events();
    LadderSink ladder = new LadderSink(100);
    RunPlots plots = new RunPlots();
    for (EventSink sink : List.<EventSink>of(ladder, plots)) {
      sink.start(outcome.result().index());
      events.forEach(sink::accept);
    }
    assertThat(out.resolve("ladder.svg"))
        .hasContent(
            LadderSvg.render("bulk-transfer (seed 1)", List.of("client", "server"), ladder));
    Map<String, String> drawn = new LinkedHashMap<>();
    plots.write(
        "bulk-transfer (seed 1)",
        "netsim " + Version.get() + "; experiment 'bulk-transfer'; seed 1",
        drawn::put);
    assertThat(drawn).containsOnlyKeys("timeseq.svg", "cwnd.svg");
    drawn.forEach((name, svg) -> assertThat(out.resolve(name)).hasContent(svg));
  }

  @Test
  void aRunWithoutOutputDirectory_writesNoFiles_andStillTellsItsKeyEvents() throws IOException {
    RunWriter.Outcome outcome = RunWriter.run(scenario("lost-final-ack"), null);

    assertThat(outcome.files()).isEmpty();
    assertThat(outcome.text()).contains("key events:");
  }

  /** The names of the files under {@code dir}, sorted. */
  private static List<String> names(Path dir) {
    return files(dir).stream().map(p -> p.getFileName().toString()).sorted().toList();
  }

  /** Every file under {@code dir}, at any depth. */
  private static List<Path> files(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theWriterThread_writesTheSameBytesAsTheRunThread_runAfterRun() throws IOException {
    String[] options = {"outputs.capture=[\"r1->r2\", r2]", "outputs.summary=true"};
    Path first = parent.resolve("first");
    Path second = parent.resolve("second");
    Path alone = parent.resolve("alone");
    RunWriter.Outcome outcome =
        RunWriter.run(scenario("dumbbell-red", options), first, false, (t, n) -> {}, false, true);
    RunWriter.run(scenario("dumbbell-red", options), second, false, (t, n) -> {}, false, true);
    RunWriter.run(scenario("dumbbell-red", options), alone, false, (t, n) -> {}, false, false);

    List<String> names = names(first);
    assertThat(names).contains("trace.jsonl", "r1-to-r2.pcap", "r2.pcap", "s1.pcap");
    assertThat(outcome.files()).hasSize(names.size() - 1); // all but the marker
    assertThat(Files.size(first.resolve("trace.jsonl"))).isGreaterThan(1 << 20); // many chunks
    for (Path dir : List.of(second, alone)) {
      assertThat(names(dir)).isEqualTo(names);
      for (String name : names) {
        assertThat(dir.resolve(name)).hasSameBinaryContentAs(first.resolve(name));
      }
    }
  }

  @Test
  void aDumbbellWithAnIntervalAndCapturePoints_writesTheSameBytesTwice() throws IOException {
    String[] options = {
      "outputs.interval=100ms", "outputs.capture=[\"r1->r2\", r2, s1]", "outputs.pcap=false"
    };
    Path first = parent.resolve("first");
    Path second = parent.resolve("second");
    RunWriter.Outcome outcome = RunWriter.run(scenario("dumbbell-red", options), first);
    RunWriter.run(scenario("dumbbell-red", options), second);

    assertThat(outcome.files())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "r1-to-r2.pcap", "r2.pcap", "s1.pcap", "timeseries.csv", "queue.svg", "throughput.svg")
        .doesNotContain("d1.pcap");
    for (String file :
        List.of(
            "timeseries.csv",
            "r1-to-r2.pcap",
            "r2.pcap",
            "s1.pcap",
            "summary.json",
            "queue.svg",
            "throughput.svg")) {
      assertThat(second.resolve(file)).hasSameBinaryContentAs(first.resolve(file));
    }
    List<String> series = Files.readAllLines(first.resolve(RunWriter.TIME_SERIES));
    assertThat(series.get(0)).isEqualTo("t,entity,metric,value");
    assertThat(series)
        .contains("0,r1->r2,drops,0")
        .anyMatch(row -> row.matches("\\d+,left\\.1/up,throughput,[1-9]\\d*"))
        .anyMatch(row -> row.matches("\\d+,r1->r2,queue,[1-9][0-9.]*"));
    // The bottleneck's capture holds what its transmitter sent: every packet it delivered.
    long delivered = outcome.result().links().get("bottleneck").aToB().counters().delivered();
    assertThat(pcapRecords(first.resolve("r1-to-r2.pcap"))).isEqualTo(delivered);
  }

  @Test
  void aRunWithoutInterval_writesNoTimeSeries_andTheSummaryHasTheBottlenecksQueue()
      throws IOException {
    Path out = parent.resolve("out");
    RunWriter.Outcome outcome = RunWriter.run(scenario("dumbbell-red"), out);

    assertThat(outcome.files())
        .extracting(p -> p.getFileName().toString())
        .doesNotContain(RunWriter.TIME_SERIES);
    String summary = Files.readString(out.resolve("summary.json"));
    assertThat(summary).contains("\"queue\" : {", "\"sojourn\" : {").doesNotContain("interval");
  }

  /** The records of a classic pcap file: its 24-byte header, then 16 bytes and the data each. */
  private static long pcapRecords(Path file) throws IOException {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
    bytes.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int at = 24;
    long records = 0;
    while (at < bytes.limit()) {
      at += 16 + bytes.getInt(at + 8);
      records++;
    }
    return records;
  }
}
