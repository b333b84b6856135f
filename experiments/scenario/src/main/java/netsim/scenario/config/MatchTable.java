package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.ArrayList;
import java.util.List;
import netsim.net.fault.Match;
import netsim.net.fault.Match.Builder;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;

/**
 * A rule's {@code match}, bound straight into sim-net's {@link Match.Builder}: one row per
 * condition, and a condition left out sets nothing, so it accepts any value. The table of {@code
 * docs/config.md} is generated from the rows ({@code SettingsTableTest}).
 */
final class MatchTable {
  /** The default of every condition: any value. */
  private static final String ANY = "any";

  /** A range of data lengths, both ends included. */
  private record Range(int min, int max) {}

  private static final Setting<Match, Builder, Long> FROM =
      Setting.<Match, Builder, Long>ifGiven("from", Readers.DURATION, Builder::from)
          .defaultIs(ANY)
          .doc("with `until`, a window of virtual time [from, until)");

  private static final Setting<Match, Builder, Long> UNTIL =
      Setting.<Match, Builder, Long>ifGiven("until", Readers.DURATION, Builder::until)
          .defaultIs(ANY)
          .doc("the end of that window");

  private MatchTable() {}

  /** The rows; a {@code sender} is one of {@code nodes}' hosts. */
  static Section<Match, Builder> section(List<NodeSettings> nodes) {
    return Section.<Match, Builder>of(
            Match::builder,
            Builder::build,
            List.of(
                Setting.<Match, Builder, Integer>ifGiven("flags", MatchTable::flags, Builder::flags)
                    .defaultIs(ANY)
                    .doc("exactly these flags, e.g. `\"SYN|ACK\"`, `ACK`, `\"FIN,ACK\"`"),
                Setting.<Match, Builder, Integer>ifGiven(
                        "flagsContain", MatchTable::nonZero, Builder::flagsContain)
                    .defaultIs(ANY)
                    .doc("at least these flags"),
                Setting.<Match, Builder, Integer>ifGiven(
                        "flagsExclude", MatchTable::nonZero, Builder::flagsExclude)
                    .defaultIs(ANY)
                    .doc("none of these flags"),
                Setting.<Match, Builder, Long>ifGiven(
                        "seq", n -> n.integer(0, 0xFFFF_FFFFL), Builder::sequenceNumber)
                    .defaultIs(ANY)
                    .doc("absolute sequence number"),
                Setting.<Match, Builder, Long>ifGiven(
                        "ack", n -> n.integer(0, 0xFFFF_FFFFL), Builder::acknowledgmentNumber)
                    .defaultIs(ANY)
                    .doc("absolute acknowledgment number"),
                Setting.<Match, Builder, Range>ifGiven(
                        "dataLength",
                        MatchTable::dataLength,
                        (b, r) -> b.dataLength(r.min(), r.max()))
                    .defaultIs(ANY)
                    .doc("bytes of data: `0`, or `{min: N, max: N}`"),
                Setting.<Match, Builder, Integer>ifGiven(
                        "srcPort", n -> (int) n.integer(0, 65535), Builder::sourcePort)
                    .defaultIs(ANY)
                    .doc("source port"),
                Setting.<Match, Builder, Integer>ifGiven(
                        "dstPort", n -> (int) n.integer(0, 65535), Builder::destinationPort)
                    .defaultIs(ANY)
                    .doc("destination port"),
                Setting.<Match, Builder, Ipv4Address>ifGiven(
                        "src", MatchTable::address, Builder::source)
                    .defaultIs(ANY)
                    .doc("source IPv4 address"),
                Setting.<Match, Builder, Ipv4Address>ifGiven(
                        "dst", MatchTable::address, Builder::destination)
                    .defaultIs(ANY)
                    .doc("destination IPv4 address"),
                Setting.<Match, Builder, String>ifGiven(
                        "sender",
                        n -> ConfigBinder.node(n, nodes, true).name(),
                        Builder::senderNode)
                    .defaultIs(ANY)
                    .doc("the sending host"),
                Setting.<Match, Builder, String>ifGiven(
                        "senderState", MatchTable::senderState, Builder::senderState)
                    .defaultIs(ANY)
                    .doc("the sender's TCP state when it sent the packet, e.g. `TIME_WAIT`"),
                FROM,
                UNTIL))
        .withCheckAfter("until", MatchTable::checkWindow);
  }

  /** The keys, in document order. */
  static List<String> keys() {
    return section(List.of()).keys();
  }

  /**
   * The match at {@code node} (missing: any packet); a condition sim-net refuses, such as flags
   * that can never match, is reported at the mapping.
   */
  static Match bind(ConfigNode node, List<NodeSettings> nodes) {
    Section<Match, Builder> section = section(nodes);
    Section.Values<Match> values = section.read(node, Match.ANY);
    try {
      return section.build(values);
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  /** A window must not be empty. */
  private static void checkWindow(Section.Values<Match> v) {
    Long from = v.get(FROM);
    Long until = v.get(UNTIL);
    if ((until == null ? Long.MAX_VALUE : until) <= (from == null ? 0 : from)) {
      throw v.fields().get("until").error("empty time window: until must come after from");
    }
  }

  private static Range dataLength(ConfigNode length) {
    if (!length.isMapping()) {
      int exactly = (int) length.integer(0, Integer.MAX_VALUE);
      return new Range(exactly, exactly);
    }
    ConfigNode.Fields range = length.fields("min", "max");
    long min = range.has("min") ? range.get("min").integer(0, Integer.MAX_VALUE) : 0;
    long max =
        range.has("max") ? range.get("max").integer(0, Integer.MAX_VALUE) : Integer.MAX_VALUE;
    if (max < min) {
      throw length.error("empty range: min " + min + " > max " + max);
    }
    return new Range((int) min, (int) max);
  }

  private static String senderState(ConfigNode state) {
    String text = state.text();
    try {
      TcpState.valueOf(text);
    } catch (IllegalArgumentException e) {
      List<String> known = new ArrayList<>();
      for (TcpState s : TcpState.values()) {
        known.add(s.name());
      }
      throw state.error(
          "unknown TCP state " + quote(text) + " (known: " + String.join(", ", known) + ")");
    }
    return text;
  }

  private static int flags(ConfigNode node) {
    try {
      return TcpFlags.parse(node.text());
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static int nonZero(ConfigNode node) {
    int flags = flags(node);
    if (flags == 0) {
      throw node.error("expected at least one flag such as \"ACK\" or \"SYN|ACK\"");
    }
    return flags;
  }

  private static Ipv4Address address(ConfigNode node) {
    try {
      return Ipv4Address.parse(node.text());
    } catch (IllegalArgumentException e) {
      throw node.error("expected an IPv4 address such as 10.0.0.1; got " + quote(node.text()));
    }
  }
}
