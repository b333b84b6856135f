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
import netsim.core.Simulator;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import org.junit.jupiter.api.Test;

/** The 4-tuple table that demultiplexes segments: exact lookups, removal, growth, order. */
class ConnectionTableTest {
  private static final Ipv4Address US = Ipv4Address.parse("10.0.0.2");
  private static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.1");

  private final ConnectionTable table = new ConnectionTable();

  /** The environment of connections that are only looked up: nothing runs. */
  private static final class Idle implements TcpConnection.Environment {
    private final Simulator simulator = new Simulator();

    @Override
    public long now() {
      return 0;
    }

    @Override
    public Simulator simulator() {
      return simulator;
    }

    @Override
    public void transmit(TcpConnection connection, TcpSegment segment, Ecn ecn) {}

    @Override
    public void stateChanged(
        TcpConnection connection, TcpState from, TcpState to, StateCause cause, int causeFlags) {}

    @Override
    public void timersChanged(TcpConnection connection) {}
  }

  private static final Idle IDLE = new Idle();

  /** A new connection of {@code tuple}, which keys it. */
  private static TcpConnection connection(FourTuple tuple) {
    return new TcpConnection(TcpConfig.defaults(), tuple, 0, 0, IDLE, null);
  }

  private static FourTuple tuple(int localPort, Ipv4Address remote, int remotePort) {
    return new FourTuple(new Endpoint(US, localPort), new Endpoint(remote, remotePort));
  }

  private static FourTuple tuple(int remotePort) {
    return tuple(80, PEER, remotePort);
  }

  @Test
  void key_packsTheRemoteAddressAboveTheRemotePortAboveTheLocalPort() {
    assertThat(ConnectionTable.key(65535, Ipv4Address.parse("255.255.255.255"), 65535))
        .isEqualTo(0xFFFF_FFFF_FFFF_FFFFL);
    assertThat(ConnectionTable.key(0, Ipv4Address.parse("0.0.0.1"), 0)).isEqualTo(0x1_0000_0000L);
    assertThat(ConnectionTable.key(80, Ipv4Address.parse("10.0.0.1"), 40000))
        .isEqualTo(0x0A00_0001_9C40_0050L);
  }

  @Test
  void aConnection_carriesTheKeysOfItsFourTuple() {
    TcpConnection a = connection(tuple(80, PEER, 40000));
    assertThat(a.tupleKey()).isEqualTo(ConnectionTable.key(80, PEER, 40000));
    assertThat(a.localAddressBits()).isEqualTo(US.bits());
  }

  @Test
  void get_findsOnlyTheExactFourTuple() {
    TcpConnection a = connection(tuple(80, PEER, 40000));
    table.put(a);
    assertThat(table.get(tuple(80, PEER, 40000))).isSameAs(a);
    assertThat(table.get(tuple(81, PEER, 40000))).isNull();
    assertThat(table.get(tuple(80, PEER, 40001))).isNull();
    assertThat(table.get(tuple(80, Ipv4Address.parse("10.0.0.3"), 40000))).isNull();
    FourTuple otherLocalAddress =
        new FourTuple(new Endpoint(Ipv4Address.parse("10.0.0.9"), 80), new Endpoint(PEER, 40000));
    assertThat(table.get(otherLocalAddress)).isNull();
    // The local and remote endpoints are not interchangeable.
    assertThat(table.get(new FourTuple(new Endpoint(PEER, 40000), new Endpoint(US, 80)))).isNull();
    assertThat(table.get(US.bits(), ConnectionTable.key(80, PEER, 40000))).isSameAs(a);
  }

