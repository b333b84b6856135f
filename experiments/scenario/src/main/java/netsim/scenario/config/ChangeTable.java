package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import netsim.net.link.LinkConfig;
import netsim.scenario.config.ConfigNode.Fields;
import org.jspecify.annotations.Nullable;

/**
 * A {@code changes} entry, bound into {@link Entry.Builder}: one row per key. Entries apply in the
 * order of their {@code at} (then of the file), each to the link direction's values in force, so a
 * {@code set} is merged when its turn comes. The table of {@code docs/config.md} is generated from
 * the rows ({@code SettingsTableTest}).
 */
final class ChangeTable {
  private static final List<String> BOTH = List.of("a_to_b", "b_to_a");

  /**
   * A change as written: when, which link and directions, and one of a {@code set} (merged into the
   * values in force), {@code down} or {@code up}.
   */
  record Entry(
      long at,
      String link,
      List<String> directions,
      @Nullable UnaryOperator<LinkConfig> set,
      @Nullable Boolean down,
      @Nullable Boolean up) {
    /** The direction's values once this change is applied to {@code current}. */
    LinkConfig applyTo(LinkConfig current) {
      if (set != null) {
        return set.apply(current);
      }
      boolean upNow = down != null ? !down : up;
      return current.toBuilder().up(upNow).build();
    }

    /** Collects the keys of a change ({@link ChangeTable}). */
    static final class Builder {
      private long at;
      private String link = "";
      private List<String> directions = BOTH;
      private @Nullable UnaryOperator<LinkConfig> set;
      private @Nullable Boolean down;
      private @Nullable Boolean up;

      Builder at(long value) {
        at = value;
        return this;
      }

      Builder link(String value) {
        link = value;
        return this;
      }

      Builder directions(List<String> value) {
        directions = value;
        return this;
      }

      Builder set(@Nullable UnaryOperator<LinkConfig> value) {
        set = value;
        return this;
      }

      Builder down(@Nullable Boolean value) {
        down = value;
        return this;
      }

      Builder up(@Nullable Boolean value) {
        up = value;
        return this;
      }

      Entry build() {
        return new Entry(at, link, directions, set, down, up);
      }
    }
  }

  private static final Setting<Entry, Entry.Builder, Long> AT =
      Setting.of("at", Readers.DURATION, Entry.Builder::at, Entry::at)
          .mustBeGiven()
          .doc("virtual time of the change");

  /** What an entry is before its keys: both directions, nothing done yet. */
  static final Entry DEFAULTS = new Entry.Builder().build();

  private ChangeTable() {}

  /** The rows; the link is one of {@code links}. */
  static Section<Entry, Entry.Builder> section(List<LinkSettings> links) {
    String[] direction = LinkSettingsTable.keys().toArray(String[]::new);
    return Section.<Entry, Entry.Builder>of(
            Entry.Builder::new,
            Entry.Builder::build,
            List.of(
                AT,
                Setting.of("link", n -> link(n, links), Entry.Builder::link, Entry::link)
                    .mustBeGiven()
                    .doc("the link's name"),
                Setting.of(
                        "direction",
                        ChangeTable::directions,
                        Entry.Builder::directions,
                        Entry::directions)
                    .shown(d -> d.size() == 1 ? d.get(0) : "both")
                    .doc("`both`, `a_to_b` or `b_to_a`"),
                Setting.<Entry, Entry.Builder, UnaryOperator<LinkConfig>>of(
                        "set",
                        n -> current -> LinkSettingsTable.bind(n.fields(direction), current),
                        Entry.Builder::set,
                        Entry::set)
                    .defaultIs("none")
                    .doc("new values of any link key (merged with the values in force)"),
                Setting.<Entry, Entry.Builder, Boolean>of(
                        "down", Readers.FLAG, Entry.Builder::down, Entry::down)
                    .defaultIs("none")
                    .doc(
                        "`true`: take the direction(s) down (packets on the wire are lost);"
                            + " `false`: bring them up"),
                Setting.<Entry, Entry.Builder, Boolean>of(
                        "up", Readers.FLAG, Entry.Builder::up, Entry::up)
                    .defaultIs("none")
                    .doc("`true`: bring the direction(s) up; `false`: take them down")))
        .withCheckAfter("direction", ChangeTable::checkOneAction);
  }

  /** The keys, in document order. */
  static List<String> keys() {
    return section(List.of()).keys();
  }

  /**
   * The changes of {@code list}, one per direction changed, in the order they apply: by {@code at},
   * then as written; each direction's values merged with those in force.
   */
  static List<ChangeSettings> bind(ConfigNode list, List<LinkSettings> links) {
    record Pending(long at, int index, ConfigNode node) {}
    Section<Entry, Entry.Builder> section = section(links);
    String[] keys = section.keys().toArray(String[]::new);
    List<Pending> pending = new ArrayList<>();
    List<ConfigNode> entries = list.elements();
    for (int i = 0; i < entries.size(); i++) {
      long at = AT.read().read(entries.get(i).fields(keys).require(AT.key()), null);
      pending.add(new Pending(at, i, entries.get(i)));
    }
    pending.sort(Comparator.comparingLong(Pending::at).thenComparingInt(Pending::index));
    Map<String, LinkConfig> current = new LinkedHashMap<>();
    for (LinkSettings link : links) {
      current.put(link.name() + "/a_to_b", link.aToB());
      current.put(link.name() + "/b_to_a", link.bToA());
    }
    List<ChangeSettings> changes = new ArrayList<>();
    for (Pending p : pending) {
      Entry change = section.build(section.read(p.node(), DEFAULTS));
      for (String d : change.directions()) {
        String key = change.link() + "/" + d;
        LinkConfig next = change.applyTo(current.get(key));
        current.put(key, next);
        changes.add(new ChangeSettings(change.at(), change.link(), d.equals("a_to_b"), next));
      }
    }
    return changes;
  }

  private static String link(ConfigNode node, List<LinkSettings> links) {
    String name = node.name();
    if (links.stream().noneMatch(l -> l.name().equals(name))) {
      throw node.error(
          "no link named "
              + quote(name)
              + " (known: "
              + String.join(", ", links.stream().map(LinkSettings::name).toList())
              + ")");
    }
    return name;
  }

  private static List<String> directions(ConfigNode node) {
    String direction = node.text();
    return switch (direction) {
      case "both" -> BOTH;
      case "a_to_b", "b_to_a" -> List.of(direction);
      default ->
          throw node.error("unknown direction '" + direction + "' (known: both, a_to_b, b_to_a)");
    };
  }

  /** A change does one thing: sets values, or takes down, or brings up. */
  private static void checkOneAction(Section.Values<Entry> v) {
    Fields f = v.fields();
    int given = (f.has("set") ? 1 : 0) + (f.has("down") ? 1 : 0) + (f.has("up") ? 1 : 0);
    if (given != 1) {
      throw f.node().error("a change needs exactly one of set, down, up");
    }
  }
}
