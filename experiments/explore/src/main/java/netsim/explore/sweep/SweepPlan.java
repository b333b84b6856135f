package netsim.explore.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Time;
import netsim.scenario.Version;
import netsim.scenario.config.ConfigBinder;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ConfigWarning;
import netsim.scenario.config.EffectiveConfig;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.Overrides;
import netsim.scenario.config.RunSize;
import netsim.scenario.config.YamlDocument;

/**
 * A sweep ready to run: the experiment file (with the command line's overrides), its {@code sweep:}
 * section, the runs in order and the config of each. A run's config is the file with the values of
 * its point applied as {@code --set} overrides, and its seed: derived as {@code
 * RandomStreams.deriveSeed(masterSeed, "sweep", runIndex)}, or one of the listed seeds. The config
 * hash is the SHA-256 of the effective config (every default filled in) with the sweep's expanded
 * values and seeds, so it changes with anything that changes a result, and not with comments or
 * formatting.
 */
public final class SweepPlan {
  /** The purpose under which run seeds are derived from the master seed. */
  public static final String SEED_PURPOSE = "sweep";

  private final String name;
  private final List<String> overrides;
  private final YamlDocument reference;
  private final SweepSpec spec;
  private final ExperimentConfig base;
  private final String definition;
  private final String hash;
  private final List<ConfigWarning> warnings;

  /** The file with the command line's overrides, parsed once; each run binds a copy. */
  private final YamlDocument parsed;

  private SweepPlan(YamlDocument file, List<String> overrides) {
    this.name = file.name();
    this.overrides = List.copyOf(overrides);
    this.reference = ConfigLoader.reference();
    this.parsed = document(file);
    YamlDocument document = parsed.copy();
    this.spec = SweepSpec.read(document);
    this.base = ConfigBinder.bind(document, reference);
    checkMetricLinks(document);
    checkWarmup(document);
    this.warnings = document.warnings();
    this.definition = Json.pretty(definitionTree());
    this.hash = Sha256.hex(definition);
  }

  /**
   * Reads a sweep file with command-line overrides ({@code --set}, {@code --seed}).
   *
   * @throws ConfigException for a missing file or a mistake, located
   */
  public static SweepPlan load(Path file, List<String> overrides) {
    return new SweepPlan(YamlDocument.load(file), overrides);
  }

  /** Reads sweep YAML {@code text} named {@code name} (for messages). */
  public static SweepPlan of(String name, String text, List<String> overrides) {
    return new SweepPlan(YamlDocument.parse(name, text), overrides);
  }

  private YamlDocument document(YamlDocument document) {
    if (!document.root().isObject()) {
      throw new ConfigException(name, 1, 1, "", "expected a mapping with a sweep section");
    }
    Overrides.apply(document, overrides);
    return document;
  }

  /**
   * Every link a chosen metric names is a link or a link direction of the experiment, and every
   * client one names is a client entry's name.
   */
  private void checkMetricLinks(YamlDocument document) {
    List<Metric> metrics = spec.metrics() == null ? List.of() : spec.metrics();
    for (int i = 0; i < metrics.size(); i++) {
      Metric metric = metrics.get(i);
      if (!metric.isDefault()) {
        StudyMetric study = StudyMetric.parse(metric.column());
        if (study.link() != null && study.direction(base) == null) {
          throw document.error(
              "sweep.metrics[" + i + "]",
              "no link or link direction named "
                  + ConfigException.quote(study.link())
                  + " (known: "
                  + StudyMetric.knownLinks(base)
                  + ")");
        }
        if (study.client() != null && !study.hasClient(base)) {
          throw document.error(
              "sweep.metrics[" + i + "]",
              "no client named "
                  + ConfigException.quote(study.client())
                  + " (known: "
                  + StudyMetric.knownClients(base)
                  + ")");
        }
      }
    }
  }

  /**
   * A warm-up ends before the run does (unless the run has no {@code stop.at}), and applies to an
   * experiment of TCP flows only: a UDP source's flow is measured over its whole sending time.
   */
  private void checkWarmup(YamlDocument document) {
    long warmup = spec.warmup();
    if (warmup == 0) {
      return;
    }
    if (base.stop().at() > 0 && warmup >= base.stop().at()) {
      throw document.error(
          "sweep.warmup",
          Time.format(warmup)
              + " is not before stop.at ("
              + Time.format(base.stop().at())
              + "): nothing would be measured");
    }
    if (!base.udpSources().isEmpty()) {
      throw document.error(
          "sweep.warmup",
          "a warm-up measures TCP flows from it on; this experiment has UDP sources, whose flows"
              + " are measured over their whole sending time: remove the warm-up or the UDP"
              + " sources");
    }
  }

