package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.config.ClientSettings.Builder;
import netsim.scenario.config.ConfigNode.Fields;
import org.jspecify.annotations.Nullable;

/**
 * A TCP client ({@code defaults.client}, a {@code clients} entry), bound into {@link
 * ClientSettings.Builder}: its own rows, then the application's ({@link AppTable}), then its {@code
 * requests} ({@link RequestTable}) or {@code flows} ({@link FlowTable}). The defaults give what
 * every entry may give but its own host, peer and start; an entry's {@code count} and {@code
 * startJitter}, which make several clients of it, are read where they are made ({@code
 * ConfigBinder}).
 */
final class ClientTable {
  static final Setting<ClientSettings, Builder, Integer> CONNECTIONS =
      Setting.of(
          "connections",
          n -> (int) n.integer(1, 100_000),
          Builder::connections,
          ClientSettings::connections);
  static final Setting<ClientSettings, Builder, Long> PAUSE =
      Setting.of("pause", Readers.DURATION, Builder::pause, ClientSettings::pause);

  /** The rows of {@code defaults.client} before the application's. */
  static final Section<ClientSettings, Builder> DEFAULTS =
      Section.of(ClientSettings::builder, Builder::build, List.of(CONNECTIONS, PAUSE));

  /** The keys of {@code defaults.client} after the application's: nested tables. */
  private static final List<String> NESTED = List.of("requests", "flows");

  /** The keys an entry has that make several clients of it, read after {@code at}. */
  private static final List<String> MANY = List.of("count", "startJitter");

  /** Another host's port, as {@code connect} names it. */
  record Remote(String host, int port) {}

  private ClientTable() {}

  /**
   * The rows of an entry before the application's: a host is one of {@code nodes}' hosts, and the
   * peer another one.
   */
  static Section<ClientSettings, Builder> entry(List<NodeSettings> nodes) {
    Setting<ClientSettings, Builder, String> host =
        Setting.of(
                "host",
                n -> ConfigBinder.node(n, nodes, true).name(),
                Builder::host,
                ClientSettings::host)
            .mustBeGiven();
    Setting<ClientSettings, Builder, Remote> connect =
        Setting.<ClientSettings, Builder, Remote>of(
                "connect",
                n -> ConfigBinder.remote(n, nodes),
                (b, r) -> b.remote(r.host(), r.port()),
                c -> new Remote(c.remoteHost(), c.remotePort()))
            .mustBeGiven();
    return Section.of(
            ClientSettings::builder,
            Builder::build,
            List.of(
                Setting.of("name", Readers.NEW_NAME, Builder::name, ClientSettings::name),
                host,
                connect,
                Setting.of("at", Readers.DURATION, Builder::at, ClientSettings::at),
                Setting.of(
                    "localPort",
                    n -> (int) n.integer(1, 65535),
                    Builder::localPort,
                    ClientSettings::localPort),
                CONNECTIONS,
                PAUSE))
        .withCheckAfter(
            "connect",
            v -> {
              if (v.get(connect).host().equals(v.get(host))) {
                throw v.at(connect)
                    .error("a client cannot connect to its own host " + quote(v.get(host)));
              }
            });
  }

  /** The keys of {@code defaults.client}, in document order. */
  static List<String> defaultKeys() {
    List<String> all = new ArrayList<>(DEFAULTS.keys());
    all.addAll(AppTable.keys());
    all.addAll(NESTED);
    return List.copyOf(all);
  }

  /** The keys of a {@code clients} entry, in document order. */
  static List<String> keys() {
    List<String> rows = entry(List.of()).keys();
    int afterAt = rows.indexOf("at") + 1;
    List<String> all = new ArrayList<>(rows.subList(0, afterAt));
    all.addAll(MANY);
    all.addAll(rows.subList(afterAt, rows.size()));
    all.addAll(NESTED);
    all.addAll(AppTable.keys());
    return List.copyOf(all);
  }

  /** {@code defaults.client}'s own keys and application at {@code f} over {@code base}. */
  static ClientSettings bindDefaults(Fields f, @Nullable ClientSettings base) {
    ClientSettings client = DEFAULTS.build(DEFAULTS.read(f, base));
    return client.with(AppTable.bind(f, base == null ? null : base.app()), null, null, null);
  }

  /**
   * Client entry {@code index} (its fields {@code f}) over the defaults, once (its {@code count} is
   * made by the caller); the link its flows name is one of {@code links}.
   */
  static ClientSettings bind(
      ConfigNode entryNode,
      Fields f,
      int index,
      ClientSettings defaults,
      RequestSettings requestDefaults,
      FlowSettings flowDefaults,
      List<NodeSettings> nodes,
      List<LinkSettings> links) {
    Section<ClientSettings, Builder> entry = entry(nodes);
    ClientSettings client = entry.build(entry.read(f, defaults.named("client" + (index + 1))));
    AppSettings app = AppTable.bind(f, defaults.app());
    RequestSettings requests = null;
    if (f.has("requests")) {
      if (f.has("send")) {
        throw f.get("send")
            .error("send does not go with requests: a request/response client writes requests");
      }
      requests =
          RequestTable.bind(
              f.get("requests").fields(RequestTable.keys().toArray(String[]::new)),
              requestDefaults);
    }
    FlowSettings flows = null;
    if (f.has("flows")) {
      if (f.has("requests")) {
        throw f.get("flows").error("a client makes flows or requests, not both");
      }
      for (String key : new String[] {"send", "connections", "pause", "localPort"}) {
        if (f.has(key)) {
          throw f.get(key)
              .error(
                  key
                      + " does not go with flows: each flow is a connection of its own, from an"
                      + " ephemeral port, that sends the size drawn for it");
        }
      }
      flows = FlowTable.bind(f.get("flows"), flowDefaults, links);
    }
    return client.with(app, requests, flows, entryNode.path());
  }
}