  @Test
  void put_ofAMappedFourTuple_isRefused() {
    TcpConnection a = connection(tuple(40000));
    table.put(a);
    assertThatThrownBy(() -> table.put(connection(tuple(40000))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("10.0.0.2:80-10.0.0.1:40000 is mapped already");
    assertThat(table.get(tuple(40000))).isSameAs(a);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void remove_returnsTheValue_thenTheTupleIsGone_andMayBeMappedAgainAtTheEndOfTheOrder() {
    TcpConnection a = connection(tuple(1));
    TcpConnection b = connection(tuple(2));
    TcpConnection c = connection(tuple(3));
    TcpConnection bAgain = connection(tuple(2));
    table.put(a);
    table.put(b);
    table.put(c);
    assertThat(table.remove(tuple(2))).isSameAs(b);
    assertThat(table.remove(tuple(2))).isNull();
    assertThat(table.get(tuple(2))).isNull();
    assertThat(table.values()).containsExactly(a, c);
    table.put(bAgain);
    assertThat(table.get(tuple(2))).isSameAs(bAgain);
    assertThat(table.values()).containsExactly(a, c, bAgain);
    table.remove(tuple(1));
    table.remove(tuple(3));
    assertThat(table.values()).containsExactly(bAgain);
    table.remove(tuple(2));
    assertThat(table.values()).isEmpty();
    assertThat(table.size()).isZero();
  }

  @Test
  void tuplesWithOneHomeSlot_areAllFound_whicheverOfThemIsRemoved() {
    // Three tuples whose probes all start at the same slot of the first, 16-slot table (which
    // holds three before it grows): they fill one probe run, so removing any of them must move
    // the later ones back.
    List<FourTuple> colliding = new ArrayList<>();
    int wanted = home(tuple(1));
    for (int port = 1; colliding.size() < 3; port++) {
      FourTuple candidate = tuple(port);
      if (home(candidate) == wanted) {
        colliding.add(candidate);
      }
    }
    for (int removed = 0; removed < colliding.size(); removed++) {
      ConnectionTable run = new ConnectionTable();
      List<TcpConnection> put = new ArrayList<>();
      for (FourTuple t : colliding) {
        put.add(connection(t));
        run.put(put.get(put.size() - 1));
      }
      run.remove(colliding.get(removed));
      for (int i = 0; i < colliding.size(); i++) {
        FourTuple t = colliding.get(i);
        assertThat(run.get(t))
            .as("%s after removing #%s", t, removed)
            .isSameAs(i == removed ? null : put.get(i));
      }
    }
  }

  @Test
  void growth_keepsEveryMappingAndTheOrderOfInsertion() {
    List<TcpConnection> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = tuple(1 + i % 60_000, new Ipv4Address(0x0A01_0000 + i / 100), 5000 + i % 7);
      TcpConnection connection = connection(t);
      table.put(connection);
      expected.add(connection);
    }
    assertThat(table.size()).isEqualTo(20_000);
    assertThat(table.values()).containsExactlyElementsOf(expected);
    for (int i = 0; i < 20_000; i++) {
      FourTuple t = tuple(1 + i % 60_000, new Ipv4Address(0x0A01_0000 + i / 100), 5000 + i % 7);
      assertThat(table.get(t)).isSameAs(expected.get(i));
    }
  }

  @Property(tries = 200)
  void anyProgramOfPutsAndRemoves_agreesWithALinkedHashMap(@ForAll long seed) {
    // Few distinct tuples, so the same ones come and go, through growth and long probe runs.
    SplittableRandom random = new SplittableRandom(seed);
    ConnectionTable subject = new ConnectionTable();
    Map<FourTuple, TcpConnection> model = new LinkedHashMap<>();
    for (int step = 0; step < 400; step++) {
      FourTuple t = tuple(random.nextInt(1, 4), PEER, random.nextInt(1, 40));
      if (model.containsKey(t)) {
        assertThat(subject.remove(t)).isSameAs(model.remove(t));
      } else {
        TcpConnection value = connection(t);
        subject.put(value);
        model.put(t, value);
      }
      FourTuple probe = tuple(random.nextInt(1, 4), PEER, random.nextInt(1, 40));
      assertThat(subject.get(probe)).isSameAs(model.get(probe));
    }
    assertThat(subject.size()).isEqualTo(model.size());
    assertThat(subject.values()).containsExactlyElementsOf(model.values());
    for (Map.Entry<FourTuple, TcpConnection> entry : model.entrySet()) {
      assertThat(subject.get(entry.getKey())).isSameAs(entry.getValue());
    }
  }

  /** The slot where {@code t}'s probe starts in a 16-slot table. */
  private static int home(FourTuple t) {
    return ConnectionTable.home(t.local().address().bits(), ConnectionTable.key(t), 16);
  }
}
