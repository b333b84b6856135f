package netsim.report.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import netsim.report.output.RunWriter;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;

/**
 * Builds an experiment in Java, for a study scripted from code or a JVM notebook, and runs it
 * (docs/embedding.md). It writes no settings of its own: every method sets a key of the experiment
 * file (docs/config.md) as {@code --set PATH=VALUE} would, and {@link #build()} reads the result
 * through the same binder as {@code netsim run FILE}, with the same defaults, checks and errors. So
 * an experiment built here and the YAML file with the same keys are one experiment: same config,
 * same seed, same bytes.
 *
 * <pre>{@code
 * RunReport report =
 *     ExperimentBuilder.named("two-flows")
 *         .dumbbell(2, Map.of("bandwidth", "10Mbps", "delay", "10ms"), Map.of("delay", "2ms"))
 *         .tcp("congestionControl", "cubic")
 *         .listener("d1", 80)
 *         .client("bulk", "s1", "d1:80", Map.of("send", "1MB"))
 *         .run();
 * }</pre>
 */
public final class ExperimentBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String text;
  private final List<String> sets = new ArrayList<>();
  private int listeners;
  private int clients;

  private ExperimentBuilder(String name, String text, int listeners, int clients) {
    this.name = name;
    this.text = text;
    this.listeners = listeners;
    this.clients = clients;
  }

  /**
   * A new experiment called {@code name} (a name as the file's {@code name} takes), all defaults.
   */
  public static ExperimentBuilder named(String name) {
    return new ExperimentBuilder(name + ".yaml", "name: " + yaml(name) + "\n", 0, 0);
  }

  /**
   * The experiment of a file (a study of {@code experiments/studies}, say), to change in code: its
   * {@code listeners} and {@code clients} stay, and {@link #listener} and {@link #client} add to
   * them.
   */
  public static ExperimentBuilder from(Path file) {
    ExperimentConfig config = ConfigLoader.load(file, List.of());
    return new ExperimentBuilder(
        file.toString(), ConfigLoader.read(file), config.listeners().size(), clientEntries(config));
  }

  /** Sets any key of docs/config.md by its path, as {@code --set PATH=VALUE} does. */
  public ExperimentBuilder set(String path, Object value) {
    sets.add(path + "=" + yaml(value));
    return this;
  }

  /** The seed of every random draw. */
  public ExperimentBuilder seed(long seed) {
    return set("seed", seed);
  }

  /** {@code stop.at}: the run ends at this virtual time at the latest ({@code "30s"}). */
  public ExperimentBuilder stopAt(String duration) {
    return set("stop.at", duration);
  }

  /** A key of {@code tcp} for every host ({@code "congestionControl"}, {@code "cubic"}). */
  public ExperimentBuilder tcp(String key, Object value) {
    return set("tcp." + key, value);
  }

  /**
   * A dumbbell of {@code pairs} sender/receiver pairs ({@code s1..sN}, {@code d1..dN}, routers
   * {@code r1}, {@code r2}): {@code bottleneck} holds the link keys of {@code bottleneck}, {@code
   * access} those of every access link, as a mapping for all or a list of one mapping per pair.
   */
  public ExperimentBuilder dumbbell(int pairs, Map<String, ?> bottleneck, Object access) {
    return set("topology.kind", "dumbbell")
        .set("topology.pairs", pairs)
        .set("topology.bottleneck", bottleneck)
        .set("topology.access", access);
  }

  /** A listener on {@code host}:{@code port} that accepts and reads (docs/config.md, listeners). */
  public ExperimentBuilder listener(String host, int port) {
    return listener(host, port, Map.of());
  }

  /** A listener with more keys of a {@code listeners} entry ({@code send}, {@code close}, ...). */
  public ExperimentBuilder listener(String host, int port, Map<String, ?> more) {
    set("listeners[" + listeners + "].host", host);
    set("listeners[" + listeners + "].port", port);
    more.forEach((key, value) -> set("listeners[" + listeners + "]." + key, value));
    listeners++;
    return this;
  }

  /**
   * A client called {@code clientName} on {@code host} that connects to {@code connect} ({@code
   * "d1:80"}), with the other keys of a {@code clients} entry in {@code more}: {@code send}, {@code
   * count}, {@code startJitter}, {@code requests}, {@code flows}, ...
   */
  public ExperimentBuilder client(
      String clientName, String host, String connect, Map<String, ?> more) {
    set("clients[" + clients + "].name", clientName);
    set("clients[" + clients + "].host", host);
    set("clients[" + clients + "].connect", connect);
    more.forEach((key, value) -> set("clients[" + clients + "]." + key, value));
    clients++;
    return this;
  }

  /**
   * The experiment, checked and with every default filled in, as {@code netsim run} would run it.
   *
   * @throws ConfigException for a mistake, naming the field path and the reason
   */
  public ExperimentConfig build() {
    return ConfigLoader.load(name, text, sets);
  }

  /** Builds and runs it, writing no file; the report holds what {@code summary.json} would. */
  public RunReport run() {
    try {
      return new RunReport(RunWriter.run(build(), null));
    } catch (IOException e) {
      throw new IllegalStateException("a run without outputs wrote a file", e);
    }
  }

  /**
   * Builds and runs it, writing its outputs into {@code out} as {@code netsim run --out} does
   * (docs/outputs.md): summary.json, flows.csv, the trace, plots, as {@code outputs} asks.
   *
   * @throws IOException if an output cannot be written; nothing of the run is left then
   */
  public RunReport runInto(Path out) throws IOException {
    return new RunReport(RunWriter.run(build(), out));
  }

  private static int clientEntries(ExperimentConfig config) {
    List<String> entries = new ArrayList<>();
    for (var client : config.clients()) {
      if (!entries.contains(client.entry())) {
        entries.add(client.entry());
      }
    }
    return entries.size();
  }

  /** A value as YAML text: a string as written (YAML like --set's), anything else as JSON. */
  private static String yaml(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as YAML: " + e.getMessage());
    }
  }
}
