package netsim.net;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.link.LinkConfig;
import netsim.net.packet.Ipv4Address;
import netsim.net.packet.Prefix;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private final Network net = new Network(new Simulator(), new RandomStreams(1));
  private final Router router = net.addRouter("router");
  private final Interface first;
  private final Interface second;
  private final RoutingTable table = new RoutingTable();

  RoutingTableTest() {
    net.connect(router, net.addHost("a", Ipv4Address.parse("10.0.0.1")), ideal(), ideal());
    net.connect(router, net.addHost("b", Ipv4Address.parse("10.0.0.2")), ideal(), ideal());
    first = router.interfaces().get(0);
    second = router.interfaces().get(1);
  }

  private static LinkConfig ideal() {
    return LinkConfig.ideal();
  }

  private static Ipv4Address address(String text) {
    return Ipv4Address.parse(text);
  }

  @Test
  void theLongestMatchingPrefixWins_whateverTheOrderOfAdding() {
    table.add(Prefix.parse("10.1.2.0/24"), second);
    table.add(Prefix.parse("10.0.0.0/8"), first);
    assertThat(table.lookup(address("10.1.2.3"))).isSameAs(second);
    assertThat(table.lookup(address("10.1.3.3"))).isSameAs(first);
    assertThat(table.lookup(address("11.0.0.1"))).isNull();
  }

  @Test
  void anAnswerAlreadyGivenChangesWhenALaterRouteChangesIt() {
    table.add(Prefix.parse("10.0.0.0/8"), first);
    assertThat(table.lookup(address("10.1.2.3"))).isSameAs(first);
    assertThat(table.lookup(address("12.0.0.1"))).isNull();
    table.add(Prefix.parse("10.1.2.3/32"), second);
    table.add(Prefix.parse("0.0.0.0/0"), second);
    assertThat(table.lookup(address("10.1.2.3"))).isSameAs(second);
    assertThat(table.lookup(address("12.0.0.1"))).isSameAs(second);
    table.add(Prefix.parse("10.1.2.3/32"), first); // replaces the /32
    assertThat(table.lookup(address("10.1.2.3"))).isSameAs(first);
    assertThat(table.size()).isEqualTo(3);
  }

  @Test
  void manyDestinationsLookedUpInTurnEachGetTheirOwnRoute() {
    // more destinations than the table remembers answers for: answers evicted are found again
    for (int i = 0; i < 1000; i++) {
      table.add(Prefix.host(new Ipv4Address(0x0A000000 + i)), i % 3 == 0 ? first : second);
    }
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 1000; i++) {
        assertThat(table.lookup(new Ipv4Address(0x0A000000 + i)))
            .as("10.0.x.y #%s", i)
            .isSameAs(i % 3 == 0 ? first : second);
      }
    }
    assertThat(table.lookup(new Ipv4Address(0x0A000000 + 1000))).isNull();
  }
}
