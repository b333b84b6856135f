package netsim.scenario.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netsim.scenario.config.UdpSinkSettings.Builder;

/**
 * A {@code udpSinks} entry, bound into {@link UdpSinkSettings.Builder}: one row per key. The table
 * of {@code docs/config.md} is generated from the rows ({@code SettingsTableTest}).
 */
final class UdpSinkTable {
  /** What an entry is before its keys (both required). */
  static final UdpSinkSettings DEFAULTS = UdpSinkSettings.builder().build();

  private UdpSinkTable() {}

  /** The rows; a host is one of {@code nodes}' hosts. */
  static Section<UdpSinkSettings, Builder> section(List<NodeSettings> nodes) {
    return Section.of(
        UdpSinkSettings::builder,
        Builder::build,
        List.of(
            Setting.of(
                    "host",
                    n -> ConfigBinder.node(n, nodes, true).name(),
                    Builder::host,
                    UdpSinkSettings::host)
                .mustBeGiven()
                .doc("the host"),
            Setting.of("port", n -> (int) n.integer(1, 65535), Builder::port, UdpSinkSettings::port)
                .mustBeGiven()
                .doc("the port (1-65535); one sink per host and port")));
  }

  /** The keys, in document order. */
  static List<String> keys() {
    return section(List.of()).keys();
  }

  /** The sinks of {@code list}, on {@code nodes}' hosts, one per host and port. */
  static List<UdpSinkSettings> bind(ConfigNode list, List<NodeSettings> nodes) {
    Section<UdpSinkSettings, Builder> section = section(nodes);
    List<UdpSinkSettings> sinks = new ArrayList<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ConfigNode> entries = list.elements();
    for (int i = 0; i < entries.size(); i++) {
      Section.Values<UdpSinkSettings> values = section.read(entries.get(i), DEFAULTS);
      UdpSinkSettings sink = section.build(values);
      Integer first = ports.putIfAbsent(sink.host() + ":" + sink.port(), i);
      if (first != null) {
        throw values
            .fields()
            .get("port")
            .error(
                "a sink on "
                    + sink.host()
                    + ":"
                    + sink.port()
                    + " exists already (udpSinks["
                    + first
                    + "]): a port takes one sink");
      }
      sinks.add(sink);
    }
    return sinks;
  }
}
