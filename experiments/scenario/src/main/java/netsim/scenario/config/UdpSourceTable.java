package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.scenario.config.ClientTable.Remote;
import netsim.scenario.config.ConfigNode.Fields;

/**
 * A {@code udpSources} entry, bound into {@link Entry.Builder}: its own rows (where it sends from
 * and to, when, how many), then what it sends ({@link UdpTrafficTable}, over {@code
 * defaults.udpSource}). An entry with {@code count: N} makes N sources.
 */
final class UdpSourceTable {
  /** An entry as written: everything but what it sends. */
  record Entry(
      String name, String host, Remote to, long at, int count, long startJitter, int localPort) {

    /** Collects the keys of an entry ({@link UdpSourceTable}). */
    static final class Builder {
      private String name = "";
      private String host = "";
      private Remote to = new Remote("", 0);
      private long at;
      private int count = 1;
      private long startJitter;
      private int localPort;

      Builder name(String value) {
        name = value;
        return this;
      }

      Builder host(String value) {
        host = value;
        return this;
      }

      Builder to(Remote value) {
        to = value;
        return this;
      }

      Builder at(long value) {
        at = value;
        return this;
      }

      Builder count(int value) {
        count = value;
        return this;
      }

      Builder startJitter(long value) {
        startJitter = value;
        return this;
      }

      Builder localPort(int value) {
        localPort = value;
        return this;
      }

      Entry build() {
        return new Entry(name, host, to, at, count, startJitter, localPort);
      }
    }
  }

  private static final Setting<Entry, Entry.Builder, Integer> COUNT =
      Setting.of(
          "count",
          n -> (int) n.integer(1, ConfigBinder.MAX_COUNT),
          Entry.Builder::count,
          Entry::count);
  private static final Setting<Entry, Entry.Builder, Integer> LOCAL_PORT =
      Setting.of(
          "localPort", n -> (int) n.integer(1, 65535), Entry.Builder::localPort, Entry::localPort);

  private UdpSourceTable() {}

  /** The rows of an entry: its host is one of {@code nodes}, sending to one of {@code sinks}. */
  static Section<Entry, Entry.Builder> section(
      List<NodeSettings> nodes, List<UdpSinkSettings> sinks) {
    Setting<Entry, Entry.Builder, String> host =
        Setting.of(
                "host",
                n -> ConfigBinder.node(n, nodes, true).name(),
                Entry.Builder::host,
                Entry::host)
            .mustBeGiven();
    Setting<Entry, Entry.Builder, Remote> to =
        Setting.of("to", n -> ConfigBinder.remote(n, nodes), Entry.Builder::to, Entry::to)
            .mustBeGiven();
    return Section.<Entry, Entry.Builder>of(
            Entry.Builder::new,
            Entry.Builder::build,
            List.of(
                Setting.of("name", Readers.NEW_NAME, Entry.Builder::name, Entry::name),
                host,
                to,
                Setting.of("at", Readers.DURATION, Entry.Builder::at, Entry::at),
                COUNT,
                Setting.of(
                    "startJitter",
                    Readers.DURATION,
                    Entry.Builder::startJitter,
                    Entry::startJitter),
                LOCAL_PORT))
        .withCheckAfter("to", v -> checkSink(v, host, to, sinks))
        .withCheckAfter("localPort", UdpSourceTable::checkPorts);
  }

  /** The keys of an entry, in document order: its own, then what it sends. */
  static List<String> keys() {
    return ListenerTable.concat(section(List.of(), List.of()).keys(), UdpTrafficTable.keys());
  }

  /**
   * The UDP sources of entry {@code index}: its {@code count} of them, the i-th (from 1) named
   * {@code NAME.i}, from {@code localPort + i - 1} when the entry fixes a port, starting at {@code
   * at} plus a draw from the stream {@code udp-start/NAME} when it gives a {@code startJitter}.
   */
  static List<UdpSourceSettings> bind(
      ConfigNode entryNode,
      int index,
      UdpTraffic defaults,
      List<NodeSettings> nodes,
      List<UdpSinkSettings> sinks,
      RandomStreams streams) {
    Fields f = entryNode.fields(keys().toArray(String[]::new));
    Section<Entry, Entry.Builder> section = section(nodes, sinks);
    Entry entry =
        section.build(section.read(f, new Entry.Builder().name("udp" + (index + 1)).build()));
    UdpTraffic traffic = UdpTrafficTable.bind(f, defaults);
    if (traffic.until() >= 0 && traffic.until() <= entry.at()) {
      throw (f.has("until") ? f.get("until") : f.get("at"))
          .error("until must come after at: the source would send nothing");
    }
    long[] starts =
        ConfigBinder.starts(
            entry.at(), entry.count(), entry.startJitter(), streams, "udp-start/" + entry.name());
    List<UdpSourceSettings> made = new ArrayList<>();
    for (int i = 1; i <= entry.count(); i++) {
      made.add(
          new UdpSourceSettings(
              entry.host(),
              entry.to().host(),
              entry.to().port(),
              entry.localPort() == 0 ? 0 : entry.localPort() + i - 1,
              starts[i - 1],
              traffic,
              entry.count() == 1 ? entry.name() : entry.name() + "." + i,
              entryNode.path()));
    }
    return made;
  }

  /** A source sends to another host, to a sink there. */
  private static void checkSink(
      Section.Values<Entry> v,
      Setting<Entry, Entry.Builder, String> hostRow,
      Setting<Entry, Entry.Builder, Remote> toRow,
      List<UdpSinkSettings> sinks) {
    Remote remote = v.get(toRow);
    ConfigNode to = v.at(toRow);
    String host = v.get(hostRow);
    if (remote.host().equals(host)) {
      throw to.error("a UDP source cannot send to its own host " + quote(host));
    }
    if (!sinks.contains(new UdpSinkSettings(remote.host(), remote.port()))) {
      throw to.error(
          "no UDP sink on "
              + remote.host()
              + ":"
              + remote.port()
              + ": add {host: "
              + remote.host()
              + ", port: "
              + remote.port()
              + "} to udpSinks");
    }
  }

  /** The ports of a count's sources must all exist. */
  private static void checkPorts(Section.Values<Entry> v) {
    int localPort = v.get(LOCAL_PORT);
    int count = v.get(COUNT);
    if (localPort != 0 && localPort + count - 1 > 65535) {
      throw v.at(LOCAL_PORT)
          .error("with count " + count + " the ports run from " + localPort + " past 65535");
    }
  }
}
