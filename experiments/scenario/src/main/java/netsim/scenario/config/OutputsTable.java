package netsim.scenario.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import netsim.core.Time;
import netsim.scenario.config.OutputSettings.Builder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code outputs} section, bound into {@link OutputSettings.Builder}: one row per key, with its
 * meaning; its lines in {@code reference.yaml} and {@code docs/config.md} are generated from the
 * rows ({@code SettingsTableTest}). The capture points are checked against the topology after the
 * nodes and links are bound ({@code ConfigBinder}).
 */
final class OutputsTable {
  /** The shortest time-series interval: finer would write rows faster than events happen. */
  static final long MIN_INTERVAL = 1_000; // 1us

  /** The rows, in the order of reference.yaml (and of summary.json). */
  static final Section<OutputSettings, Builder> SECTION =
      Section.of(
          OutputSettings::builder,
          Builder::build,
          List.of(
              flag("trace", Builder::trace, OutputSettings::trace)
                  .doc("`trace.jsonl` (see [trace.md](trace.md))"),
              flag("pcap", Builder::pcap, OutputSettings::pcap)
                  .doc("`HOST.pcap` for every host, all its interfaces"),
              flag("summary", Builder::summary, OutputSettings::summary)
                  .doc(
                      "`summary.json`, and `flows.csv` beside it (per-flow metrics, see"
                          + " [outputs.md](outputs.md))"),
              flag("ladder", Builder::ladder, OutputSettings::ladder).doc("`ladder.svg`"),
              Setting.of(
                      "ladderMaxSegments",
                      n -> (int) n.integer(1, 100_000),
                      Builder::ladderMaxSegments,
                      OutputSettings::ladderMaxSegments)
                  .doc("the ladder stops with a visible note after this many segments"),
              flag("plots", Builder::plots, OutputSettings::plots)
                  .doc(
                      "`timeseq.svg` (tcptrace-style time-sequence graph) and `cwnd.svg`"
                          + " (congestion window over time) when a segment of the run carries"
                          + " data; `netsim run --plots` writes them for any run"),
              Setting.of(
                      "interval",
                      OutputsTable::interval,
                      Builder::interval,
                      OutputSettings::interval)
                  .shown(Units::formatDuration)
                  .doc(
                      "with a duration (0, or at least `1us`): `timeseries.csv`, every flow's"
                          + " throughput, congestion window and RTT and every link direction's"
                          + " queue, sojourn time, drops, ECN marks and throughput per interval"
                          + " of this length, and its plots `queue.svg` and `throughput.svg` (see"
                          + " [outputs.md](outputs.md#time-series-timeseriescsv)); 0 writes none"),
              Setting.of(
                      "capture",
                      OutputsTable::captureNames,
                      Builder::capture,
                      OutputSettings::capture)
                  .doc(
                      "more packet captures: a link direction `\"r1->r2\"` (every link from `r1`"
                          + " to `r2`) writes `r1-to-r2.pcap`, the packets its transmitter sends,"
                          + " as they start; a link's name (`bottleneck`) is its `a_to_b`"
                          + " direction (in a `topology`, the data's: `r1->r2`); a node (a"
                          + " router) writes `NODE.pcap`, every packet crossing its interfaces,"
                          + " as hosts' captures do. Names as the file and its `topology` make"
                          + " them; an unknown one is refused, with the known ones")));

  private OutputsTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /** The outputs {@code node} gives over {@code base} (null for the reference: the defaults). */
  static OutputSettings bind(ConfigNode node, @Nullable OutputSettings base) {
    return SECTION.build(SECTION.read(node, base == null ? OutputSettings.defaults() : base));
  }

  private static Setting<OutputSettings, Builder, Boolean> flag(
      String key, BiConsumer<Builder, Boolean> set, Function<OutputSettings, Boolean> get) {
    return Setting.of(key, Readers.FLAG, set, get);
  }

  private static long interval(ConfigNode node) {
    long interval = node.duration();
    if (interval != 0 && interval < MIN_INTERVAL) {
      throw node.error("0 (no time series) or at least 1us; got " + Time.format(interval));
    }
    return interval;
  }

  private static List<String> captureNames(ConfigNode node) {
    List<String> names = new ArrayList<>();
    for (ConfigNode element : node.elements()) {
      names.add(element.text().trim());
    }
    return List.copyOf(names);
  }
}
