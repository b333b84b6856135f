package netsim.explore.shrink;

/**
 * One packet a decision is about: the {@code occurrence}-th packet of its class offered to the link
 * direction (1-based), or the copy the direction made of it.
 */
public record PacketRef(PacketClass packetClass, int occurrence, boolean copy) {
  /** "the 2nd SYN 10.0.0.1:49153 > 10.0.0.2:80 (client in SYN_SENT) on client->server". */
  String describe() {
    return "the "
        + (copy ? "copy of the " : "")
        + ordinal(occurrence)
        + " "
        + packetClass.describe()
        + " on "
        + packetClass.direction();
  }

  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix =
        lastTwo >= 11 && lastTwo <= 13
            ? "th"
            : switch (n % 10) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }
}
