package netsim.tcp;

import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a connection at one host: its local and remote endpoints. Printed as
 * "10.0.0.1:49152-10.0.0.2:80", the {@code conn} of trace lines. A listener's remote endpoint is
 * 0.0.0.0:0.
 */
public record FourTuple(Endpoint local, Endpoint remote) implements Comparable<FourTuple> {
  static final Endpoint ANY = new Endpoint(new Ipv4Address(0), 0);

  static FourTuple listener(Endpoint local) {
    return new FourTuple(local, ANY);
  }

  @Override
  public int compareTo(FourTuple other) {
    int byLocal = local.compareTo(other.local);
    return byLocal != 0 ? byLocal : remote.compareTo(other.remote);
  }

  @Override
  public String toString() {
    return local + "-" + remote;
  }

  // equals and hashCode as the record's own, written out: see netsim.net.packet.Ipv4Address.

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FourTuple tuple
        && tuple.local.equals(local)
        && tuple.remote.equals(remote);
  }

  @Override
  public int hashCode() {
    return 31 * local.hashCode() + remote.hashCode();
  }
}
