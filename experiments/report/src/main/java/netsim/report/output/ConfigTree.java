package netsim.report.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import netsim.scenario.config.EffectiveConfig;
import netsim.scenario.config.ExperimentConfig;

/**
 * {@code summary.json}'s effective config ({@link EffectiveConfig#tree}), made on a thread of its
 * own while the run goes on, so that the run's thread does not pay for it at the end: the first
 * tree of a process costs more than a short run (Jackson's serializers of the config's records are
 * built then; about 90 ms of CPU, measured in benchmarks/RESULTS.md, "Session 10, CLI speed"). The
 * tree is a function of the config alone, which is immutable: it is the same whichever thread makes
 * it, and whenever.
 */
final class ConfigTree {
  private final FutureTask<JsonNode> tree;

  private ConfigTree(Callable<JsonNode> making) {
    this.tree = new FutureTask<>(making);
  }

  /** Starts making the tree of {@code config}. */
  static ConfigTree start(ExperimentConfig config) {
    return start(() -> EffectiveConfig.tree(config));
  }

  /** Starts {@code making} the tree. */
  static ConfigTree start(Callable<JsonNode> making) {
    ConfigTree made = new ConfigTree(making);
    Thread thread = new Thread(made.tree, "netsim-config-tree");
    thread.setDaemon(true); // a failed run does not wait for it
    thread.start();
    return made;
  }

  /** The tree, once made (waits for it); what making it threw, thrown here. */
  JsonNode get() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return tree.get();
        } catch (InterruptedException e) {
          interrupted = true; // the tree is needed either way; it takes milliseconds
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
