package netsim.explore.sweep;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import netsim.report.output.RunWriter;
import netsim.scenario.Version;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.metrics.FlowMetrics;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.metrics.LinkMetrics;
import netsim.scenario.run.ConnectionReport;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;
import org.jspecify.annotations.Nullable;

/**
 * Runs a sweep's runs on N worker threads. Each run is an independent simulation with its own
 * config and seed, and each worker records its run in its own file ({@code runs/NNNNNN.json}) as
 * soon as it finishes; nothing a run produces depends on which thread ran it or when. Tables and
 * plots are made afterwards from the run files in run order, so the results are the same bytes
 * whatever N is.
 */
public final class SweepRunner {
  private final SweepPlan plan;
  private final RunStore store;
  private final int parallel;
  private final KeptRuns kept;

  /**
   * @param parallel worker threads, at least 1
   */
  public SweepRunner(SweepPlan plan, RunStore store, int parallel) {
    this(plan, store, parallel, new KeptRuns(store.dir().getParent(), java.util.Set.of()));
  }

  /**
   * @param parallel worker threads, at least 1
   * @param kept the outputs each run keeps ({@code --keep}), written before its run file
   */
  public SweepRunner(SweepPlan plan, RunStore store, int parallel, KeptRuns kept) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1; got " + parallel);
    }
    this.plan = plan;
    this.store = store;
    this.parallel = parallel;
    this.kept = kept;
  }

  /**
   * Runs {@code pending} (run indexes), reporting each finished run to {@code progress}.
   *
   * @throws SweepException when a run fails; the runs finished so far stay recorded
   * @throws IOException when a run file cannot be written
   */
  public void run(List<Long> pending, Progress progress) throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            task -> {
              Thread t = new Thread(task, "netsim-sweep-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    CompletionService<RunRecord> done = new ExecutorCompletionService<>(pool);
    Iterator<Long> next = pending.iterator();
    int inFlight = 0;
    try {
      // A few runs queued ahead of the workers, not all: memory stays small for big sweeps.
      while (inFlight < 2 * parallel && next.hasNext()) {
        submit(done, next.next());
        inFlight++;
      }
      while (inFlight > 0) {
        Future<RunRecord> finished = done.take();
        inFlight--;
        RunRecord record = get(finished);
        progress.runDone(record.run(), describe(record));
        if (next.hasNext()) {
          submit(done, next.next());
          inFlight++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SweepException(
          "interrupted; the runs finished so far are recorded, run the"
              + " same command again to resume");
    } finally {
      pool.shutdownNow();
    }
  }

  private void submit(CompletionService<RunRecord> done, long run) {
    done.submit(() -> runOne(run));
  }

  private static RunRecord get(Future<RunRecord> finished)
      throws InterruptedException, IOException {
    try {
      return finished.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof SweepException || cause instanceof ConfigException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error error) {
        throw error; // out of memory: the command says so, and the runs recorded stay
      }
      throw new SweepException(String.valueOf(cause), cause);
    }
  }

  /** Runs one simulation and records it. */
  RunRecord runOne(long index) throws IOException {
    RunSpec spec = plan.run(index);
    ExperimentConfig config = kept.any() ? plan.config(spec, kept.overrides()) : plan.config(spec);
    RunRecord record;
    try {
      FlowsReport flows = null;
      RunResult result;
      if (kept.any()) {
        Path dir = kept.directory(spec, plan.paths(), plan.valueNames(spec));
        RunWriter.Outcome outcome =
            RunWriter.run(
                config,
                dir,
                false,
                (now, events) -> {},
                plan.measuresFlows(),
                plan.spec().warmup());
        result = outcome.result();
        flows = outcome.flows();
      } else {
        Experiment experiment;
        if (plan.measuresFlows()) {
          LinkMetrics queues = new LinkMetrics(plan.spec().warmup());
          FlowMetrics measured = new FlowMetrics(queues);
          experiment = new Experiment(config, measured);
          experiment.observe(queues);
          result = experiment.run();
          flows = measured.report();
        } else {
          experiment = new Experiment(config);
          result = experiment.run();
        }
      }
      List<ConnectionReport> connections = result.connections();
      List<String> violations = Invariants.check(result, connections);
      record =
          new RunRecord(
              index,
              spec.point(),
              spec.repetition(),
              spec.seed(),
              parameters(spec),
              metrics(RunMetrics.of(connections, violations), flows, config),
              violations,
              result.end(),
              result.stopReason());
    } catch (RuntimeException e) {
      throw new SweepException(
          "run "
              + index
              + " failed, which is a bug in netsim (please"
              + " report it with the sweep file): "
              + e
              + "; it is the run of: netsim run FILE"
              + reproduce(spec),
          e);
    }
    store.write(record, Version.get(), plan.configHash());
    return record;
  }

  /** The sweep's metrics, in its order: the defaults from {@code defaults}, the rest measured. */
  private Map<Metric, BigDecimal> metrics(
      Map<Metric, BigDecimal> defaults, @Nullable FlowsReport flows, ExperimentConfig config) {
    Map<Metric, BigDecimal> metrics = new LinkedHashMap<>();
    for (Metric m : plan.spec().measured()) {
      metrics.put(
          m,
          m.isDefault()
              ? defaults.get(m)
              : StudyMetric.parse(m.column()).value(checkNotNull(flows), config));
    }
    return metrics;
  }

  private Map<String, String> parameters(RunSpec spec) {
    Map<String, String> values = new LinkedHashMap<>();
    List<SweepParameter> parameters = plan.spec().parameters();
    for (int j = 0; j < parameters.size(); j++) {
      values.put(parameters.get(j).path(), spec.values().get(j).text());
    }
    return values;
  }

  /** " --seed S --set PATH=VALUE ...": the options that make this run with netsim run. */
  private String reproduce(RunSpec spec) {
    StringBuilder args = new StringBuilder(" --seed ").append(spec.seed());
    List<SweepParameter> parameters = plan.spec().parameters();
    for (int j = 0; j < parameters.size(); j++) {
      args.append(" --set '")
          .append(spec.values().get(j).override(parameters.get(j).path()))
          .append('\'');
    }
    return args.toString();
  }

  private static String describe(RunRecord record) {
    StringBuilder text = new StringBuilder("seed ").append(record.seed());
    record
        .parameters()
        .forEach((path, value) -> text.append(", ").append(path).append('=').append(value));
    text.append("; ")
        .append(
            record.violations().isEmpty()
                ? "invariants hold"
                : record.violations().size()
                    + " invariant violation"
                    + (record.violations().size() == 1 ? "" : "s"));
    return text.toString();
  }
}
