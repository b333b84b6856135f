package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import netsim.scenario.config.PartitionSettings.Builder;

/**
 * A {@code partitions} entry, bound into {@link PartitionSettings.Builder}: one row per key. The
 * table of {@code docs/config.md} is generated from the rows ({@code SettingsTableTest}).
 */
final class PartitionTable {
  private static final Setting<PartitionSettings, Builder, Long> AT =
      Setting.of("at", Readers.DURATION, Builder::at, PartitionSettings::at)
          .mustBeGiven()
          .doc("when every link with its ends on two different sides goes down, both ways");

  private static final Setting<PartitionSettings, Builder, Long> UNTIL =
      Setting.of("until", Readers.DURATION, Builder::until, PartitionSettings::until)
          .defaultIs("never")
          .doc("when those links come back up");

  /** What an entry is that gives only its required keys: a partition that never heals. */
  static final PartitionSettings DEFAULTS = PartitionSettings.builder().build();

  private PartitionTable() {}

  /** The rows; a side names {@code nodes}. */
  static Section<PartitionSettings, Builder> section(List<NodeSettings> nodes) {
    return Section.of(
            PartitionSettings::builder,
            Builder::build,
            List.of(
                AT,
                UNTIL,
                Setting.of("sides", n -> sides(n, nodes), Builder::sides, PartitionSettings::sides)
                    .mustBeGiven()
                    .doc("two or more lists of node names, e.g. `[[client], [server, router]]`")))
        .withCheckAfter("until", PartitionTable::checkUntil);
  }

  /** The keys, in document order. */
  static List<String> keys() {
    return section(List.of()).keys();
  }

  /** The partitions of {@code list}, their sides naming {@code nodes}. */
  static List<PartitionSettings> bind(ConfigNode list, List<NodeSettings> nodes) {
    Section<PartitionSettings, Builder> section = section(nodes);
    List<PartitionSettings> partitions = new ArrayList<>();
    for (ConfigNode entry : list.elements()) {
      partitions.add(section.build(section.read(entry, DEFAULTS)));
    }
    return partitions;
  }

  private static void checkUntil(Section.Values<PartitionSettings> v) {
    long until = v.get(UNTIL);
    if (until >= 0 && until <= v.get(AT)) {
      throw v.at(UNTIL).error("until must come after at");
    }
  }

  /** At least two sides, each node on one of them. */
  private static List<List<String>> sides(ConfigNode node, List<NodeSettings> nodes) {
    List<List<String>> sides = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<ConfigNode> sideNodes = node.elements();
    if (sideNodes.size() < 2) {
      throw node.error("a partition needs at least two sides, e.g. [[client]," + " [server]]");
    }
    for (ConfigNode side : sideNodes) {
      List<String> names = new ArrayList<>();
      for (ConfigNode member : side.elements()) {
        String name = ConfigBinder.node(member, nodes, false).name();
        if (!seen.add(name)) {
          throw member.error("node " + quote(name) + " is on two sides");
        }
        names.add(name);
      }
      sides.add(List.copyOf(names));
    }
    return List.copyOf(sides);
  }
}
