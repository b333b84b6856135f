package netsim.scenario.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import netsim.net.link.LinkConfig;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.config.LinkSettings.Builder;
import org.jspecify.annotations.Nullable;

/**
 * A {@code links} entry, bound into {@link LinkSettings.Builder}: its name and nodes by rows (the
 * name read after the nodes, which make its default {@code A-B}), then its two directions: the
 * direction keys it gives over {@code defaults.link} ({@link LinkSettingsTable}), then each
 * direction's own ({@code a_to_b}, {@code b_to_a}).
 */
final class LinkTable {
  /** The keys of a link's settings, without its name and nodes (a topology's links). */
  static final List<String> SETTINGS = settingsKeys();

  /**
   * The base an entry is read over, which it never shows through: an entry must give its nodes, and
   * its name, left out, is made of them ({@link LinkSettings#name}).
   */
  private static final LinkSettings ENTRY = LinkSettings.builder().build();

  private LinkTable() {}

  /** The keys of an entry: its name and nodes, then its settings. */
  static List<String> keys() {
    List<String> keys = new ArrayList<>(section(List.of(), new Names(null)).keys());
    keys.addAll(SETTINGS);
    return List.copyOf(keys);
  }

  private static List<String> settingsKeys() {
    List<String> keys = new ArrayList<>(List.of("a_to_b", "b_to_a"));
    keys.addAll(LinkSettingsTable.keys());
    return List.copyOf(keys);
  }

  /** The topology's links, then the entries of {@code list} between {@code nodes}. */
  static List<LinkSettings> bind(
      ConfigNode list, List<NodeSettings> nodes, LinkConfig defaults, Topology.Expansion topology) {
    List<LinkSettings> links = new ArrayList<>(topology.links());
    Names names = new Names(topology);
    topology.links().forEach(l -> names.taken.add(l.name()));
    Section<LinkSettings, Builder> section = section(nodes, names);
    String[] keys = keys().toArray(String[]::new);
    for (ConfigNode entry : list.elements()) {
      Fields f = entry.fields(keys);
      links.add(section.build(section.read(f, ENTRY), b -> directions(b, f, defaults)));
    }
    return links;
  }

  /**
   * Link {@code name} from {@code a} to {@code b}: the direction keys {@code f} gives over {@code
   * defaults}, then each direction's own ({@code a_to_b}, {@code b_to_a}).
   */
  static LinkSettings link(String name, String a, String b, Fields f, LinkConfig defaults) {
    Builder link = LinkSettings.builder().name(name).a(a).b(b);
    directions(link, f, defaults);
    return link.build();
  }

  private static void directions(Builder link, Fields f, LinkConfig defaults) {
    String[] direction = LinkSettingsTable.keys().toArray(String[]::new);
    LinkConfig both = LinkSettingsTable.bind(f, defaults);
    link.aToB(
        f.has("a_to_b") ? LinkSettingsTable.bind(f.get("a_to_b").fields(direction), both) : both);
    link.bToA(
        f.has("b_to_a") ? LinkSettingsTable.bind(f.get("b_to_a").fields(direction), both) : both);
  }

  private static final Setting<LinkSettings, Builder, String> NAME =
      Setting.ifGiven("name", Readers.NEW_NAME, Builder::name);

  /** The rows; the nodes name {@code nodes}, the names are checked against {@code names}. */
  private static Section<LinkSettings, Builder> section(List<NodeSettings> nodes, Names names) {
    Setting<LinkSettings, Builder, String> a =
        Setting.of("a", n -> ConfigBinder.node(n, nodes, false).name(), Builder::a, LinkSettings::a)
            .mustBeGiven();
    Setting<LinkSettings, Builder, String> b =
        Setting.of("b", n -> ConfigBinder.node(n, nodes, false).name(), Builder::b, LinkSettings::b)
            .mustBeGiven();
    return Section.of(LinkSettings::builder, Builder::build, List.of(NAME, a, b))
        .withCheckAfter(
            "b",
            v -> {
              if (v.get(a).equals(v.get(b))) {
                throw v.at(b)
                    .error(
                        "a link needs two different nodes; got "
                            + ConfigException.quote(v.get(a))
                            + " twice");
              }
            })
        .withReadAfter("name", "b")
        .withCheckAfter(
            "name", v -> names.add(v, LinkSettings.name(v.get(NAME), v.get(a), v.get(b))));
  }

  /**
   * The links with a direction from node {@code from} to node {@code to} (only {@code onlyLink},
   * when it is not null), each with whether that direction is its a-to-b one.
   */
  static List<Map.Entry<LinkSettings, Boolean>> directions(
      String from, String to, List<LinkSettings> links, @Nullable String onlyLink) {
    List<Map.Entry<LinkSettings, Boolean>> found = new ArrayList<>();
    for (LinkSettings link : links) {
      boolean forward = link.a().equals(from) && link.b().equals(to);
      boolean backward = link.b().equals(from) && link.a().equals(to);
      if ((forward || backward) && (onlyLink == null || link.name().equals(onlyLink))) {
        found.add(Map.entry(link, forward));
      }
    }
    return found;
  }

  /** "no link direction 'a->b' (known: ...)", located at {@code at}. */
  static ConfigException noDirection(ConfigNode at, String direction, List<LinkSettings> links) {
    List<String> known = new ArrayList<>();
    for (LinkSettings link : links) {
      known.add(link.directionName(true));
      known.add(link.directionName(false));
    }
    return at.error(
        "no link direction "
            + ConfigException.quote(direction)
            + " (known: "
            + String.join(", ", known)
            + ")");
  }

  /** The link names taken so far: the topology's, then the earlier entries'. */
  private static final class Names {
    final Topology.@Nullable Expansion topology;
    final Set<String> taken = new LinkedHashSet<>();

    Names(Topology.@Nullable Expansion topology) {
      this.topology = topology;
    }

    void add(Section.Values<LinkSettings> v, String name) {
      if (!taken.add(name)) {
        throw v.at(NAME)
            .error(
                "duplicate link name '"
                    + name
                    + "'"
                    + (topology != null && topology.hasLink(name)
                        ? ", a link of " + topology.origin()
                        : "")
                    + " (give the link a name of its own)");
      }
    }
  }
}
