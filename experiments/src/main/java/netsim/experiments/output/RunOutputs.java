package netsim.experiments.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.experiments.config.ExperimentConfig;
import netsim.experiments.plot.RunPlots;
import netsim.experiments.run.ConnectionReport;
import netsim.experiments.run.Experiment;
import netsim.experiments.run.Invariants;
import netsim.experiments.run.RunResult;
import netsim.net.pcap.PcapWriter;

/**
 * Runs an experiment and writes its outputs into a directory: {@code trace.jsonl}, one pcap per
 * host, {@code ladder.svg}, {@code timeseq.svg} and {@code cwnd.svg} (when the run carries data)
 * and {@code summary.json}, each under a temporary name until the run has finished, then
 * renamed.
 */
public final class RunOutputs {
  /**
   * What a finished run reports.
   *
   * @param warnings one line per plot that could not be drawn (every other output was written)
   */
  public record Outcome(RunResult result, List<ConnectionReport> connections,
      List<String> violations, List<Path> files, List<String> warnings, String text) {}

  private RunOutputs() {}

  /**
   * Runs {@code config}, writing into {@code out} (or nowhere when null).
   *
   * @throws IOException if an output cannot be written; partial files are removed
   */
  public static Outcome run(ExperimentConfig config, Path out) throws IOException {
    return run(config, out, false);
  }

  /**
   * Runs {@code config}, writing into {@code out} (or nowhere when null); {@code plots} asks for
   * the time-sequence and cwnd plots even when the run carries no data.
   *
   * @throws IOException if an output cannot be written; partial files are removed
   */
  public static Outcome run(ExperimentConfig config, Path out, boolean plots)
      throws IOException {
    OutputDirectory dir = out == null ? null : new OutputDirectory(out);
    List<PcapWriter> captures = new ArrayList<>();
    try {
      Experiment experiment = new Experiment(config);
      if (dir != null && config.outputs().pcap()) {
        for (String host : experiment.hosts()) {
          OutputStream stream = new BufferedOutputStream(
              Files.newOutputStream(dir.partial(host + ".pcap")));
          PcapWriter writer = new PcapWriter(stream);
          captures.add(writer);
          experiment.tap(host, writer);
        }
      }
      RunResult result = experiment.run();
      for (PcapWriter writer : captures) {
        writer.close();
      }
      List<ConnectionReport> connections = ConnectionReport.of(result);
      List<String> violations = Invariants.check(result, connections);
      List<Path> files = new ArrayList<>();
      List<String> warnings = List.of();
      if (dir != null) {
        if (config.outputs().trace()) {
          TraceWriter.write(result.events(), dir.partial("trace.jsonl"));
        }
        if (config.outputs().ladder()) {
          String title = config.name() + " (seed " + config.seed() + ")"
              + (config.isCounterfactual() ? " \u2014 COUNTERFACTUAL: "
                  + String.join(", ", config.counterfactuals()) : "");
          Files.writeString(dir.partial("ladder.svg"), LadderSvg.render(title,
              experiment.hosts(), result.events(), config.outputs().ladderMaxSegments()),
              StandardCharsets.UTF_8);
        }
        if (plots || (config.outputs().plots() && RunPlots.carriesData(result.events()))) {
          String title = config.name() + " (seed " + config.seed() + ")";
          String provenance = "netsim " + Version.get() + "; experiment '" + config.name()
              + "'; seed " + config.seed();
          warnings = RunPlots.write(title, provenance, result.events(), (name, svg) ->
              Files.writeString(dir.partial(name), svg, StandardCharsets.UTF_8));
        }
        if (config.outputs().summary()) {
          ObjectNode summary = SummaryWriter.summary(result, connections, violations);
          Files.writeString(dir.partial("summary.json"), SummaryWriter.text(summary),
              StandardCharsets.UTF_8);
        }
        files = dir.commit();
      }
      String text = HumanSummary.render(result, connections, violations, files);
      return new Outcome(result, connections, violations, files, warnings, text);
    } catch (IOException | RuntimeException e) {
      for (PcapWriter writer : captures) {
        try {
          writer.close();
        } catch (IOException | RuntimeException ignored) {
          // closing what we can; the partial files are removed next
        }
      }
      if (dir != null) {
        dir.abandon();
      }
      throw e;
    }
  }
}
