package netsim.net.packet;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

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

  /*
   * equals and hashCode written out, the same as the record's own: those are made at their first
   * call by java.lang.runtime.ObjectMethods, method-handle trees whose building costs every
   * process CPU at start-up and which ./netsim's compiler (C1) runs as a chain of handles
   * (benchmarks/RESULTS.md, "Session 15, configuration and start-up CPU"). The hash is the record's
   * (31 times each component's hash plus the next's), so hashed collections keep their order.
   */

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Ipv4Address address && address.bits == bits;
  }

  @Override
  public int hashCode() {
    return bits;
  }
}
