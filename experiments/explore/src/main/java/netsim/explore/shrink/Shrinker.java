package netsim.explore.shrink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import netsim.core.Time;
import netsim.explore.hunt.Detection;
import netsim.explore.hunt.Detector;
import netsim.explore.hunt.Watch;
import netsim.net.fault.FaultChain;
import netsim.net.fault.FaultRule;
import netsim.scenario.config.ClientSettings;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.config.ExperimentConfig;
import netsim.scenario.config.ListenerSettings;
import netsim.scenario.config.YamlDocument;
import netsim.scenario.config.YamlWriter;
import netsim.scenario.run.EventSink;
import netsim.scenario.run.Experiment;
import netsim.scenario.run.RunException;
import netsim.scenario.run.RunResult;

/**
 * Shrinks a run in which a detector fired to a small config that still makes it fire: records the
 * run's random impairment decisions ({@link DecisionRecorder}), checks that replaying them as rules
 * without random streams reproduces the run, then cuts the traffic (fewer connections, fewer bytes)
 * and the decisions (ddmin, {@link DeltaDebugging}) as far as the detector keeps firing, rounds the
 * delays that are left, and writes the result as YAML: the same config with the random impairments
 * removed and the decisions that matter as targeted rules.
 */
public final class Shrinker {
  /** How many times traffic cuts and ddmin take turns at most. */
  private static final int ROUNDS = 3;

  private static final long[] ROUNDING = {
    Time.SECOND,
    100 * Time.MILLISECOND,
    10 * Time.MILLISECOND,
    Time.MILLISECOND,
    100 * Time.MICROSECOND,
    10 * Time.MICROSECOND,
    Time.MICROSECOND
  };

  /**
   * What a shrink produced.
   *
   * @param recorded how many random decisions the original run made
   * @param decisions the decisions kept, each one or more rules
   * @param rules how many rules the shrunk config has beyond the original's own
   * @param traffic the traffic edits, as overrides ("clients[0].connections=2")
   * @param yaml the shrunk config
   * @param detection what the detector saw in the shrunk config's run
   * @param replayDifference null when replaying every decision reproduced the original trace
   * @param runs how many runs the shrink made
   */
  public record Result(
      int recorded,
      List<Decision> decisions,
      int rules,
      List<String> traffic,
      String yaml,
      Detection detection,
      String replayDifference,
      int runs) {}

  private final String command;
  private final YamlDocument document;
  private final Detector detector;
  private final Consumer<String> log;
  private ReplayConfig replay;
  private int runs;

  /**
   * @param command how the shrink was asked for, for the header of the YAML it writes
   * @param document the experiment, overrides and seed applied
   * @param log told of every step, one line each
   */
  public Shrinker(String command, YamlDocument document, Detector detector, Consumer<String> log) {
    this.command = command;
    this.document = document;
    this.detector = detector;
    this.log = log;
  }