  /** The parameters' paths, in order. */
  List<String> paths() {
    return spec.parameters().stream().map(SweepParameter::path).toList();
  }

  /**
   * Whether run {@code index}'s kept outputs are all in {@code kept} (always, when nothing is
   * kept).
   */
  public boolean keptComplete(KeptRuns kept, long index) throws java.io.IOException {
    if (!kept.any()) {
      return true;
    }
    RunSpec run = run(index);
    return kept.complete(kept.directory(run, paths(), valueNames(run)));
  }

  /** The names of each parameter's values in kept runs' directories, as plots name them. */
  List<String> valueNames(RunSpec run) {
    List<String> names = new ArrayList<>();
    int[] at = spec.combinations().get((int) run.point());
    for (int j = 0; j < spec.parameters().size(); j++) {
      names.add(ValueLabels.of(spec.parameters().get(j).texts()).get(at[j]));
    }
    return names;
  }

  /** Whether a run must measure its flows (a metric the file chose needs them). */
  public boolean measuresFlows() {
    return spec.measured().stream().anyMatch(m -> !m.isDefault());
  }

  private ObjectNode definitionTree() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.set("experiment", EffectiveConfig.tree(base));
    ObjectNode sweep = root.putObject("sweep");
    ObjectNode parameters = sweep.putObject("parameters");
    for (SweepParameter p : spec.parameters()) {
      ArrayNode values = parameters.putArray(p.path());
      p.values().forEach(v -> values.add(v.value()));
    }
    if (spec.parameters().stream()
        .anyMatch(p -> p.values().stream().anyMatch(v -> v.label() != null))) {
      ObjectNode labels = sweep.putObject("labels");
      for (SweepParameter p : spec.parameters()) {
        ArrayNode texts = labels.putArray(p.path());
        p.values().forEach(v -> texts.add(v.text()));
      }
    }
    if (!spec.zip().isEmpty()) {
      ArrayNode zip = sweep.putArray("zip");
      for (List<Integer> group : spec.zip()) {
        ArrayNode members = zip.addArray();
        group.forEach(j -> members.add(spec.parameters().get(j).path()));
      }
    }
    if (spec.constraint() != null) {
      sweep.put("constraint", spec.constraint().text());
    }
    if (spec.listedSeeds()) {
      ArrayNode seeds = sweep.putArray("seeds");
      spec.seeds().forEach(seeds::add);
    } else {
      sweep.put("repetitions", spec.repetitions());
      sweep.put("seedPurpose", SEED_PURPOSE);
    }
    if (spec.metrics() != null) {
      ArrayNode metrics = sweep.putArray("metrics");
      spec.metrics().forEach(m -> metrics.add(m.column()));
    }
    if (spec.warmup() > 0) {
      sweep.put("warmup", Time.format(spec.warmup()));
    }
    return root;
  }

  /** The warnings about the file's own values (see {@link ConfigWarning}). */
  public List<ConfigWarning> warnings() {
    return warnings;
  }

  public SweepSpec spec() {
    return spec;
  }

  /** The experiment with the file's own values (no sweep point applied). */
  public ExperimentConfig base() {
    return base;
  }

  public long masterSeed() {
    return base.seed();
  }

  public long runs() {
    return spec.runs();
  }

  /** The SHA-256 of {@link #definition()}, in hex. */
  public String configHash() {
    return hash;
  }

  /** The effective config and the sweep, as JSON: the text {@code config.json} holds. */
  public String definition() {
    return definition;
  }

  /** How run seeds are chosen, in words, for the provenance of every output. */
  public String seedRule() {
    if (spec.listedSeeds()) {
      return "the seeds of sweep.seeds at every point";
    }
    return "RandomStreams.deriveSeed(" + masterSeed() + ", \"" + SEED_PURPOSE + "\", run)";
  }

  /** The manifest of this sweep (or of one share of it). */
  public SweepManifest manifest(Shard shard) {
    List<SweepManifest.Parameter> parameters = new ArrayList<>();
    for (SweepParameter p : spec.parameters()) {
      parameters.add(new SweepManifest.Parameter(p.path(), p.texts()));
    }
    return new SweepManifest(
        Version.get(),
        base.name(),
        hash,
        masterSeed(),
        seedRule(),
        spec.runsPerPoint(),
        spec.points(),
        spec.runs(),
        parameters,
        spec.measured(),
        shard.isAll() ? null : shard,
        spec.everyCombination() ? null : spec.combinations(),
        spec.zip().stream()
            .map(g -> g.stream().map(j -> spec.parameters().get(j).path()).toList())
            .toList());
  }

  /** Run {@code index} (0 to runs - 1). */
  public RunSpec run(long index) {
    if (index < 0 || index >= runs()) {
      throw new IllegalArgumentException("run " + index + " is not in 0.." + (runs() - 1));
    }
    int perPoint = spec.runsPerPoint();
    long point = index / perPoint;
    int repetition = (int) (index % perPoint);
    long seed =
        spec.listedSeeds()
            ? spec.seeds().get(repetition)
            : RandomStreams.deriveSeed(masterSeed(), SEED_PURPOSE, index);
    return new RunSpec(index, point, repetition, seed, spec.valuesAt(point));
  }

  /**
   * The config of {@code run}: the file, the command line's overrides, the point's values and the
   * run's seed.
   *
   * @throws ConfigException when a value does not fit, located at the value in the sweep section
   */
  public ExperimentConfig config(RunSpec run) {
    return config(run, List.of());
  }

  /**
   * The config of {@code run} with {@code outputs} applied last: overrides of what the run writes
   * ({@code outputs.trace=true}), which change no result.
   */
  public ExperimentConfig config(RunSpec run, List<String> outputs) {
    YamlDocument document = parsed.copy();
    List<SweepParameter> parameters = spec.parameters();
    List<String> applied = new ArrayList<>();
    for (int j = 0; j < parameters.size(); j++) {
      String override = run.values().get(j).override(parameters.get(j).path());
      try {
        Overrides.apply(document, List.of(override));
      } catch (ConfigException e) {
        int[] at = document.location(parameters.get(j).origin());
        throw new ConfigException(
            document.fileOf(parameters.get(j).origin()),
            at[0],
            at[1],
            parameters.get(j).origin(),
            e.problem());
      }
      applied.add(override);
    }
    Overrides.apply(document, List.of("seed=" + run.seed()));
    Overrides.apply(document, outputs);
    try {
      ExperimentConfig config = ConfigBinder.bind(document, reference);
      RunSize.check(config, document, Runtime.getRuntime().maxMemory());
      return config;
    } catch (ConfigException e) {
      throw locate(e, run, applied, document);
    }
  }

  /** An error about a swept value, moved to where the value is written. */
  private ConfigException locate(
      ConfigException e, RunSpec run, List<String> applied, YamlDocument document) {
    List<SweepParameter> parameters = spec.parameters();
    for (int j = 0; j < parameters.size(); j++) {
      if (e.file().equals("--set " + applied.get(j))) {
        SweepParameter p = parameters.get(j);
        SweepValue v = run.values().get(j);
        if (e.problem().startsWith("unknown key")) {
          // The path names nothing the config has: the key is wrong, not the value.
          int[] at = document.location(p.origin());
          return e.relocated(
              document.fileOf(p.origin()), at[0], at[1], p.origin(), e.path() + ": " + e.problem());
        }
        String problem =
            (v.origin().equals(p.origin()) ? "the range's value " + v.text() + ": " : "")
                + (e.path().equals(p.path()) ? "" : e.path() + ": ")
                + e.problem();
        int[] at = document.location(v.origin());
        return e.relocated(document.fileOf(v.origin()), at[0], at[1], v.origin(), problem);
      }
    }
    List<String> point = new ArrayList<>();
    for (int j = 0; j < parameters.size(); j++) {
      point.add(parameters.get(j).path() + "=" + run.values().get(j).text());
    }
    String problem = e.problem() + " (at the sweep point " + String.join(", ", point) + ")";
    for (int j = 0; j < parameters.size(); j++) {
      String path = parameters.get(j).path();
      if (!e.path().isEmpty()
          && (path.startsWith(e.path() + ".") || path.startsWith(e.path() + "["))) {
        // A check of a whole section failed (tcp: maxRto below minRto) with a swept value in it.
        SweepValue v = run.values().get(j);
        int[] at = document.location(v.origin());
        return e.relocated(
            document.fileOf(v.origin()), at[0], at[1], v.origin(), e.path() + ": " + problem);
      }
    }
    return e.relocated(e.file(), e.line(), e.column(), e.path(), problem);
  }

  /**
   * Checks that every point binds, before anything runs.
   *
   * @throws ConfigException at the first value that does not fit, located
   */
  public void validate() {
    for (long point = 0; point < spec.points(); point++) {
      config(run(point * spec.runsPerPoint()));
    }
  }
}
