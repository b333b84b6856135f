package netsim.scenario.config;

import java.util.List;
import netsim.scenario.config.InvariantSettings.Builder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code invariants} section, bound into {@link InvariantSettings.Builder}: one row per key,
 * with its meaning; its lines in {@code reference.yaml} and {@code docs/config.md} are generated
 * from the rows ({@code SettingsTableTest}).
 */
final class InvariantsTable {
  /** The rows, in the order of reference.yaml (and of summary.json). */
  static final Section<InvariantSettings, Builder> SECTION =
      Section.of(
          InvariantSettings::builder,
          Builder::build,
          List.of(
              Setting.of(
                      "dataIntact",
                      Readers.FLAG,
                      Builder::dataIntact,
                      InvariantSettings::dataIntact)
                  .doc(
                      "every byte read equals the byte the peer sent, in order; a receiver that"
                          + " got the peer's FIN got all of it"),
              Setting.of(
                      "allClosed", Readers.FLAG, Builder::allClosed, InvariantSettings::allClosed)
                  .doc(
                      "no connection left open without reason: in a state other than CLOSED or"
                          + " TIME_WAIT (a listener's child back in LISTEN is fine) while its peer"
                          + " did not give up (a connection whose peer gave up is an expected"
                          + " outcome, see"
                          + " [reliability.md](reliability.md#invariants-and-expected-outcomes));"
                          + " turn off for a run meant to end with connections open"),
              Setting.of(
                      "noEmbryonic",
                      Readers.FLAG,
                      Builder::noEmbryonic,
                      InvariantSettings::noEmbryonic)
                  .doc("no listener's child left in SYN_RECEIVED")));

  private InvariantsTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /** The invariants {@code node} gives over {@code base} (null for the reference: the defaults). */
  static InvariantSettings bind(ConfigNode node, @Nullable InvariantSettings base) {
    return SECTION.build(SECTION.read(node, base == null ? InvariantSettings.defaults() : base));
  }
}
