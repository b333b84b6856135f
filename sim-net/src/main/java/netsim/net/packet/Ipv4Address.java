package netsim.net.packet;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/** An IPv4 address, held as its 32 bits. Ordered numerically. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

  /**
   * Parses dotted-quad notation ("10.0.0.1").
   *
   * @throws IllegalArgumentException naming the text if it is not an IPv4 address
   */
  public static Ipv4Address parse(String text) {
    checkArgument(
        text != null && InetAddresses.isInetAddress(text.trim()),
        "invalid IPv4 address '%s': expected four numbers 0-255 separated by dots, e.g. 10.0.0.1",
        text);
    InetAddress address = InetAddresses.forString(text.trim());
    checkArgument(
        address instanceof Inet4Address, "invalid IPv4 address '%s': this is not IPv4", text);
    return new Ipv4Address(InetAddresses.coerceToInteger(address));
  }

  /** The address {@code a.b.c.d}. */
  public static Ipv4Address of(int a, int b, int c, int d) {
    for (int octet : new int[] {a, b, c, d}) {
      checkArgument(octet >= 0 && octet <= 255, "octet out of range 0-255: %s", octet);
    }
    return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
  }

  @Override
  public int compareTo(Ipv4Address other) {
    return Integer.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return (bits >>> 24)
        + "."
        + ((bits >>> 16) & 0xFF)
        + "."
        + ((bits >>> 8) & 0xFF)
        + "."
        + (bits & 0xFF);
  }
}