  /**
   * Shrinks the run: records its decisions, checks their replay, and reduces them.
   *
   * @throws ShrinkException if the seed does not make the detector fire, or its replay does not
   */
  public Result shrink() {
    ExperimentConfig config = ReplayConfig.bind(document);
    Watch watch = detector.watch();
    TraceFingerprint originalTrace = new TraceFingerprint();
    Experiment experiment = new Experiment(config, watch, originalTrace);
    DecisionRecorder recorder = new DecisionRecorder(config, experiment);
    experiment.run();
    runs++;
    List<Detection> found = watch.detections();
    if (found.isEmpty()) {
      throw new ShrinkException(
          "seed "
              + config.seed()
              + " does not make "
              + detector.name()
              + " fire in "
              + config.name()
              + " (find one with 'netsim hunt')");
    }
    log.accept(detector.name() + " fires in the recorded run: " + found.get(0).description());
    FaultSchedule schedule = recorder.schedule();
    List<Decision> decisions = schedule.decisions();
    log.accept(
        "recorded "
            + count(decisions)
            + " on "
            + schedule.baselines().size()
            + " link direction"
            + (schedule.baselines().size() == 1 ? "" : "s")
            + (schedule.unreplayable() > 0
                ? "; "
                    + schedule.unreplayable()
                    + " more fell on"
                    + " packets the config's own rules took and cannot be replayed"
                : ""));
    replay = new ReplayConfig(document.name(), document.root(), config, schedule);

    ExperimentConfig replayConfig = ReplayConfig.bind(replay.document(decisions, List.of()));
    Watch replayWatch = detector.watch();
    TraceFingerprint replayTrace = new TraceFingerprint();
    run(replayConfig, replayWatch, replayTrace);
    String difference = difference(config, originalTrace, replayConfig, replayTrace);
    boolean fires = replayWatch.fired();
    log.accept(
        "replay of the "
            + decisions.size()
            + " decisions as rules, without random"
            + " streams: "
            + (difference == null
                ? "the same trace (" + originalTrace.events() + " events)"
                : "a different trace (" + difference + ")")
            + "; "
            + detector.name()
            + (fires ? " fires" : " does not fire"));
    if (!fires) {
      throw new ShrinkException(
          "replaying the recorded decisions as rules does not make "
              + detector.name()
              + " fire, so there is nothing to shrink from");
    }

    List<String> traffic = cutTraffic(decisions, List.of());
    decisions = minimize(decisions, traffic);
    for (int round = 1; round < ROUNDS; round++) {
      // Fewer decisions may allow a smaller traffic, and that in turn fewer decisions.
      List<String> more = cutTraffic(decisions, traffic);
      if (more.equals(traffic)) {
        break;
      }
      traffic = more;
      decisions = minimize(decisions, traffic);
    }
    decisions = roundDelays(decisions, traffic);
    return finish(schedule, decisions, traffic, difference);
  }

  // --- Steps ------------------------------------------------------------------------------------

  /** Leaves out the unused decisions, then ddmin. */
  private List<Decision> minimize(List<Decision> decisions, List<String> traffic) {
    if (decisions.isEmpty()) {
      return decisions;
    }
    List<Decision> used = prune(decisions, traffic);
    log.accept("ddmin over " + used.size() + " decision" + (used.size() == 1 ? "" : "s"));
    DeltaDebugging<Decision> ddmin =
        new DeltaDebugging<>(used, subset -> fires(subset, traffic), log);
    List<Decision> minimal = ddmin.minimize();
    log.accept(
        "ddmin: "
            + minimal.size()
            + " decision"
            + (minimal.size() == 1 ? "" : "s")
            + " left after "
            + ddmin.tests()
            + " runs");
    return minimal;
  }

  /** Fewer connections per client, fewer bytes per client and listener, while it still fires. */
  private List<String> cutTraffic(List<Decision> decisions, List<String> traffic) {
    List<String> edits = new ArrayList<>(traffic);
    ExperimentConfig current = ReplayConfig.bind(replay.document(decisions, edits));
    Set<String> entries = new LinkedHashSet<>(); // an entry with a count makes several clients
    for (ClientSettings client : current.clients()) {
      if (entries.add(client.entry())) {
        cut(decisions, edits, client.entry() + ".connections", client.connections(), 1);
        cut(decisions, edits, client.entry() + ".send", client.app().send(), 0);
      }
    }
    for (int i = 0; i < current.listeners().size(); i++) {
      ListenerSettings listener = current.listeners().get(i);
      cut(decisions, edits, "listeners[" + i + "].send", listener.app().send(), 0);
    }
    return edits;
  }

  /** Sets {@code path} to the smallest value from {@code least} up that still fires. */
  private void cut(
      List<Decision> decisions, List<String> edits, String path, long value, long least) {
    for (long candidate : smaller(value, least)) {
      List<String> trial = new ArrayList<>(edits);
      trial.add(path + "=" + candidate);
      if (fires(decisions, trial)) {
        edits.removeIf(edit -> edit.startsWith(path + "="));
        edits.add(path + "=" + candidate);
        log.accept("traffic: " + path + " " + value + " -> " + candidate + ": still fires");
        return;
      }
    }
  }

  /** Values below {@code value}, from {@code least} up: each one up to 16, then halvings. */
  private static List<Long> smaller(long value, long least) {
    List<Long> values = new ArrayList<>();
    for (long v = least; v < value && v <= least + 16; v++) {
      values.add(v);
    }
    List<Long> halvings = new ArrayList<>();
    for (long v = value / 2; v > least + 16; v /= 2) {
      halvings.add(0, v);
    }
    values.addAll(halvings);
    return values;
  }

