package netsim.cli;

import java.util.List;
import java.util.Set;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Scenarios;
import org.jspecify.annotations.Nullable;

/**
 * Reads a built-in scenario on a thread of its own while the main thread builds picocli's model of
 * the command line, and drops what it read. The first config a process reads pays for loading and
 * initializing Jackson's YAML parser and the binder's tables and for parsing the shared reference
 * document ({@link ConfigLoader#reference()}): about 100 ms of CPU, as long as picocli's model (see
 * benchmarks/RESULTS.md, "Session 11, CLI start-up"). Done here on the second core, the command's
 * own reading of its experiment then finds them ready. Nothing of it reaches an output: reading a
 * config is a function of its text alone and keeps no state but the reference document, which is
 * immutable and the same whichever thread parses it; this thread prints nothing and drops whatever
 * it throws (the command's own reading meets any real problem and reports it).
 */
final class ConfigWarmUp {
  /** The commands that read an experiment before they do anything else. */
  private static final Set<String> READERS = Set.of("run", "validate", "sweep", "hunt", "shrink");

  /** What it reads: a typical experiment (nodes, a link, a listener, a client, TCP settings). */
  private static final String SCENARIO = "bulk-transfer";

  private ConfigWarmUp() {}

  /**
   * Starts reading, on a daemon thread, when {@code args} name a command that reads an experiment
   * (and more than its name); the thread started, or null.
   */
  static @Nullable Thread startFor(String... args) {
    if (args.length < 2 || !READERS.contains(args[0])) {
      return null;
    }
    Thread thread = new Thread(ConfigWarmUp::readDropping, "netsim-config-warm-up");
    thread.setDaemon(true); // the command never waits for it
    thread.start();
    return thread;
  }

  /** What the thread reads (and drops). */
  static ExperimentConfig read() {
    return ConfigLoader.load(
        SCENARIO + ".yaml", Scenarios.CATALOGUE.get(SCENARIO).text(), List.of(), warning -> {});
  }

  private static void readDropping() {
    try {
      read();
    } catch (RuntimeException | Error dropped) {
      // Not this process's experiment: its own reading reports what is wrong, where it is read.
    }
  }
}
