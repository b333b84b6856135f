package netsim.scenario.config;

import java.util.List;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.config.DistributionReader.Quantity;
import netsim.scenario.config.UdpTraffic.Builder;
import netsim.scenario.traffic.UdpPacings;
import netsim.udp.UdpDatagram;

/**
 * What a UDP source sends ({@code defaults.udpSource}, a {@code udpSources} entry), bound into
 * {@link UdpTraffic.Builder}: one row per key.
 */
final class UdpTrafficTable {
  static final Setting<UdpTraffic, Builder, Long> RATE =
      Setting.of("rate", UdpTrafficTable::rate, Builder::rate, UdpTraffic::rate);
  static final Setting<UdpTraffic, Builder, Long> SIZE =
      Setting.of("size", n -> n.size(1, UdpDatagram.MAX_DATA), Builder::size, UdpTraffic::size);

  /** The rows, in the order of reference.yaml. */
  static final Section<UdpTraffic, Builder> SECTION =
      Section.<UdpTraffic, Builder>of(
              UdpTraffic::builder,
              Builder::build,
              List.of(
                  Setting.of(
                      "kind",
                      n -> ConfigBinder.known(n, UdpPacings.KINDS),
                      Builder::kind,
                      UdpTraffic::kind),
                  RATE,
                  SIZE,
                  Setting.of("until", UdpTrafficTable::until, Builder::until, UdpTraffic::until),
                  Setting.of(
                      "on",
                      n -> DistributionReader.read(n, Quantity.DURATION),
                      Builder::on,
                      UdpTraffic::on),
                  Setting.of(
                      "off",
                      n -> DistributionReader.read(n, Quantity.DURATION),
                      Builder::off,
                      UdpTraffic::off)))
          .withCheckAfter("size", UdpTrafficTable::checkInterval);

  private UdpTrafficTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /** The traffic {@code f} gives over {@code base} (null for the reference: every key needed). */
  static UdpTraffic bind(Fields f, UdpTraffic base) {
    return SECTION.build(SECTION.read(f, base));
  }

  private static long rate(ConfigNode node) {
    long rate = node.rate();
    if (rate == 0) {
      throw node.error("a source needs a rate above 0 (such as \"1Mbps\")");
    }
    return rate;
  }

  /** never, or the virtual time the source stops. */
  private static long until(ConfigNode node) {
    return node.text().trim().equals("never") ? -1 : node.duration();
  }

  /** A datagram must take at least a nanosecond at the rate: the clock's resolution. */
  private static void checkInterval(Section.Values<UdpTraffic> values) {
    long rate = values.get(RATE);
    long size = values.get(SIZE);
    if (size * 8 * 1_000_000_000L < rate) {
      throw values
          .at(values.given(RATE) ? RATE : SIZE)
          .error(
              "datagrams of "
                  + size
                  + " bytes at "
                  + Units.formatRate(rate)
                  + " would leave less than 1ns apart, the clock's resolution");
    }
  }
}