  /** Leaves out the decisions whose rules took no packet (their packets no longer exist). */
  private List<Decision> prune(List<Decision> decisions, List<String> traffic) {
    YamlDocument doc = replay.document(decisions, traffic);
    RunResult result = run(ReplayConfig.bind(doc));
    Map<String, Long> taken = new HashMap<>();
    for (FaultChain chain : result.chains()) {
      for (FaultRule rule : chain.rules()) {
        taken.merge(rule.name(), rule.taken(), Long::sum);
      }
    }
    List<Decision> used = new ArrayList<>();
    ScheduleRules.Compiled compiled = replay.rules(decisions);
    for (Map.Entry<String, Decision> rule : compiled.byName().entrySet()) {
      if (taken.getOrDefault(rule.getKey(), 0L) > 0) {
        used.add(rule.getValue());
      }
    }
    List<Decision> kept = new ArrayList<>();
    for (Decision d : decisions) {
      if (used.contains(d)) {
        kept.add(d);
      }
    }
    if (kept.size() < decisions.size() && fires(kept, traffic)) {
      log.accept(
          "unused: "
              + (decisions.size() - kept.size())
              + " decisions fell on packets"
              + " that no longer exist; "
              + kept.size()
              + " left");
      return kept;
    }
    return decisions;
  }

  /**
   * Each delay rounded as coarsely as it can be while the detector still fires, to a value within
   * half and one and a half times the original (353.557105ms may become 400ms, not 1s).
   */
  private List<Decision> roundDelays(List<Decision> decisions, List<String> traffic) {
    List<Decision> current = new ArrayList<>(decisions);
    for (int i = 0; i < current.size(); i++) {
      Decision d = current.get(i);
      if (d.kind() != Decision.Kind.DELAY) {
        continue;
      }
      for (long unit : ROUNDING) {
        long rounded = Math.max(unit, (d.delay() + unit / 2) / unit * unit);
        if (rounded == d.delay()) {
          break;
        }
        if (2 * rounded < d.delay() || 2 * rounded > 3 * d.delay()) {
          continue;
        }
        List<Decision> trial = new ArrayList<>(current);
        trial.set(i, d.withDelay(rounded));
        if (fires(trial, traffic)) {
          current = trial;
          log.accept(
              "rounding: "
                  + Time.format(d.delay())
                  + " -> "
                  + Time.format(rounded)
                  + ": still fires");
          break;
        }
      }
    }
    return current;
  }

