package netsim.explore.hunt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.run.ExpectedOutcome;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.Invariants;
import netsim.scenario.run.RunResult;

/**
 * Runs one experiment under many seeds and reports the seeds in which a detector fired. Runs go to
 * a pool of threads, but results are taken in seed order, so what a hunt reports (the finds, and
 * with a limit the smallest seeds that fire) never depends on the number of threads. Each run is
 * the same as {@code netsim run FILE --seed S}, so every find replays.
 */
public final class Hunt {
  /** A seed whose run the detector fired on, with every occurrence it found. */
  public record Find(long seed, List<Detection> detections) {
    /** "seed 37: stale SYN ... (and 2 more)". */
    public String line() {
      String more = detections.size() > 1 ? " (and " + (detections.size() - 1) + " more)" : "";
      return "seed " + seed + ": " + detections.get(0).description() + more;
    }
  }

  /**
   * How far a hunt got.
   *
   * @param runs how many seeds were run, from the first of the range on
   * @param lastSeed the last seed run
   * @param limitReached whether it stopped because it had found enough
   * @param expected how many expected outcomes (not violations) of each kind those runs had
   */
  public record Outcome(
      List<Find> finds,
      long runs,
      long lastSeed,
      boolean limitReached,
      Map<ExpectedOutcome.Kind, Long> expected) {}

  /** What one seed's run gave: a find or null, and its expected outcomes by kind. */
  private record SeedResult(Find find, long[] expected) {}

  /** Where a hunt is: {@code runs} seeds done in order, {@code found} finds among them. */
  public record Progress(long runs, long total, int found) {}

  /** Progress is reported after every this many seeds. */
  public static final long PROGRESS_EVERY = 1000;

  private final ExperimentConfig config;
  private final Detector detector;
  private final SeedRange seeds;
  private final int threads;
  private final long limit;

  /**
   * @param threads runs at once (at least 1)
   * @param limit stop after this many finds (at least 1; Long.MAX_VALUE for no limit)
   */
  public Hunt(
      ExperimentConfig config, Detector detector, SeedRange seeds, int threads, long limit) {
    if (threads < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1, got " + threads);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
    }
    this.config = config;
    this.detector = detector;
    this.seeds = seeds;
    this.threads = threads;
    this.limit = limit;
  }

  /**
   * Hunts, telling {@code onFind} of each find and {@code onProgress} every {@link #PROGRESS_EVERY}
   * seeds, in seed order, on the calling thread.
   *
   * @throws HuntException if a run fails, naming its seed
   */
  public Outcome run(Consumer<Find> onFind, Consumer<Progress> onProgress) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "hunt");
              thread.setDaemon(true);
              return thread;
            });
    List<Find> finds = new ArrayList<>();
    long[] expected = new long[ExpectedOutcome.Kind.values().length];
    Deque<Future<SeedResult>> pending = new ArrayDeque<>();
    int window = 4 * threads;
    long next = seeds.first(); // the next seed to submit
    boolean submittedAll = false;
    long runs = 0;
    long lastSeed = seeds.first() - 1;
    try {
      while (true) {
        while (!submittedAll && pending.size() < window) {
          long seed = next;
          pending.add(pool.submit(() -> runSeed(seed)));
          if (seed == seeds.last()) {
            submittedAll = true;
          } else {
            next++;
          }
        }
        if (pending.isEmpty()) {
          return new Outcome(finds, runs, lastSeed, false, tally(expected));
        }
        SeedResult result = await(pending.removeFirst(), lastSeed + 1);
        runs++;
        lastSeed++;
        for (int k = 0; k < expected.length; k++) {
          expected[k] += result.expected()[k];
        }
        Find find = result.find();
        if (find != null) {
          finds.add(find);
          onFind.accept(find);
          if (finds.size() >= limit) {
            return new Outcome(finds, runs, lastSeed, true, tally(expected));
          }
        }
        if (runs % PROGRESS_EVERY == 0) {
          onProgress.accept(new Progress(runs, seeds.size(), finds.size()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private SeedResult runSeed(long seed) {
    Watch watch = detector.watch();
    RunResult result = new Experiment(withSeed(config, seed), watch).run();
    List<Detection> found = watch.detections();
    long[] expected = new long[ExpectedOutcome.Kind.values().length];
    for (ExpectedOutcome e : Invariants.verdict(result, result.connections()).expected()) {
      expected[e.kind().ordinal()]++;
    }
    return new SeedResult(found.isEmpty() ? null : new Find(seed, List.copyOf(found)), expected);
  }

  /** The counts by kind, leaving out the kinds that never happened. */
  private static Map<ExpectedOutcome.Kind, Long> tally(long[] counts) {
    Map<ExpectedOutcome.Kind, Long> tally = new EnumMap<>(ExpectedOutcome.Kind.class);
    for (ExpectedOutcome.Kind kind : ExpectedOutcome.Kind.values()) {
      if (counts[kind.ordinal()] > 0) {
        tally.put(kind, counts[kind.ordinal()]);
      }
    }
    return tally;
  }

  private static SeedResult await(Future<SeedResult> future, long seed) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HuntException("interrupted at seed " + seed, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutOfMemoryError oom) {
        throw oom; // the command says so, with its own status
      }
      throw new HuntException(
          "the run with seed " + seed + " failed: " + e.getCause(), e.getCause());
    }
  }

  /** {@code config} with another master seed. */
  public static ExperimentConfig withSeed(ExperimentConfig c, long seed) {
    return new ExperimentConfig(
        c.name(),
        c.description(),
        seed,
        c.stop(),
        c.tcp(),
        c.nodes(),
        c.links(),
        c.changes(),
        c.partitions(),
        c.listeners(),
        c.clients(),
        c.rules(),
        c.invariants(),
        c.outputs(),
        c.udpSources(),
        c.udpSinks());
  }

  /** A hunt that could not go on: a run failed. */
  public static final class HuntException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HuntException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
