package netsim.scenario.config;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.config.ListenerSettings.Builder;
import org.jspecify.annotations.Nullable;

/**
 * A listener ({@code defaults.listener}, a {@code listeners} entry), bound into {@link
 * ListenerSettings.Builder}: its own rows, then the application's ({@link AppTable}). The defaults
 * give the backlog and the application; an entry also its host, port and start.
 */
final class ListenerTable {
  static final Setting<ListenerSettings, Builder, Integer> BACKLOG =
      Setting.of(
          "backlog", n -> (int) n.integer(1, 65535), Builder::backlog, ListenerSettings::backlog);

  /** The rows of {@code defaults.listener} before the application's. */
  static final Section<ListenerSettings, Builder> DEFAULTS =
      Section.of(ListenerSettings::builder, Builder::build, List.of(BACKLOG));

  private ListenerTable() {}

  /** The rows of an entry before the application's; a host is one of {@code nodes}. */
  static Section<ListenerSettings, Builder> entry(List<NodeSettings> nodes) {
    return Section.of(
        ListenerSettings::builder,
        Builder::build,
        List.of(
            Setting.of(
                    "host",
                    n -> ConfigBinder.node(n, nodes, true).name(),
                    Builder::host,
                    ListenerSettings::host)
                .mustBeGiven(),
            Setting.of(
                    "port", n -> (int) n.integer(1, 65535), Builder::port, ListenerSettings::port)
                .mustBeGiven(),
            BACKLOG,
            Setting.of("at", Readers.DURATION, Builder::at, ListenerSettings::at)));
  }

  /** The keys of {@code defaults.listener}, in document order. */
  static List<String> defaultKeys() {
    return concat(DEFAULTS.keys(), AppTable.keys());
  }

  /** The keys of a {@code listeners} entry, in document order. */
  static List<String> keys() {
    return concat(entry(List.of()).keys(), AppTable.keys());
  }

  /** {@code defaults.listener} at {@code node} over {@code base} (null for the reference). */
  static ListenerSettings bindDefaults(ConfigNode node, @Nullable ListenerSettings base) {
    Fields f = node.fields(defaultKeys().toArray(String[]::new));
    ListenerSettings listener = DEFAULTS.build(DEFAULTS.read(f, base));
    return listener.withApp(AppTable.bind(f, base == null ? null : base.app()));
  }

  /** The listener of {@code f}, an entry's fields, over {@code defaults}. */
  static ListenerSettings bind(Fields f, ListenerSettings defaults, List<NodeSettings> nodes) {
    Section<ListenerSettings, Builder> entry = entry(nodes);
    ListenerSettings listener = entry.build(entry.read(f, defaults));
    return listener.withApp(AppTable.bind(f, defaults.app()));
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