  private Result finish(
      FaultSchedule schedule, List<Decision> decisions, List<String> traffic, String difference) {
    YamlDocument shrunk = replay.document(decisions, traffic);
    ObjectNode root = (ObjectNode) shrunk.root();
    ExperimentConfig base = replay.original();
    ScheduleRules.Compiled compiled = replay.rules(decisions);
    String rules = compiled.rules().size() + " rule" + (compiled.rules().size() == 1 ? "" : "s");
    root.put("name", base.name() + "-shrunk");
    String firstLine = base.description().lines().findFirst().orElse("").trim();
    root.put(
        "description",
        detector.name()
            + " in "
            + base.name()
            + " (seed "
            + base.seed()
            + "), shrunk: "
            + decisions.size()
            + " of "
            + schedule.decisions().size()
            + " random decisions kept, as "
            + rules
            + (traffic.isEmpty() ? "" : ", traffic cut")
            + ".\nShrunk by: "
            + command
            + "\n"
            + (firstLine.isEmpty() ? "" : "The original: " + firstLine + "\n"));
    String yaml =
        header(schedule, decisions, compiled, traffic) + comment(YamlWriter.write(root), compiled);
    ExperimentConfig check = ConfigLoader.load("shrunk.yaml", yaml, List.of());
    Watch watch = detector.watch();
    run(check, watch);
    List<Detection> found = watch.detections();
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "the shrunk config does not make "
              + detector.name()
              + " fire, which is a bug in netsim shrink");
    }
    log.accept(
        "shrunk: "
            + schedule.decisions().size()
            + " decisions -> "
            + decisions.size()
            + " ("
            + rules
            + ")"
            + (traffic.isEmpty() ? "" : ", traffic " + String.join(" ", traffic))
            + "; "
            + runs
            + " runs");
    return new Result(
        schedule.decisions().size(),
        List.copyOf(decisions),
        compiled.rules().size(),
        List.copyOf(traffic),
        yaml,
        found.get(0),
        difference,
        runs);
  }

  private String header(
      FaultSchedule schedule,
      List<Decision> decisions,
      ScheduleRules.Compiled compiled,
      List<String> traffic) {
    StringBuilder text = new StringBuilder("# Shrunk by: " + command + "\n");
    if (schedule.decisions().isEmpty()) {
      text.append("# The run made no random impairment decision.\n");
    } else {
      text.append("# The run made ")
          .append(schedule.decisions().size())
          .append(" random impairment decisions; ")
          .append(decisions.size())
          .append(decisions.size() == 1 ? " still matters" : " still matter")
          .append(", replayed by the ")
          .append(compiled.rules().size())
          .append(compiled.rules().size() == 1 ? " rule" : " rules")
          .append(" below.\n")
          .append(
              "# The links lost their random impairments (loss, duplicate, corrupt, jitter,"
                  + " reorder) and keep\n# as fixed delay the shortest delay they gave a packet.\n");
    }
    if (!traffic.isEmpty()) {
      text.append("# Traffic cut: ").append(String.join(", ", traffic)).append(".\n");
    }
    return text.append('\n').toString();
  }

  /** {@code yaml} with a comment above each rule saying what it replays. */
  private static String comment(String yaml, ScheduleRules.Compiled compiled) {
    StringBuilder out = new StringBuilder();
    for (String line : yaml.split("\n", -1)) {
      String trimmed = line.stripLeading();
      if (trimmed.startsWith("- name: ")) {
        Decision d = compiled.byName().get(trimmed.substring("- name: ".length()));
        if (d != null) {
          String indent = line.substring(0, line.length() - trimmed.length());
          out.append(indent).append("# ").append(d.describe()).append('\n');
        }
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  // --- Runs -------------------------------------------------------------------------------------

  /** Runs {@code config} with {@code sinks}, keeping no list of its events. */
  private RunResult run(ExperimentConfig config, EventSink... sinks) {
    runs++;
    return new Experiment(config, sinks).run();
  }

  /** Whether the detector fires when {@code decisions} are replayed with {@code traffic}. */
  private boolean fires(List<Decision> decisions, List<String> traffic) {
    try {
      Watch watch = detector.watch();
      run(ReplayConfig.bind(replay.document(decisions, traffic)), watch);
      return watch.fired();
    } catch (RunException | ConfigException e) {
      return false; // a cut that makes the experiment impossible does not keep it
    }
  }

  /**
   * Null when the replay reproduced the original's trace, else where they part: "event 212 of 340:
   * expected ..., got ...". The two lines are found by running each once more (runs are
   * deterministic), not counted among the shrink's runs: they only explain a replay that failed.
   */
  private static String difference(
      ExperimentConfig original,
      TraceFingerprint originalTrace,
      ExperimentConfig replayed,
      TraceFingerprint replayTrace) {
    int at = originalTrace.firstDifference(replayTrace);
    if (at < 0) {
      return null;
    }
    if (at == Math.min(originalTrace.compared(), replayTrace.compared())) {
      return "the original has "
          + originalTrace.compared()
          + " events, the replay "
          + replayTrace.compared();
    }
    return "event "
        + (at + 1)
        + " of "
        + originalTrace.compared()
        + ": expected "
        + lineAt(original, at)
        + ", got "
        + lineAt(replayed, at);
  }

  private static String lineAt(ExperimentConfig config, int index) {
    TraceFingerprint.LineAt line = new TraceFingerprint.LineAt(index);
    new Experiment(config, line).run();
    return line.line();
  }

  /** "87 random decisions (3 drops, 2 duplications, 82 delays)". */
  private static String count(List<Decision> decisions) {
    Map<Decision.Kind, Integer> kinds = new LinkedHashMap<>();
    for (Decision.Kind kind : Decision.Kind.values()) {
      kinds.put(kind, 0);
    }
    decisions.forEach(d -> kinds.merge(d.kind(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Decision.Kind, Integer> e : kinds.entrySet()) {
      if (e.getValue() > 0) {
        parts.add(e.getValue() + " " + e.getKey().noun() + (e.getValue() == 1 ? "" : "s"));
      }
    }
    return decisions.size()
        + " random decision"
        + (decisions.size() == 1 ? "" : "s")
        + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }
}
