package netsim.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.Packet;
import netsim.net.PacketObserver;
import netsim.net.TestPayload;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ipv4Address;

/**
 * One run of a stream of packets from a client to a server over one link direction configured under
 * test (the way back is ideal), with everything recorded: each packet's send and arrival time and
 * every fate (delivery, drop, duplication, reception) in order. Statistical tests run it with a
 * fixed seed and many packets, and a second run must reproduce {@link #fates()} exactly.
 */
final class LinkRun {
  /** Application bytes per packet; 128 bytes on the wire with the IPv4 and UDP-like headers. */
  static final int DATA = 100;

  /** What happened to one packet, at what time. */
  record Fate(long packetId, long sequence, String what, long time) {}

  final Simulator sim = new Simulator();
  final Network net;
  final Host client;
  final Host server;
  final Link link;
  private final List<Fate> fates = new ArrayList<>();
  private final List<Packet> received = new ArrayList<>();
  private final List<Packet> delivered = new ArrayList<>();
  private long[] sentAt = new long[1024];
  private long[] arrivedAt = new long[1024];
  private long[] sequenceOf = new long[1024];
  private long[] arrivalOrder = new long[1024];
  private int arrivals;

  private LinkRun(LinkConfig config, long seed) {
    net = new Network(sim, new RandomStreams(seed));
    client = net.addHost("client", Ipv4Address.parse("10.0.0.1"));
    server = net.addHost("server", Ipv4Address.parse("10.0.0.2"));
    link = net.connect(client, server, config, LinkConfig.ideal());
    net.computeRoutes();
    server.register(TestPayload.PROTOCOL, received::add);
    net.addObserver(new Recorder());
  }

  /** A client-server pair whose client-to-server direction has {@code config}. */
  static LinkRun over(LinkConfig config, long seed) {
    return new LinkRun(config, seed);
  }

  /**
   * Sends {@code count} packets, one every {@code spacing} ns, over a direction with {@code
   * config}; runs it twice and asserts that both runs have exactly the same fates (packet id,
   * sequence, fate, time), proving determinism. Returns the first run.
   */
  static LinkRun replayed(LinkConfig config, long seed, int count, long spacing) {
    LinkRun first = over(config, seed).send(count, spacing).run();
    LinkRun second = over(config, seed).send(count, spacing).run();
    assertThat(second.fates())
        .as("fates of a second run with the same seed")
        .isEqualTo(first.fates());
    return first;
  }

  /** Sends {@code count} packets, sequence numbers 0, 1, ..., one every {@code spacing} ns. */
  LinkRun send(int count, long spacing) {
    sim.schedule(0, new Sender(count, spacing));
    return this;
  }

  /** Runs the simulation until no event is left. */
  LinkRun run() {
    sim.run();
    return this;
  }

  LinkDirection direction() {
    return link.aToB();
  }

  LinkCounters counters() {
    return link.aToB().counters();
  }

  List<Fate> fates() {
    return fates;
  }

  /** The packets the direction delivered to the server, corrupted or not, in order. */
  List<Packet> delivered() {
    return delivered;
  }

  /** The packets the server's protocol handler accepted. */
  List<Packet> received() {
    return received;
  }

  /** Whether the original packet with sequence number {@code seq} was dropped on the link. */
  boolean[] lostBySequence(int count) {
    boolean[] lost = new boolean[count];
    for (Fate fate : fates) {
      if (fate.what().startsWith("drop:")) {
        lost[(int) fate.sequence()] = true;
      }
    }
    return lost;
  }

  /** The sequence numbers of the dropped packets, in order of the drops. */
  List<Long> lostSequences() {
    List<Long> lost = new ArrayList<>();
    for (Fate fate : fates) {
      if (fate.what().startsWith("drop:")) {
        lost.add(fate.sequence());
      }
    }
    return lost;
  }

  /** The one-way delay (arrival at the server minus sending) of every delivered packet. */
  long[] delays() {
    long[] delays = new long[arrivals];
    for (int i = 0; i < arrivals; i++) {
      int id = (int) arrivalOrder[i];
      delays[i] = arrivedAt[id] - sentAt[id];
    }
    return delays;
  }

  /** The sequence numbers of the delivered packets, in order of arrival. */
  long[] arrivalSequences() {
    long[] sequences = new long[arrivals];
    for (int i = 0; i < arrivals; i++) {
      sequences[i] = sequenceOf[(int) arrivalOrder[i]];
    }
    return sequences;
  }

  private final class Sender implements Runnable {
    private final int count;
    private final long spacing;
    private int next;

    Sender(int count, long spacing) {
      this.count = count;
      this.spacing = spacing;
    }

    @Override
    public void run() {
      client.send(server.address(), new TestPayload("p" + next, 1000, 2000, DATA, 0, next), null);
      next++;
      if (next < count) {
        sim.schedule(spacing, this);
      }
    }
  }

  private void remember(Packet packet, long time) {
    int id = (int) packet.id();
    if (id >= sentAt.length) {
      int length = Math.max(id + 1, sentAt.length * 2);
      sentAt = Arrays.copyOf(sentAt, length);
      arrivedAt = Arrays.copyOf(arrivedAt, length);
      sequenceOf = Arrays.copyOf(sequenceOf, length);
    }
    sentAt[id] = time;
    sequenceOf[id] = packet.payload().sequenceNumber();
  }

  private final class Recorder implements PacketObserver {
    @Override
    public void onSend(long time, Host host, Packet packet) {
      remember(packet, time);
    }

    @Override
    public void onDuplicate(long time, LinkDirection direction, Packet original, Packet copy) {
      remember(copy, sentAt[(int) original.id()]);
      fates.add(
          new Fate(
              original.id(), original.payload().sequenceNumber(), "duplicate:" + copy.id(), time));
    }

    @Override
    public void onDeliver(long time, LinkDirection direction, Packet packet) {
      if (direction != link.aToB()) {
        return;
      }
      arrivedAt[(int) packet.id()] = time;
      delivered.add(packet);
      if (arrivals == arrivalOrder.length) {
        arrivalOrder = Arrays.copyOf(arrivalOrder, arrivals * 2);
      }
      arrivalOrder[arrivals++] = packet.id();
      fates.add(new Fate(packet.id(), packet.payload().sequenceNumber(), "deliver", time));
    }

    @Override
    public void onDrop(
        long time, Node node, LinkDirection direction, Packet packet, DropCause cause) {
      String where = direction == null ? "drop-at-node:" : "drop:";
      fates.add(
          new Fate(
              packet.id(), packet.payload().sequenceNumber(), where + cause.traceName(), time));
    }

    @Override
    public void onReceive(long time, Host host, Packet packet) {
      fates.add(new Fate(packet.id(), packet.payload().sequenceNumber(), "receive", time));
    }
  }
}
