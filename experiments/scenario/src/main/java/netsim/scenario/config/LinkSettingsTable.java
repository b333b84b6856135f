package netsim.scenario.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.net.link.Jitter;
import netsim.net.link.LinkConfig;
import netsim.net.link.LinkConfig.Builder;
import netsim.net.link.LinkConfig.NamedQueue;
import netsim.net.link.LossModel;
import netsim.net.link.QueueDisciplines;
import netsim.scenario.config.ConfigNode.Fields;
import org.jspecify.annotations.Nullable;

/**
 * The keys of one link direction ({@code defaults.link}, a link entry, {@code a_to_b}, {@code
 * b_to_a}, a change's {@code set}), bound straight into sim-net's {@link LinkConfig.Builder}: one
 * row per key. Jitter distributions, queue disciplines and loss models are looked up in sim-net's
 * registries, so adding one there is all it takes.
 */
final class LinkSettingsTable {
  /** The keys of {@code queue}: the discipline, its limits, then its own parameters. */
  static final List<String> QUEUE =
      List.of(
          "kind",
          "packets",
          "bytes",
          "min",
          "max",
          "probability",
          "weight",
          "gentle",
          "mode",
          "idlePacketTime",
          "meanPacketSize",
          "maxPacketSize",
          "target",
          "interval",
          "ecn",
          "adaptive",
          "flows",
          "quantum",
          "updateInterval",
          "alpha",
          "beta",
          "maxBurst");

  /** The keys of a loss mapping. */
  static final List<String> LOSS = List.of("model", "p", "r", "1-h", "1-k");

  /** The rows, in the order of reference.yaml (and of summary.json's link directions). */
  static final Section<LinkConfig, Builder> SECTION =
      Section.of(
          LinkConfig::builder,
          Builder::build,
          List.of(
              Setting.of("bandwidth", ConfigNode::rate, Builder::bandwidth, LinkConfig::bandwidth),
              Setting.of("delay", ConfigNode::duration, Builder::delay, LinkConfig::delay),
              Setting.<LinkConfig, Builder, Long>of(
                  "jitter", ConfigNode::duration, Builder::jitter, c -> spread(c.jitter())),
              Setting.of(
                  "jitterDistribution",
                  n -> ConfigBinder.known(n, Jitter.DISTRIBUTIONS),
                  Builder::jitterDistribution,
                  LinkConfig::jitterDistribution),
              Setting.of(
                  "jitterReorders",
                  ConfigNode::bool,
                  Builder::jitterReorders,
                  LinkConfig::jitterReorders),
              new Setting<LinkConfig, Builder, NamedQueue>(
                  "queue", LinkSettingsTable::queue, Builder::queue, LinkConfig::namedQueue),
              Setting.<LinkConfig, Builder, LossModel.Spec>of(
                  "loss", LinkSettingsTable::loss, Builder::loss, LinkConfig::loss),
              Setting.of(
                  "duplicate", ConfigNode::probability, Builder::duplicate, LinkConfig::duplicate),
              Setting.of("corrupt", ConfigNode::probability, Builder::corrupt, LinkConfig::corrupt),
              Setting.<LinkConfig, Builder, Double>of(
                  "reorder", ConfigNode::probability, Builder::reorder, LinkConfig::reorder),
              Setting.of(
                  "reorderGap",
                  n -> (int) n.integer(0, Integer.MAX_VALUE),
                  Builder::reorderGap,
                  LinkConfig::reorderGap),
              Setting.of("up", ConfigNode::bool, Builder::up, LinkConfig::up)));

  /** The parameters of the AQM disciplines, passed to sim-net's queue disciplines by name. */
  private static final List<String> QUEUE_PARAMETERS = QUEUE.subList(3, QUEUE.size());

  private LinkSettingsTable() {}

  /** The keys of a direction, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /**
   * The direction given by {@code f} over {@code base} (null for the reference, which must give
   * every key), checked by sim-net too: its refusal is reported at {@code loss} if given, else at
   * the mapping.
   */
  static LinkConfig bind(Fields f, @Nullable LinkConfig base) {
    try {
      return SECTION.build(SECTION.read(f, base));
    } catch (IllegalArgumentException e) {
      throw (f.has("loss") ? f.get("loss") : f.node()).error(e.getMessage());
    }
  }

