package netsim.scenario.config;

import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.StopSettings.Builder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code stop} section, bound into {@link StopSettings.Builder}: one row per key, with its
 * meaning; its lines in {@code reference.yaml} and {@code docs/config.md} are generated from the
 * rows ({@code SettingsTableTest}).
 */
final class StopTable {
  /** The rows, in the order of reference.yaml (and of summary.json). */
  static final Section<StopSettings, Builder> SECTION =
      Section.of(
          StopSettings::builder,
          Builder::build,
          List.of(
              Setting.of("at", Readers.POSITIVE_DURATION, Builder::at, StopSettings::at)
                  .shown(StopTable::duration)
                  .doc("the run ends at this virtual time at the latest"),
              Setting.of(
                      "whenAllClosed",
                      Readers.FLAG,
                      Builder::whenAllClosed,
                      StopSettings::whenAllClosed)
                  .doc(
                      "...and as soon as every connection is CLOSED, no packet is in the network"
                          + " and no application action is pending")));

  private StopTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /** The stop {@code node} gives over {@code base} (null for the reference: the defaults). */
  static StopSettings bind(ConfigNode node, @Nullable StopSettings base) {
    return SECTION.build(SECTION.read(node, base == null ? StopSettings.defaults() : base));
  }

  /** A duration as written in a file, whole minutes as {@code 10min}. */
  private static String duration(long nanos) {
    long minute = 60 * Time.SECOND;
    return nanos % minute == 0 && nanos % (60 * minute) != 0
        ? nanos / minute + "min"
        : Units.formatDuration(nanos);
  }
}
