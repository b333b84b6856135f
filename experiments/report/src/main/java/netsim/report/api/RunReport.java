package netsim.report.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.report.output.RunWriter;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.metrics.FlowsReport.Flow;
import netsim.scenario.metrics.FlowsReport.LinkUse;
import netsim.scenario.run.RunResult;

/**
 * What a run built by {@link ExperimentBuilder} produced: the numbers of {@code summary.json}'s
 * {@code flows} section and {@code flows.csv} (every flow, every link direction's use, Jain's
 * index), the invariants' verdict, why the run ended, and the files written, if any.
 */
public final class RunReport {
  private final RunWriter.Outcome outcome;

  RunReport(RunWriter.Outcome outcome) {
    this.outcome = outcome;
  }

  /** The experiment as run, every default filled in. */
  public ExperimentConfig config() {
    return outcome.result().config();
  }

  /** Everything the run left: connections, stacks, links, applications. */
  public RunResult result() {
    return outcome.result();
  }

  /** The virtual time the run ended, in nanoseconds. */
  public long end() {
    return outcome.result().end();
  }

  /** Why the run ended, in words ("time limit 30s", "all connections closed"). */
  public String stopReason() {
    return outcome.result().stopReason();
  }

  /** The invariants that did not hold, one line each; empty when every one held. */
  public List<String> violations() {
    return outcome.violations();
  }

  /** Every flow, as {@code flows.csv} lists them. */
  public List<Flow> flows() {
    return report().flows();
  }

  /**
   * The flows of the client called {@code client}: those named {@code client}, {@code client.i}
   * (its {@code count}) or {@code client#k} (its {@code flows}).
   */
  public List<Flow> flows(String client) {
    List<Flow> of = new ArrayList<>();
    for (Flow f : report().flows()) {
      if (f.isOf(client)) {
        of.add(f);
      }
    }
    return of;
  }

  /**
   * The use of a link direction: a link's name for its a-to-b direction (in a topology, the data's:
   * {@code "bottleneck"}), or a direction {@code "r2->r1"}.
   *
   * @throws IllegalArgumentException when the run has no such link, naming the ones it has
   */
  public LinkUse link(String nameOrDirection) {
    String direction = nameOrDirection.replaceAll("\\s*->\\s*", "->").trim();
    for (var link : config().links()) {
      if (link.name().equals(direction)) {
        direction = link.directionName(true);
      }
    }
    List<String> known = new ArrayList<>();
    for (LinkUse use : report().links()) {
      if (use.direction().equals(direction)) {
        return use;
      }
      known.add(use.direction());
    }
    throw new IllegalArgumentException(
        "no link or link direction named '" + nameOrDirection + "' (known: " + known + ")");
  }

  /** Jain's fairness index over the flows' goodputs (NaN without a flow that moved a byte). */
  public double jain() {
    return report().jain();
  }

  /** The whole measurement: flows, link directions, the time they span. */
  public FlowsReport report() {
    if (outcome.flows() == null) {
      throw new IllegalStateException(
          "the run measured no flows: it was built with outputs.summary false");
    }
    return outcome.flows();
  }

  /** The files written, in order; empty for {@link ExperimentBuilder#run()}. */
  public List<Path> files() {
    return outcome.files();
  }

  /** The run's summary in words, as {@code netsim run} prints it. */
  public String text() {
    return outcome.text();
  }
}
