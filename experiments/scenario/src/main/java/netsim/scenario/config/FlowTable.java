package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.config.DistributionReader.Quantity;
import netsim.scenario.config.FlowSettings.Builder;
import org.jspecify.annotations.Nullable;

/**
 * A client's finite flows ({@code defaults.client.flows}, a client's {@code flows}), bound into
 * {@link FlowSettings.Builder}: one row per key; {@code load:} and {@code link:}, which go together
 * and replace {@code interval}, are read after the rows ({@link #bind}).
 */
final class FlowTable {
  /** The rows, in the order of reference.yaml. */
  static final Section<FlowSettings, Builder> SECTION =
      Section.of(
          FlowSettings::builder,
          Builder::build,
          List.of(
              Setting.of(
                  "count", n -> (int) n.integer(1, 1_000_000), Builder::count, FlowSettings::count),
              Setting.of(
                  "size",
                  n -> DistributionReader.read(n, Quantity.SIZE),
                  Builder::size,
                  FlowSettings::size),
              Setting.of(
                  "interval",
                  Readers.POSITIVE_DURATION,
                  Builder::interval,
                  FlowSettings::interval)));

  /** Every key of a {@code flows} mapping: the rows, then the load's. */
  static final String[] KEYS = {"count", "size", "interval", "load", "link"};

  private FlowTable() {}

  /** The keys of the rows, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /**
   * The flows {@code node} gives over {@code base} (null for the reference, which gives no load):
   * with the keys {@code load:} and {@code link:}, the interval that makes the flows offer that
   * fraction of the link's a_to_b bandwidth, on average. {@code links} is null for defaults, which
   * take no load.
   */
  static FlowSettings bind(
      ConfigNode node, @Nullable FlowSettings base, @Nullable List<LinkSettings> links) {
    Fields f = node.fields(KEYS);
    FlowSettings flows = SECTION.build(SECTION.read(f, base));
    if (!f.has("load") && !f.has("link")) {
      return flows;
    }
    if (links == null) {
      throw (f.has("load") ? f.get("load") : f.get("link"))
          .error("load and link go in a client's own flows, not in defaults");
    }
    if (f.has("load") != f.has("link")) {
      throw (f.has("load") ? f.get("load") : f.get("link"))
          .error("load and link go together: the load is a fraction of that link's bandwidth");
    }
    if (f.has("interval")) {
      throw f.get("interval")
          .error("give interval or load (with link), not both: the load sets the interval");
    }
    ConfigNode loadNode = f.get("load");
    BigDecimal load = loadNode.decimal();
    if (load.signum() <= 0 || load.compareTo(BigDecimal.ONE) >= 0) {
      throw loadNode.error(
          "out of range: "
              + load.toPlainString()
              + " (expected a load above 0 and below 1: at 1 or more, flows arrive faster than"
              + " the link can carry them and pile up without end)");
    }
    ConfigNode linkNode = f.get("link");
    String name = linkNode.name();
    LinkSettings link = null;
    List<String> known = new ArrayList<>();
    for (LinkSettings l : links) {
      known.add(l.name());
      if (l.name().equals(name)) {
        link = l;
      }
    }
    if (link == null) {
      throw linkNode.error(
          "no link named " + quote(name) + " (known: " + String.join(", ", known) + ")");
    }
    long bandwidth = link.aToB().bandwidth();
    if (bandwidth == 0) {
      throw linkNode.error(
          "link " + quote(name) + " has unlimited bandwidth: a load needs a link with a rate");
    }
    double perSecond = load.doubleValue() * bandwidth / (8 * flows.size().mean());
    double interval = 1e9 / perSecond;
    if (interval < 1 || interval > InputLimits.MAX_DURATION) {
      throw loadNode.error(
          "the mean time between arrivals would be "
              + (interval < 1 ? "below 1ns" : "above " + InputLimits.MAX_DURATION_TEXT)
              + "; change the load or the sizes");
    }
    return new FlowSettings(
        flows.count(), flows.size(), Math.round(interval), load.doubleValue(), name);
  }
}
