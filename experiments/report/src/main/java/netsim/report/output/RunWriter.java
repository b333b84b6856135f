package netsim.report.output;

import static netsim.scenario.config.ConfigException.quote;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.net.PacketTap;
import netsim.net.link.Link;
import netsim.net.link.LinkDirection;
import netsim.net.pcap.PcapWriter;
import netsim.report.files.OutputDirectory;
import netsim.report.files.OutputException;
import netsim.report.files.PausePoint;
import netsim.report.files.WriteBehind;
import netsim.report.plot.RunPlots;
import netsim.report.plot.SeriesPlots;
import netsim.scenario.Version;
import netsim.scenario.config.EffectiveConfig;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.OutputSettings;
import netsim.scenario.metrics.FlowMetrics;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.metrics.LinkMetrics;
import netsim.scenario.metrics.TimeSeries;
import netsim.scenario.run.ConnectionReport;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import netsim.scenario.trace.RunIndex;
import org.jspecify.annotations.Nullable;

/**
 * Runs an experiment and writes its outputs into a directory: {@code trace.jsonl}, one pcap per
 * host (and per capture point), {@code ladder.svg}, {@code timeseq.svg} and {@code cwnd.svg} (when
 * the run carries data), {@code summary.json} and {@code flows.csv}, and {@code timeseries.csv}
 * with {@code outputs.interval}. The trace and the pcaps are opened before the run and written as
 * it goes (buffered); the summary and the flow metrics count, the ladder keeps its first segments
 * and the plots their bounded series as it goes; so the run keeps no list of its events and its
 * memory does not grow with its length. The trace and the pcaps are encoded and written to disk on
 * a thread of their own ({@link WriteBehind}: {@link TraceBehind}, {@link PcapBehind}), the run's
 * thread only handing over batches of events and captured packets; each file gets the same bytes
 * whatever the timing of the two. Everything is written into a temporary directory that replaces
 * the output directory whole once the run has finished ({@link OutputDirectory}); whatever stops
 * the run (an error, out of memory, Ctrl-C), no partial result is left.
 */
public final class RunWriter {
  /** The time series' file ({@code outputs.interval}). */
  public static final String TIME_SERIES = "timeseries.csv";

  /**
   * What a finished run reports.
   *
   * @param warnings one line per plot that could not be drawn (every other output was written)
   * @param flows what was measured of the flows and link directions ({@code summary.json}'s {@code
   *     flows}, {@code flows.csv}), whether or not it was written; null with {@code
   *     outputs.summary: false}
   */
  public record Outcome(
      RunResult result,
      List<ConnectionReport> connections,
      List<String> violations,
      List<Path> files,
      List<String> warnings,
      String text,
      FlowsReport flows) {}

  private final ExperimentConfig config;
  private final OutputDirectory dir;
  private final boolean plots;
  private final boolean measureFlows;

  /**
   * The flows' bytes, goodputs and the links' use count from this time on ({@link FlowMetrics}).
   */
  private final long warmup;

  /** What must be closed before the commit, or on failure: the streams of the trace and pcaps. */
  private final List<Closeable> open = new ArrayList<>();

  /** Writes the trace and the pcaps on a thread of their own; null to write them on the run's. */
  private final @Nullable WriteBehind writeBehind;

  private final KeyEvents keyEvents = new KeyEvents();
  private SummaryFile summary;
  private LinkMetrics queues;
  private TimeSeries timeSeries;
  private SeriesPlots seriesPlots;
  private LadderSink ladder;
  private RunPlots runPlots;
  private FlowMetrics flows;

  private RunWriter(
      ExperimentConfig config,
      OutputDirectory dir,
      boolean plots,
      boolean measureFlows,
      long warmup,
      boolean writerThread) {
    this.config = config;
    this.dir = dir;
    this.plots = plots;
    this.measureFlows = measureFlows;
    this.warmup = warmup;
    this.writeBehind = dir != null && writerThread ? new WriteBehind() : null;
  }

  /**
   * Runs {@code config}, writing into {@code out} (or nowhere when null).
   *
   * @throws IOException if an output cannot be written; nothing of this run is left
   * @throws OutputException if {@code out} is not netsim's to replace, or a name would make a file
   *     outside it
   */
  public static Outcome run(ExperimentConfig config, Path out) throws IOException {
    return run(config, out, false, (now, events) -> {});
  }

  /**
   * Runs {@code config}, writing into {@code out} (or nowhere when null); {@code plots} asks for
   * the time-sequence and cwnd plots even when the run carries no data; {@code watcher} sees the
   * run advance.
   *
   * @throws IOException if an output cannot be written; nothing of this run is left
   * @throws OutputException if {@code out} is not netsim's to replace, or a name would make a file
   *     outside it
   */
  public static Outcome run(
      ExperimentConfig config, Path out, boolean plots, Experiment.Watcher watcher)
      throws IOException {
    return run(config, out, plots, watcher, false);
  }

