package netsim.net.packet;

import static com.google.common.base.Preconditions.checkArgument;

import org.jspecify.annotations.Nullable;

/** An IPv4 prefix such as 10.0.1.0/24, for routing tables. */
public record Prefix(Ipv4Address network, int length) {
  public Prefix {
    checkArgument(length >= 0 && length <= 32, "prefix length out of range 0-32: %s", length);
    checkArgument(
        (network.bits() & ~mask(length)) == 0, "%s/%s has host bits set", network, length);
  }

  /** The prefix that holds exactly one address. */
  public static Prefix host(Ipv4Address address) {
    return new Prefix(address, 32);
  }

  /** Parses "10.0.1.0/24"; a bare address is a /32. */
  public static Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return host(Ipv4Address.parse(text));
    }
    int length;
    try {
      length = Integer.parseInt(text.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid prefix '" + text + "': expected e.g. 10.0.1.0/24", e);
    }
    return new Prefix(Ipv4Address.parse(text.substring(0, slash)), length);
  }

  private static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  public boolean contains(Ipv4Address address) {
    return (address.bits() & mask(length)) == network.bits();
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }

  // equals and hashCode as the record's own, written out: see Ipv4Address.

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Prefix prefix
        && prefix.network.equals(network)
        && prefix.length == length;
  }

  @Override
  public int hashCode() {
    return 31 * network.hashCode() + length;
  }
}
