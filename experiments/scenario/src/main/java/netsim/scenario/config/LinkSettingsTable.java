package netsim.scenario.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /**
   * The keys of {@code queue}: the discipline, its limits, then the parameters of sim-net's
   * disciplines.
   */
  static final List<String> QUEUE = queueKeys();

  /** The keys of a loss mapping: the model, then every parameter of sim-net's loss models. */
  static final List<String> LOSS = lossKeys();

  /** The rows, in the order of reference.yaml (and of summary.json's link directions). */
  static final Section<LinkConfig, Builder> SECTION =
      Section.of(
          LinkConfig::builder,
          Builder::build,
          List.of(
              Setting.of("bandwidth", ConfigNode::rate, Builder::bandwidth, LinkConfig::bandwidth),
              Setting.of("delay", Readers.DURATION, Builder::delay, LinkConfig::delay),
              Setting.<LinkConfig, Builder, Long>of(
                  "jitter", Readers.DURATION, Builder::jitter, c -> spread(c.jitter())),
              Setting.of(
                  "jitterDistribution",
                  n -> ConfigBinder.known(n, Jitter.DISTRIBUTIONS),
                  Builder::jitterDistribution,
                  LinkConfig::jitterDistribution),
              Setting.of(
                  "jitterReorders",
                  Readers.FLAG,
                  Builder::jitterReorders,
                  LinkConfig::jitterReorders),
              new Setting<LinkConfig, Builder, NamedQueue>(
                  "queue", LinkSettingsTable::queue, Builder::queue, LinkConfig::namedQueue),
              Setting.<LinkConfig, Builder, LossModel.Spec>of(
                  "loss", LinkSettingsTable::loss, Builder::loss, LinkConfig::loss),
              Setting.of(
                  "duplicate", Readers.PROBABILITY, Builder::duplicate, LinkConfig::duplicate),
              Setting.of("corrupt", Readers.PROBABILITY, Builder::corrupt, LinkConfig::corrupt),
              Setting.<LinkConfig, Builder, Double>of(
                  "reorder", Readers.PROBABILITY, Builder::reorder, LinkConfig::reorder),
              Setting.of(
                  "reorderGap",
                  n -> (int) n.integer(0, Integer.MAX_VALUE),
                  Builder::reorderGap,
                  LinkConfig::reorderGap),
              Setting.of("up", Readers.FLAG, Builder::up, LinkConfig::up)));

  private LinkSettingsTable() {}

  private static List<String> queueKeys() {
    List<String> keys = new ArrayList<>(List.of("kind", "packets", "bytes"));
    QueueDisciplines.PARAMETERS.forEach(p -> keys.add(p.key()));
    return List.copyOf(keys);
  }

  private static List<String> lossKeys() {
    Set<String> keys = new LinkedHashSet<>(List.of("model"));
    for (String model : LossModel.MODELS.names()) {
      keys.addAll(LossModel.MODELS.get(model).parameters());
    }
    return List.copyOf(keys);
  }

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

  /**
   * The spread of a jitter the config made (a jitter of the API's own, such as a table, has none).
   */
  static long spread(Jitter jitter) {
    if (jitter instanceof Jitter.Spread spread) {
      return spread.spread();
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
    for (QueueDisciplines.Parameter parameter : QueueDisciplines.PARAMETERS) {
      if (f.has(parameter.key())) {
        parameters.put(parameter.key(), parameterText(f.get(parameter.key()), parameter));
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

  /**
   * A queue parameter's value as the discipline reads it, checked first within the bounds of every
   * duration and number (sim-net would read "Infinity" or "0x1p3" as a double); sizes as bytes.
   */
  private static String parameterText(ConfigNode value, QueueDisciplines.Parameter parameter) {
    String text = value.text(); // a single value first, whatever its kind
    return switch (parameter.kind()) {
      case DURATION -> {
        value.duration();
        yield text;
      }
      case DECIMAL -> {
        value.decimal();
        yield text;
      }
      case BYTES -> Long.toString(value.size(parameter.min(), parameter.max()));
      case INTEGER -> Long.toString(value.integer(parameter.min(), parameter.max()));
      case BOOLEAN -> Boolean.toString(value.bool());
      case WORD -> text;
    };
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
    LossModel.Form form = LossModel.MODELS.get(model);
    for (String key : LOSS.subList(1, LOSS.size())) {
      if (f.has(key) && !form.takes(key)) {
        throw f.get(key)
            .error(
                model
                    + " loss takes "
                    + (form.parameters().isEmpty()
                        ? "no parameters"
                        : "only " + String.join(", ", form.parameters())));
      }
    }
    Map<String, Double> given = new LinkedHashMap<>();
    for (int i = 0; i < form.parameters().size(); i++) {
      String key = form.parameters().get(i);
      if (i < form.required() || f.has(key)) {
        given.put(key, f.require(key).probability());
      }
    }
    LossModel.Spec spec =
        form.make()
            .apply(
                new LossModel.Parameters() {
                  @Override
                  public boolean has(String name) {
                    return given.containsKey(name);
                  }

                  @Override
                  public double get(String name) {
                    return given.get(name);
                  }
                });
    return spec instanceof LossModel.Bernoulli b ? bernoulli(b.p()) : spec;
  }

  /** Bernoulli loss; a loss of 0 is none. */
  private static LossModel.Spec bernoulli(double p) {
    return p == 0 ? LossModel.NONE : new LossModel.Bernoulli(p);
  }
}
