package netsim.net.packet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Addresses and prefixes are equal by value, and hash as the records' generated methods do (their
 * own are written out): a record of the same components is the reference.
 */
class AddressEqualityTest {
  /** What Ipv4Address's generated methods would be: a record of its one component. */
  private record GeneratedAddress(int bits) {}

  /** What Prefix's generated methods would be. */
  private record GeneratedPrefix(Ipv4Address network, int length) {}

  @Test
  void addressesOfTheSameBits_areEqual_andHashAsTheRecordWould() {
    Ipv4Address a = Ipv4Address.parse("10.0.0.1");
    Ipv4Address same = Ipv4Address.of(10, 0, 0, 1);
    Ipv4Address other = Ipv4Address.parse("10.0.0.2");
    Ipv4Address high = Ipv4Address.parse("255.255.255.255");

    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    assertThat(a).isNotEqualTo(null).isNotEqualTo((Object) "10.0.0.1");
    assertThat(a.hashCode()).isEqualTo(new GeneratedAddress(a.bits()).hashCode());
    assertThat(high.hashCode()).isEqualTo(new GeneratedAddress(high.bits()).hashCode());
  }

  @Test
  void prefixesOfTheSameNetworkAndLength_areEqual_andHashAsTheRecordWould() {
    Prefix p = Prefix.parse("10.0.1.0/24");
    Prefix same = new Prefix(Ipv4Address.parse("10.0.1.0"), 24);

    assertThat(p).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(p)
        .isNotEqualTo(Prefix.parse("10.0.0.0/24"))
        .isNotEqualTo(Prefix.parse("10.0.0.0/16"));
    assertThat(p).isNotEqualTo(null);
    for (Prefix q : new Prefix[] {p, Prefix.parse("0.0.0.0/0"), Prefix.parse("192.168.7.9")}) {
      assertThat(q.hashCode()).isEqualTo(new GeneratedPrefix(q.network(), q.length()).hashCode());
    }
  }
}
