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

  private final ConnectionTable<Named> table = new ConnectionTable<>();

  /** A value of the table: a name, with the keys of the 4-tuple it is put under. */
  private record Named(long localKey, long remoteKey, String name)
      implements ConnectionTable.Keyed {}

  /** {@code name} as the value of {@code tuple}. */
  private static Named named(FourTuple tuple, String name) {
    return new Named(key(tuple), key2(tuple), name);
  }

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
    Named a = named(tuple(80, PEER, 40000), "a");
    table.put(tuple(80, PEER, 40000), a);
    assertThat(table.get(tuple(80, PEER, 40000))).isEqualTo(a);
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
        .isEqualTo(a);
  }

  @Test
  void put_ofAMappedFourTuple_isRefused() {
    table.put(tuple(40000), named(tuple(40000), "a"));
    assertThatThrownBy(() -> table.put(tuple(40000), named(tuple(40000), "b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("10.0.0.2:80-10.0.0.1:40000 is mapped already");
    assertThat(table.get(tuple(40000))).isEqualTo(named(tuple(40000), "a"));
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void remove_returnsTheValue_thenTheTupleIsGone_andMayBeMappedAgainAtTheEndOfTheOrder() {
    Named a = named(tuple(1), "a");
    Named b = named(tuple(2), "b");
    Named c = named(tuple(3), "c");
    Named bAgain = named(tuple(2), "b again");
    table.put(tuple(1), a);
    table.put(tuple(2), b);
    table.put(tuple(3), c);
    assertThat(table.remove(tuple(2))).isEqualTo(b);
    assertThat(table.remove(tuple(2))).isNull();
    assertThat(table.get(tuple(2))).isNull();
    assertThat(table.values()).containsExactly(a, c);
    table.put(tuple(2), bAgain);
    assertThat(table.get(tuple(2))).isEqualTo(bAgain);
    assertThat(table.values()).containsExactly(a, c, bAgain);
    table.remove(tuple(1));
    table.remove(tuple(3));
    assertThat(table.values()).containsExactly(bAgain);
    table.remove(tuple(2));
    assertThat(table.values()).isEmpty();
    assertThat(table.size()).isZero();
  }

  @Test
  void put_ofAValueWithOtherKeys_isRefused() {
    assertThatThrownBy(() -> table.put(tuple(1), named(tuple(2), "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value's keys are not those of 10.0.0.2:80-10.0.0.1:1");
    assertThat(table.size()).isZero();
  }

  @Test
  void tuplesWithOneHomeSlot_areAllFound_whicheverOfThemIsRemoved() {
    // Three tuples whose probes all start at the same slot of the first, 16-slot table (which
    // holds three before it grows): they fill one probe run, so removing any of them must move
    // the later ones back.
    List<FourTuple> colliding = new ArrayList<>();
    int wanted = ConnectionTable.home(key(tuple(1)), key2(tuple(1)), 16);
    for (int port = 1; colliding.size() < 3; port++) {
      FourTuple candidate = tuple(port);
      if (ConnectionTable.home(key(candidate), key2(candidate), 16) == wanted) {
        colliding.add(candidate);
      }
    }
    for (int removed = 0; removed < colliding.size(); removed++) {
      ConnectionTable<Named> run = new ConnectionTable<>();
      for (FourTuple t : colliding) {
        run.put(t, named(t, t.toString()));
      }
      run.remove(colliding.get(removed));
      for (int i = 0; i < colliding.size(); i++) {
        FourTuple t = colliding.get(i);
        assertThat(run.get(t))
            .as("%s after removing #%s", t, removed)
            .isEqualTo(i == removed ? null : named(t, t.toString()));
      }
    }
  }

  @Test
  void growth_keepsEveryMappingAndTheOrderOfInsertion() {
    List<Named> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = tuple(1 + i % 60_000, new Ipv4Address(0x0A01_0000 + i / 100), 5000 + i % 7);
      table.put(t, named(t, t.toString()));
      expected.add(named(t, t.toString()));
    }
    assertThat(table.size()).isEqualTo(20_000);
    assertThat(table.values()).containsExactlyElementsOf(expected);
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = tuple(1 + i % 60_000, new Ipv4Address(0x0A01_0000 + i / 100), 5000 + i % 7);
      assertThat(table.get(t)).isEqualTo(named(t, t.toString()));
    }
  }

  @Property(tries = 200)
  void anyProgramOfPutsAndRemoves_agreesWithALinkedHashMap(@ForAll long seed) {
    // Few distinct tuples, so the same ones come and go, through growth and long probe runs.
    SplittableRandom random = new SplittableRandom(seed);
    ConnectionTable<Named> subject = new ConnectionTable<>();
    Map<FourTuple, Named> model = new LinkedHashMap<>();
    for (int step = 0; step < 400; step++) {
      FourTuple t = tuple(random.nextInt(1, 4), PEER, random.nextInt(1, 40));
      if (model.containsKey(t)) {
        assertThat(subject.remove(t)).isEqualTo(model.remove(t));
      } else {
        Named value = named(t, "step " + step);
        subject.put(t, value);
        model.put(t, value);
      }
      FourTuple probe = tuple(random.nextInt(1, 4), PEER, random.nextInt(1, 40));
      assertThat(subject.get(probe)).isEqualTo(model.get(probe));
    }
    assertThat(subject.size()).isEqualTo(model.size());
    assertThat(subject.values()).containsExactlyElementsOf(model.values());
    for (Map.Entry<FourTuple, Named> entry : model.entrySet()) {
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