  /** The spread of a jitter the config made: the range of uniform, else sigma; 0 for none. */
  static long spread(Jitter jitter) {
    if (jitter instanceof Jitter.Uniform u) {
      return u.range();
    } else if (jitter instanceof Jitter.Normal n) {
      return n.sigma();
    } else if (jitter instanceof Jitter.Pareto p) {
      return p.sigma();
    } else if (jitter instanceof Jitter.ParetoNormal p) {
      return p.sigma();
    } else if (jitter instanceof Jitter.None) {
      return 0;
    }
    throw new IllegalArgumentException("jitter " + jitter + " has no spread a config can give");
  }

  /** A queue mapping, merged into {@code base} (keys it leaves out keep their values). */
  private static NamedQueue queue(ConfigNode node, NamedQueue base) {
    Fields f = node.fields(QUEUE.toArray(String[]::new));
    Map<String, String> parameters = new LinkedHashMap<>();
    if (base != null) {
      parameters.putAll(base.parameters());
    }
    for (String key : QUEUE_PARAMETERS) {
      if (f.has(key)) {
        ConfigNode value = f.get(key);
        String text = value.text();
        switch (key) {
          // The disciplines' times and numbers: within the bounds of every duration and number
          // (sim-net would read "Infinity" or "0x1p3" as a double); sizes as bytes.
          case "target", "interval", "idlePacketTime", "updateInterval", "maxBurst" ->
              value.duration();
          case "min", "max", "probability", "weight", "alpha", "beta" -> value.decimal();
          case "meanPacketSize", "maxPacketSize", "quantum" ->
              text = Long.toString(value.size(1, 65535));
          case "ecn", "adaptive" -> text = Boolean.toString(value.bool());
          case "flows" -> text = Long.toString(value.integer(1, 65536));
          default -> {}
        }
        parameters.put(key, text);
      }
    }
    NamedQueue queue =
        new NamedQueue(
            ConfigBinder.pick(
                f,
                "kind",
                base,
                NamedQueue::kind,
                n -> ConfigBinder.known(n, QueueDisciplines.DISCIPLINES)),
            ConfigBinder.pick(
                f, "packets", base, NamedQueue::packets, n -> (int) n.integer(1, 1_000_000)),
            ConfigBinder.pick(f, "bytes", base, NamedQueue::bytes, n -> n.size(0, 1L << 40)),
            parameters);
    try {
      queue.spec();
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
    return queue;
  }

  /** A number is Bernoulli loss; a mapping names the model and its parameters. */
  private static LossModel.Spec loss(ConfigNode node) {
    if (!node.isMapping()) {
      if (node.isNumber() || node.text().trim().endsWith("%")) {
        return bernoulli(node.probability());
      }
      throw node.error(
          "expected a loss probability such as 0.01 or a mapping such as"
              + " {model: gilbert-elliott, p: 0.01, r: 0.3}; got "
              + node.describe());
    }
    Fields f = node.fields(LOSS.toArray(String[]::new));
    String model =
        f.has("model") ? ConfigBinder.known(f.get("model"), LossModel.MODELS) : "bernoulli";
    switch (model) {
      case "none":
        return LossModel.NONE;
      case "bernoulli":
        for (String key : new String[] {"r", "1-h", "1-k"}) {
          if (f.has(key)) {
            throw f.get(key).error("bernoulli loss takes only p");
          }
        }
        return bernoulli(f.require("p").probability());
      default:
        double p = f.require("p").probability();
        return new LossModel.GilbertElliott(
            p,
            f.has("r") ? f.get("r").probability() : 1 - p,
            f.has("1-h") ? f.get("1-h").probability() : 1,
            f.has("1-k") ? f.get("1-k").probability() : 0);
    }
  }

  private static LossModel.Spec bernoulli(double p) {
    return p == 0 ? LossModel.NONE : new LossModel.Bernoulli(p);
  }
}
