package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/** One end of a TCP connection: an address and a port. Printed as "10.0.0.1:49152". */
public record Endpoint(Ipv4Address address, int port) implements Comparable<Endpoint> {
  public Endpoint {
    checkArgument(port >= 0 && port <= 0xFFFF, "port out of range 0-65535: %s", port);
  }

  @Override
  public int compareTo(Endpoint other) {
    int byAddress = address.compareTo(other.address);
    return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
  }

  @Override
  public String toString() {
    return address + ":" + port;
  }

  // equals and hashCode as the record's own, written out: see netsim.net.packet.Ipv4Address.

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Endpoint endpoint
        && endpoint.address.equals(address)
        && endpoint.port == port;
  }

  @Override
  public int hashCode() {
    return 31 * address.hashCode() + port;
  }
}
