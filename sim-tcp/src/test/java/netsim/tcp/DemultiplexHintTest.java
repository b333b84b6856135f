package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The demultiplexing hint a segment carries ({@link TcpSegment#hint}): a connection learns its peer
 * from the segments that reach it, its segments name that peer, and the peer's stack takes the hint
 * instead of its table's lookup only when the table would give the same connection.
 */
class DemultiplexHintTest {
  private static final Ipv4Address CLIENT = Ipv4Address.parse("10.0.0.1");
  private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.2");
  private static final Ipv4Address OTHER = Ipv4Address.parse("10.0.0.3");

  private final Simulator sim = new Simulator();

  /** A segment on its way, and every segment delivered, in order. */
  private record Delivery(Ipv4Address from, Ipv4Address to, TcpSegment segment) {}

  private final ArrayDeque<Delivery> wire = new ArrayDeque<>();
  private final List<Delivery> delivered = new ArrayList<>();
  private final List<TcpStack> hosts = new ArrayList<>();

  /** A stack at {@code address} whose segments go on the wire; {@link #deliverAll} carries them. */
  private TcpStack host(Ipv4Address address) {
    TcpStack stack =
        new TcpStack(
            sim,
            new RandomStreams(hosts.size() + 1),
            "h" + hosts.size(),
            address,
            TcpHarness.CONFIG,
            (destination, segment, state, ecn) ->
                wire.add(new Delivery(address, destination, segment)));
    hosts.add(stack);
    return stack;
  }

  /** A stack that no wire reaches: what it sends is lost. */
  private TcpStack isolated(Ipv4Address address) {
    return new TcpStack(
        sim, new RandomStreams(9), "iso", address, TcpHarness.CONFIG, (d, s, st, e) -> {});
  }

  private void deliverAll() {
    while (!wire.isEmpty()) {
      Delivery d = wire.poll();
      delivered.add(d);
      for (TcpStack host : hosts) {
        if (host.address().equals(d.to())) {
          host.receive(d.from(), d.to(), d.segment());
        }
      }
    }
  }

  /** The segments delivered so far from {@code from}, last first. */
  private TcpSegment lastFrom(Ipv4Address from) {
    for (int i = delivered.size() - 1; i >= 0; i--) {
      if (delivered.get(i).from().equals(from)) {
        return delivered.get(i).segment();
      }
    }
    throw new AssertionError("nothing from " + from);
  }

  /** What {@code stack} demultiplexes a segment from {@code source} to, hint and all. */
  private static @Nullable TcpConnection hinted(
      TcpStack stack, Ipv4Address source, TcpSegment seg) {
    return stack.demultiplex(stack.address().bits(), ConnectionTable.key(source, seg), seg);
  }

  /** What {@code stack}'s table gives for a segment from {@code source}. */
  private static @Nullable TcpConnection byTable(
      TcpStack stack, Ipv4Address source, TcpSegment seg) {
    return stack.connection(
        new FourTuple(
            new Endpoint(stack.address(), seg.destinationPort()),
            new Endpoint(source, seg.sourcePort())));
  }

  /** An ACK from {@code sourcePort} to {@code destinationPort} that names {@code hint}. */
  private static TcpSegment ackHinting(
      int sourcePort, int destinationPort, @Nullable TcpConnection hint) {
    return new TcpSegment(
        sourcePort,
        destinationPort,
        1,
        1,
        TcpFlags.ACK,
        1000,
        0,
        TcpOptions.NONE,
        false,
        0,
        0,
        DataChunk.EMPTY,
        0,
        0,
        null,
        hint);
  }

  /** The SYN a peer at {@code source}:{@code port} sends to port 80, built by hand (no hint). */
  private static void synFrom(TcpStack stack, Ipv4Address source, int port) {
    stack.receive(
        source, stack.address(), TcpSegment.builder(port, 80).seq(700).flags(TcpFlags.SYN).build());
  }

  private static TcpConnection only(TcpStack stack, Ipv4Address source, int port) {
    TcpConnection connection =
        stack.connection(
            new FourTuple(new Endpoint(stack.address(), 80), new Endpoint(source, port)));
    assertThat(connection).isNotNull();
    return connection;
  }

  @Test
  void establishedConnections_nameEachOtherAsHints_andTheHintReachesTheSameConnectionAsTheTable() {
    TcpStack server = host(SERVER);
    TcpStack client = host(CLIENT);
    server.listen(80, 4, child -> new TcpHandler() {});
    TcpConnection active = client.connect(new Endpoint(SERVER, 80), new TcpHandler() {});
    deliverAll();
    TcpConnection passive = server.connections().get(0);
    assertThat(active.state()).isEqualTo(TcpState.ESTABLISHED);
    assertThat(passive.state()).isEqualTo(TcpState.ESTABLISHED);

    active.send(new byte[100]);
    deliverAll();

    TcpSegment data = lastFrom(CLIENT);
    assertThat(data.dataLength()).isEqualTo(100);
    assertThat(data.origin()).isSameAs(active);
    assertThat(data.hint()).isSameAs(passive);
    assertThat(hinted(server, CLIENT, data))
        .isSameAs(passive)
        .isSameAs(byTable(server, CLIENT, data));
    assertThat(passive.info().rcvNxt()).isEqualTo(passive.info().irs() + 101);
    TcpSegment reply = lastFrom(SERVER);
    assertThat(reply.hint()).isSameAs(active);
    assertThat(hinted(client, SERVER, reply))
        .isSameAs(active)
        .isSameAs(byTable(client, SERVER, reply));
  }

  @Test
  void aHandBuiltSegment_carriesNoHint_andIsFoundByTheTable() {
    TcpStack server = isolated(SERVER);
    server.listen(80, 4, child -> new TcpHandler() {});
    synFrom(server, CLIENT, 1000);
    TcpSegment ack = TcpSegment.builder(1000, 80).seq(701).ack(1).build();
    assertThat(ack.origin()).isNull();
    assertThat(ack.hint()).isNull();
    assertThat(hinted(server, CLIENT, ack)).isSameAs(only(server, CLIENT, 1000));
  }

  @Test
  void aHintOfAClosedConnection_fallsBackToTheTable_whichHasNone() {
    TcpStack server = isolated(SERVER);
    server.listen(80, 4, child -> new TcpHandler() {});
    synFrom(server, CLIENT, 1000);
    TcpConnection closed = only(server, CLIENT, 1000);
    TcpSegment ack = ackHinting(1000, 80, closed);
    assertThat(hinted(server, CLIENT, ack)).isSameAs(closed);

    closed.abort();

    assertThat(closed.state()).isEqualTo(TcpState.CLOSED);
    assertThat(hinted(server, CLIENT, ack)).isNull();
    assertThat(byTable(server, CLIENT, ack)).isNull();
  }

  @Test
  void aHintOfAnEarlierIncarnation_fallsBackToTheTable_whichGivesTheNewOne() {
    TcpStack server = isolated(SERVER);
    server.listen(80, 4, child -> new TcpHandler() {});
    synFrom(server, CLIENT, 1000);
    TcpConnection old = only(server, CLIENT, 1000);
    old.abort();
    synFrom(server, CLIENT, 1000);
    TcpConnection current = only(server, CLIENT, 1000);
    assertThat(current).isNotSameAs(old);

    TcpSegment ack = ackHinting(1000, 80, old);

    assertThat(hinted(server, CLIENT, ack))
        .isSameAs(current)
        .isSameAs(byTable(server, CLIENT, ack));
  }

  @Test
  void aHintOfAnotherStacksConnection_withTheSameFourTuple_fallsBackToTheTable() {
    TcpStack server = isolated(SERVER);
    TcpStack twin = isolated(SERVER);
    server.listen(80, 4, child -> new TcpHandler() {});
    twin.listen(80, 4, child -> new TcpHandler() {});
    synFrom(server, CLIENT, 1000);
    synFrom(twin, CLIENT, 1000);
    TcpConnection ours = only(server, CLIENT, 1000);
    TcpConnection theirs = only(twin, CLIENT, 1000);

    TcpSegment ack = ackHinting(1000, 80, theirs);

    assertThat(hinted(server, CLIENT, ack)).isSameAs(ours).isSameAs(byTable(server, CLIENT, ack));
    assertThat(hinted(twin, CLIENT, ack)).isSameAs(theirs);
  }

  @Test
  void aHintWhoseFourTupleDiffersFromTheSegments_fallsBackToTheTable() {
    TcpStack server = isolated(SERVER);
    server.listen(80, 4, child -> new TcpHandler() {});
    server.listen(81, 4, child -> new TcpHandler() {});
    synFrom(server, CLIENT, 1000);
    synFrom(server, CLIENT, 1001);
    TcpConnection port1000 = only(server, CLIENT, 1000);
    TcpConnection port1001 = only(server, CLIENT, 1001);

    TcpSegment otherSourcePort = ackHinting(1001, 80, port1000);
    TcpSegment otherDestinationPort = ackHinting(1000, 81, port1000);

    assertThat(hinted(server, CLIENT, otherSourcePort)).isSameAs(port1001);
    assertThat(hinted(server, CLIENT, otherDestinationPort)).isNull();
    assertThat(hinted(server, OTHER, ackHinting(1000, 80, port1000))).isNull();
    TcpSegment toOtherAddress = ackHinting(1000, 80, port1000);
    assertThat(
            server.demultiplex(
                OTHER.bits(), ConnectionTable.key(CLIENT, toOtherAddress), toOtherAddress))
        .isNull();
  }

  @Test
  void aConnectionThatLeavesTheTable_forgetsItsPeer() {
    TcpStack server = host(SERVER);
    TcpStack client = host(CLIENT);
    server.listen(80, 4, child -> new TcpHandler() {});
    TcpConnection active = client.connect(new Endpoint(SERVER, 80), new TcpHandler() {});
    deliverAll();
    TcpConnection passive = server.connections().get(0);
    assertThat(active.peer()).isSameAs(passive);

    active.abort();

    assertThat(active.peer()).isNull();
  }

  /**
   * Any program of active and passive opens, aborts and reopens of the same 4-tuples, at a stack
   * and at a twin with its address: a segment of any 4-tuple with any hint (a connection of either
   * stack, live or ended, or none) is demultiplexed as the table looks it up.
   */
  @Property(tries = 200)
  void anyProgramOfOpensClosesAndReuses_hintedLookupAgreesWithTheTable(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TcpStack stack = isolated(SERVER);
    TcpStack twin = isolated(SERVER);
    List<TcpStack> both = List.of(stack, twin);
    for (TcpStack s : both) {
      s.listen(80, 1000, child -> new TcpHandler() {});
    }
    Ipv4Address[] peers = {CLIENT, OTHER};
    List<TcpConnection> made = new ArrayList<>();
    int hits = 0;
    for (int step = 0; step < 300; step++) {
      TcpStack at = both.get(random.nextInt(2));
      Ipv4Address peer = peers[random.nextInt(2)];
      int peerPort = 1000 + random.nextInt(4);
      int action = random.nextInt(3);
      if (action == 0) {
        synFrom(at, peer, peerPort);
      } else if (action == 1) {
        Endpoint remote = new Endpoint(peer, peerPort);
        int localPort = 80 + random.nextInt(2);
        if (at.connection(new FourTuple(new Endpoint(SERVER, localPort), remote)) == null) {
          made.add(at.connect(localPort, remote, new TcpHandler() {}));
        }
      } else if (!at.connections().isEmpty()) {
        List<TcpConnection> live = at.connections();
        live.get(random.nextInt(live.size())).abort();
      }
      for (TcpStack s : both) {
        made.removeAll(s.connections());
        made.addAll(s.connections());
      }
      TcpConnection hint =
          made.isEmpty() || random.nextInt(5) == 0 ? null : made.get(random.nextInt(made.size()));
      TcpSegment seg;
      Ipv4Address source;
      if (hint != null && random.nextBoolean()) {
        // The hint's own 4-tuple, as its peer's segments carry it.
        seg = ackHinting(hint.remote().port(), hint.local().port(), hint);
        source = hint.remote().address();
      } else {
        seg = ackHinting(1000 + random.nextInt(4), 80 + random.nextInt(2), hint);
        source = peers[random.nextInt(2)];
      }
      TcpConnection found = hinted(stack, source, seg);
      assertThat(found).isSameAs(byTable(stack, source, seg));
      if (found != null && found == hint) {
        hits++;
      }
    }
    assertThat(hits).isPositive();
  }
}