  /**
   * Runs {@code config} as {@link #run(ExperimentConfig, Path, boolean, Experiment.Watcher)} does;
   * with {@code measureFlows}, measures the flows and link directions ({@link Outcome#flows()})
   * whatever outputs are written (a sweep's metrics need them).
   */
  public static Outcome run(
      ExperimentConfig config,
      Path out,
      boolean plots,
      Experiment.Watcher watcher,
      boolean measureFlows)
      throws IOException {
    return run(config, out, plots, watcher, measureFlows, 0, true);
  }

  /**
   * Runs {@code config} as {@link #run(ExperimentConfig, Path, boolean, Experiment.Watcher,
   * boolean)} does, measuring the flows' bytes and goodputs and the link directions' use from
   * {@code warmup} (nanoseconds of virtual time) on: a sweep's {@code sweep.warmup} ({@link
   * FlowMetrics}).
   */
  public static Outcome run(
      ExperimentConfig config,
      Path out,
      boolean plots,
      Experiment.Watcher watcher,
      boolean measureFlows,
      long warmup)
      throws IOException {
    return run(config, out, plots, watcher, measureFlows, warmup, true);
  }

  /**
   * Runs {@code config} as {@link #run(ExperimentConfig, Path, boolean, Experiment.Watcher,
   * boolean)} does; without {@code writerThread}, the trace and pcaps are written on the calling
   * thread (the same bytes: for the tests that prove it).
   */
  static Outcome run(
      ExperimentConfig config,
      Path out,
      boolean plots,
      Experiment.Watcher watcher,
      boolean measureFlows,
      boolean writerThread)
      throws IOException {
    return run(config, out, plots, watcher, measureFlows, 0, writerThread);
  }

  private static Outcome run(
      ExperimentConfig config,
      Path out,
      boolean plots,
      Experiment.Watcher watcher,
      boolean measureFlows,
      long warmup,
      boolean writerThread)
      throws IOException {
    OutputDirectory dir = out == null ? null : OutputDirectory.create(out);
    RunWriter writer = new RunWriter(config, dir, plots, measureFlows, warmup, writerThread);
    try {
      return writer.write(watcher);
    } catch (Throwable e) { // out of memory too: nothing half-written may stay
      writer.closeQuietly();
      if (dir != null) {
        dir.abandon();
      }
      if (e instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause(); // a trace or capture could not be written, inside the run
      }
      throw e;
    }
  }

