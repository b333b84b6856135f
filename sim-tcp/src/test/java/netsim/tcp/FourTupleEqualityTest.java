package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * Endpoints and four-tuples are equal by value, and hash as the records' generated methods do
 * (their own are written out): a record of the same components is the reference.
 */
class FourTupleEqualityTest {
  private record GeneratedEndpoint(Ipv4Address address, int port) {}

  private record GeneratedFourTuple(Endpoint local, Endpoint remote) {}

  private static Endpoint at(String address, int port) {
    return new Endpoint(Ipv4Address.parse(address), port);
  }

  @Test
  void endpointsOfTheSameAddressAndPort_areEqual_andHashAsTheRecordWould() {
    Endpoint e = at("10.0.0.1", 49152);

    assertThat(e).isEqualTo(at("10.0.0.1", 49152)).hasSameHashCodeAs(at("10.0.0.1", 49152));
    assertThat(e).isNotEqualTo(at("10.0.0.1", 49153)).isNotEqualTo(at("10.0.0.2", 49152));
    assertThat(e).isNotEqualTo(null);
    assertThat(e.hashCode()).isEqualTo(new GeneratedEndpoint(e.address(), e.port()).hashCode());
  }

  @Test
  void fourTuplesOfTheSameEnds_areEqual_andHashAsTheRecordWould() {
    FourTuple t = new FourTuple(at("10.0.0.1", 49152), at("10.0.0.2", 80));
    FourTuple same = new FourTuple(at("10.0.0.1", 49152), at("10.0.0.2", 80));
    FourTuple reversed = new FourTuple(at("10.0.0.2", 80), at("10.0.0.1", 49152));

    assertThat(t).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(reversed);
    assertThat(t).isNotEqualTo(FourTuple.listener(at("10.0.0.1", 49152))).isNotEqualTo(null);
    for (FourTuple u : new FourTuple[] {t, reversed, FourTuple.listener(at("10.0.0.2", 80))}) {
      assertThat(u.hashCode()).isEqualTo(new GeneratedFourTuple(u.local(), u.remote()).hashCode());
    }
  }
}
