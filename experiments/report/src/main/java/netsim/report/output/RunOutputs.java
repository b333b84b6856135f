package netsim.report.output;

import static netsim.scenario.config.ConfigException.quote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.net.pcap.PcapWriter;
import netsim.report.files.OutputDirectory;
import netsim.report.files.OutputException;
import netsim.report.files.PausePoint;
import netsim.report.plot.RunPlots;
import netsim.scenario.Version;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.run.ConnectionReport;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;

/**
 * Runs an experiment and writes its outputs into a directory: {@code trace.jsonl}, one pcap per
 * host, {@code ladder.svg}, {@code timeseq.svg} and {@code cwnd.svg} (when the run carries data)
 * and {@code summary.json}. They are written into a temporary directory that replaces the output
 * directory whole once the run has finished ({@link OutputDirectory}); whatever stops the run (an
 * error, out of memory, Ctrl-C), no partial result is left.
 */
public final class RunOutputs {
  /**
   * What a finished run reports.
   *
   * @param warnings one line per plot that could not be drawn (every other output was written)
   */
  public record Outcome(
      RunResult result,
      List<ConnectionReport> connections,
      List<String> violations,
      List<Path> files,
      List<String> warnings,
      String text) {}

  private RunOutputs() {}

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
    OutputDirectory dir = out == null ? null : OutputDirectory.create(out);
    List<PcapWriter> captures = new ArrayList<>();
    try {
      Experiment experiment = new Experiment(config);
      if (dir != null && config.outputs().pcap()) {
        for (String host : experiment.hosts()) {
          Path file = dir.file(host + ".pcap", "the host name " + quote(host));
          PcapWriter writer = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
          captures.add(writer);
          experiment.tap(host, writer);
        }
      }
      RunResult result = experiment.run(watcher);
      for (PcapWriter writer : captures) {
        writer.close();
      }
      PausePoint.reach("run-simulated");
      List<ConnectionReport> connections = result.connections();
      List<String> violations = Invariants.check(result, connections);
      List<Path> files = new ArrayList<>();
      List<String> warnings = List.of();
      if (dir != null) {
        if (config.outputs().trace()) {
          TraceWriter.write(result.events(), result.index(), dir.file("trace.jsonl"));
        }
        if (config.outputs().ladder()) {
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
              LadderSvg.render(
                  title,
                  experiment.hosts(),
                  result.index(),
                  result.events(),
                  config.outputs().ladderMaxSegments()),
              StandardCharsets.UTF_8);
        }
        if (plots || (config.outputs().plots() && RunPlots.carriesData(result.events()))) {
          String title = config.name() + " (seed " + config.seed() + ")";
          String provenance =
              "netsim "
                  + Version.get()
                  + "; experiment '"
                  + config.name()
                  + "'; seed "
                  + config.seed();
          warnings =
              RunPlots.write(
                  title,
                  provenance,
                  result.index(),
                  result.events(),
                  (name, svg) -> Files.writeString(dir.file(name), svg, StandardCharsets.UTF_8));
        }
        if (config.outputs().summary()) {
          ObjectNode summary = SummaryWriter.summary(result, connections, violations);
          Files.writeString(
              dir.file("summary.json"), SummaryWriter.text(summary), StandardCharsets.UTF_8);
        }
        files = dir.commit();
      }
      String text = HumanSummary.render(result, connections, violations, files);
      return new Outcome(result, connections, violations, files, warnings, text);
    } catch (Throwable e) { // out of memory too: nothing half-written may stay
      for (PcapWriter writer : captures) {
        try {
          writer.close();
        } catch (IOException | RuntimeException ignored) {
          // closing what we can; the temporary directory is removed next
        }
      }
      if (dir != null) {
        dir.abandon();
      }
      if (e instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause(); // a capture could not be written, inside the run
      }
      throw e;
    }
  }
}