  private Outcome write(Experiment.Watcher watcher) throws IOException {
    EventSink[] sinks = sinks().toArray(EventSink[]::new);
    Experiment experiment = new Experiment(config, sinks);
    if (queues != null) {
      experiment.observe(queues);
    }
    if (timeSeries != null) {
      timeSeries.names(experiment.apps());
    }
    if (dir != null && config.outputs().pcap()) {
      for (String host : experiment.hosts()) {
        experiment.tap(host, pcap(host + ".pcap", "the host name " + quote(host)));
      }
    }
    if (dir != null) {
      capture(experiment);
    }
    RunResult result = experiment.run(watcher);
    close();
    PausePoint.reach("run-simulated");
    List<ConnectionReport> connections = result.connections();
    List<String> violations = Invariants.check(result, connections);
    List<Path> files = new ArrayList<>();
    List<String> warnings = List.of();
    if (dir != null) {
      if (ladder != null) {
        writeLadder(experiment);
      }
      if (runPlots != null && (plots || runPlots.carriesData())) {
        warnings = writePlots();
      }
      if (seriesPlots != null) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(
            seriesPlots.write(
                config.name() + " (seed " + config.seed() + ")",
                provenance(),
                (name, svg) -> Files.writeString(dir.file(name), svg, StandardCharsets.UTF_8)));
        warnings = all;
      }
      if (summary != null) {
        SummaryFile.write(
            summary.summary(result, connections, violations, EffectiveConfig.tree(config)),
            dir.file("summary.json"));
        FlowsCsv.write(flows.report(), dir.file("flows.csv"));
      }
      files = dir.commit();
    }
    String text = HumanSummary.render(result, connections, violations, files, keyEvents);
    return new Outcome(
        result,
        connections,
        violations,
        files,
        warnings,
        text,
        flows == null ? null : flows.report());
  }

  /**
   * A pcap file of the run, opened now and closed when the run has ended: encoded on the writer
   * thread when there is one ({@link PcapBehind}).
   */
  private PacketTap pcap(String name, String madeFrom) throws IOException {
    Path file = dir.file(name, madeFrom);
    if (writeBehind != null) {
      PcapBehind behind = new PcapBehind(writeBehind, Files.newOutputStream(file));
      open.add(behind);
      return behind;
    }
    PcapWriter writer = new PcapWriter(stream(file));
    open.add(writer);
    return writer;
  }

  /**
   * The capture points of {@code outputs.capture}: a link direction's packets as its transmitter
   * sends them, a node's as they cross its interfaces.
   */
  private void capture(Experiment experiment) throws IOException {
    for (String point : config.outputs().capture()) {
      PacketTap writer =
          pcap(OutputSettings.captureFile(point), "the capture point " + quote(point));
      if (point.contains("->")) {
        List<LinkDirection> directions = new ArrayList<>();
        for (Link link : experiment.links().values()) {
          for (LinkDirection d : List.of(link.aToB(), link.bToA())) {
            if (d.name().equals(point)) {
              directions.add(d);
            }
          }
        }
        experiment.observe(new LinkCapture(directions, writer));
      } else {
        experiment.tap(point, writer);
      }
    }
  }

  /**
   * The sinks that see the run's events as they happen, for the outputs {@code config.outputs()}
   * asks for; the trace file is opened here, before the run.
   */
  private List<EventSink> sinks() throws IOException {
    List<EventSink> sinks = new ArrayList<>();
    sinks.add(keyEvents);
    if (dir != null && config.outputs().trace()) {
      if (writeBehind != null) { // its text made on the writer thread, which also closes it
        sinks.add(new TraceBehind(writeBehind, Files.newOutputStream(dir.file("trace.jsonl"))));
      } else {
        OutputStream trace = stream(dir.file("trace.jsonl"));
        open.add(trace);
        sinks.add(new TraceWriter(trace, new RunIndex()));
      }
    }
    long interval = config.outputs().interval();
    if (measureFlows || config.outputs().summary() || (dir != null && interval > 0)) {
      queues = new LinkMetrics(warmup);
      flows = new FlowMetrics(queues);
      if (dir != null && interval > 0) {
        Writer series = Files.newBufferedWriter(dir.file(TIME_SERIES), StandardCharsets.UTF_8);
        open.add(series);
        timeSeries = new TimeSeries(interval, series, flows, queues);
        if (plots || config.outputs().plots()) {
          seriesPlots = new SeriesPlots();
          timeSeries.listen(seriesPlots);
        }
        sinks.add(timeSeries); // before the flow metrics: it must see each event first
      }
      sinks.add(flows);
    }
    if (summaryWanted()) {
      summary = new SummaryFile(flows);
      sinks.add(summary);
    }
    if (dir != null && config.outputs().ladder()) {
      ladder = new LadderSink(config.outputs().ladderMaxSegments());
      sinks.add(ladder);
    }
    if (dir != null && (plots || config.outputs().plots())) {
      runPlots = new RunPlots();
      sinks.add(runPlots);
    }
    return sinks;
  }

  /** Whether the run writes {@code summary.json}. */
  private boolean summaryWanted() {
    return dir != null && config.outputs().summary();
  }

  /** A new file's stream, buffered: for the trace or a pcap without a writer thread. */
  private static OutputStream stream(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file));
  }

  private void writeLadder(Experiment experiment) throws IOException {
    String title =
        config.name()
            + " (seed "
            + config.seed()
            + ")"
            + (config.isCounterfactual()
                ? " \u2014 COUNTERFACTUAL: " + String.join(", ", config.counterfactuals())
                : "");
    Files.writeString(
        dir.file("ladder.svg"),
        LadderSvg.render(title, experiment.hosts(), ladder),
        StandardCharsets.UTF_8);
  }

  private List<String> writePlots() throws IOException {
    String title = config.name() + " (seed " + config.seed() + ")";
    return runPlots.write(
        title,
        provenance(),
        (name, svg) -> Files.writeString(dir.file(name), svg, StandardCharsets.UTF_8));
  }

  /** The comment every plot of the run carries. */
  private String provenance() {
    return "netsim "
        + Version.get()
        + "; experiment '"
        + config.name()
        + "'; seed "
        + config.seed();
  }

  /** Closes the trace and the pcaps once the run has ended (their last bytes are written out). */
  private void close() throws IOException {
    for (Closeable c : open) {
      c.close();
    }
    open.clear();
    if (writeBehind != null) {
      writeBehind.finish();
    }
  }

  private void closeQuietly() {
    for (Closeable c : open) {
      try {
        c.close();
      } catch (IOException | RuntimeException ignored) {
        // closing what we can; the temporary directory is removed next
      }
    }
    open.clear();
    if (writeBehind != null) {
      writeBehind.close();
    }
  }
}
