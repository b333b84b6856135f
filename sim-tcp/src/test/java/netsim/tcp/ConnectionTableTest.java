package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/** The 4-tuple table that demultiplexes segments: exact lookups, removal, growth, order. */
class ConnectionTableTest {
  private static final Ipv4Address US = Ipv4Address.parse("10.0.0.2");
  private static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.1");

  private final ConnectionTable<String> table = new ConnectionTable<>();

  private static FourTuple tuple(int localPort, Ipv4Address remote, int remotePort) {
    return new FourTuple(new Endpoint(US, localPort), new Endpoint(remote, remotePort));
  }

  private static FourTuple tuple(int remotePort) {
    return tuple(80, PEER, remotePort);
  }

  @Test
  void key_packsTheAddressAboveTheSixteenBitPort() {
    assertThat(ConnectionTable.key(Ipv4Address.parse("255.255.255.255"), 65535))
        .isEqualTo(0xFFFF_FFFF_FFFFL);
    assertThat(ConnectionTable.key(Ipv4Address.parse("0.0.0.1"), 0)).isEqualTo(0x1_0000L);
    assertThat(ConnectionTable.key(Ipv4Address.parse("10.0.0.1"), 80)).isEqualTo(0x0A00_0001_0050L);
  }

  @Test
  void get_findsOnlyTheExactFourTuple() {
    table.put(tuple(80, PEER, 40000), "a");
    assertThat(table.get(tuple(80, PEER, 40000))).isEqualTo("a");
    assertThat(table.get(tuple(81, PEER, 40000))).isNull();
    assertThat(table.get(tuple(80, PEER, 40001))).isNull();
    assertThat(table.get(tuple(80, Ipv4Address.parse("10.0.0.3"), 40000))).isNull();
    FourTuple otherLocalAddress =
        new FourTuple(new Endpoint(Ipv4Address.parse("10.0.0.9"), 80), new Endpoint(PEER, 40000));
    assertThat(table.get(otherLocalAddress)).isNull();
    // The local and remote endpoints are not interchangeable.
    assertThat(table.get(new FourTuple(new Endpoint(PEER, 40000), new Endpoint(US, 80)))).isNull();
    assertThat(
            table.get(ConnectionTable.key(US, 80), ConnectionTable.key(new Endpoint(PEER, 40000))))
        .isEqualTo("a");
  }

  @Test
  void put_ofAMappedFourTuple_isRefused() {
    table.put(tuple(40000), "a");
    assertThatThrownBy(() -> table.put(tuple(40000), "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("10.0.0.2:80-10.0.0.1:40000 is mapped already");
    assertThat(table.get(tuple(40000))).isEqualTo("a");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void remove_returnsTheValue_thenTheTupleIsGone_andMayBeMappedAgainAtTheEndOfTheOrder() {
    table.put(tuple(1), "a");
    table.put(tuple(2), "b");
    table.put(tuple(3), "c");
    assertThat(table.remove(tuple(2))).isEqualTo("b");
    assertThat(table.remove(tuple(2))).isNull();
    assertThat(table.get(tuple(2))).isNull();
    assertThat(table.values()).containsExactly("a", "c");
    table.put(tuple(2), "b again");
    assertThat(table.get(tuple(2))).isEqualTo("b again");
    assertThat(table.values()).containsExactly("a", "c", "b again");
    table.remove(tuple(1));
    table.remove(tuple(3));
    assertThat(table.values()).containsExactly("b again");
    table.remove(tuple(2));
    assertThat(table.values()).isEmpty();
    assertThat(table.size()).isZero();
  }

  @Test
  void tuplesWithOneHomeSlot_areAllFound_whicheverOfThemIsRemoved() {
    // Seven tuples whose probes all start at the same slot of the first, 16-slot table: they
    // fill one probe run, so removing any of them must move the later ones back.
    List<FourTuple> colliding = new ArrayList<>();
    int wanted = ConnectionTable.home(key(tuple(1)), key2(tuple(1)), 16);
    for (int port = 1; colliding.size() < 7; port++) {
      FourTuple candidate = tuple(port);
      if (ConnectionTable.home(key(candidate), key2(candidate), 16) == wanted) {
        colliding.add(candidate);
      }
    }
    for (int removed = 0; removed < colliding.size(); removed++) {
      ConnectionTable<String> run = new ConnectionTable<>();
      for (FourTuple t : colliding) {
        run.put(t, t.toString());
      }
      run.remove(colliding.get(removed));
      for (int i = 0; i < colliding.size(); i++) {
        FourTuple t = colliding.get(i);
        assertThat(run.get(t))
            .as("%s after removing #%s", t, removed)
            .isEqualTo(i == removed ? null : t.toString());
      }
    }
  }

  @Test
  void growth_keepsEveryMappingAndTheOrderOfInsertion() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = tuple(1 + i % 60_000, new Ipv4Address(0x0A01_0000 + i / 100), 5000 + i % 7);
      table.put(t, t.toString());
      expected.add(t.toString());
    }
    assertThat(table.size()).isEqualTo(20_000);
    assertThat(table.values()).containsExactlyElementsOf(expected);
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = tuple(1 + i % 60_000, new Ipv4Address(0x0A01_0000 + i / 100), 5000 + i % 7);
      assertThat(table.get(t)).isEqualTo(t.toString());
    }
  }

  @Property(tries = 200)
  void anyProgramOfPutsAndRemoves_agreesWithALinkedHashMap(@ForAll long seed) {
    // Few distinct tuples, so the same ones come and go, through growth and long probe runs.
    SplittableRandom random = new SplittableRandom(seed);
    ConnectionTable<Integer> subject = new ConnectionTable<>();
    Map<FourTuple, Integer> model = new LinkedHashMap<>();
    for (int step = 0; step < 400; step++) {
      FourTuple t = tuple(random.nextInt(1, 4), PEER, random.nextInt(1, 40));
      if (model.containsKey(t)) {
        assertThat(subject.remove(t)).isEqualTo(model.remove(t));
      } else {
        subject.put(t, step);
        model.put(t, step);
      }
      FourTuple probe = tuple(random.nextInt(1, 4), PEER, random.nextInt(1, 40));
      assertThat(subject.get(probe)).isEqualTo(model.get(probe));
    }
    assertThat(subject.size()).isEqualTo(model.size());
    assertThat(subject.values()).containsExactlyElementsOf(model.values());
    for (Map.Entry<FourTuple, Integer> entry : model.entrySet()) {
      assertThat(subject.get(entry.getKey())).isEqualTo(entry.getValue());
    }
  }

  private static long key(FourTuple t) {
    return ConnectionTable.key(t.local());
  }

  private static long key2(FourTuple t) {
    return ConnectionTable.key(t.remote());
  }
}
