package netsim.net.link;

import netsim.core.Simulator;
import netsim.net.Host;
import netsim.net.Network;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.TestPayload;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Packet;

/**
 * A responsive sender for queue tests, like a Reno flow reduced to its rate: it paces packets at a
 * rate that grows by one packet per round trip every round trip, and halves once per round trip
 * when it learns, one round trip after the fact, that a packet of its own was dropped (or, when
 * {@link #ecnCapable()}, marked Congestion Experienced: its packets are ECT(0) then).
 */
final class AimdSource implements Runnable, PacketObserver {
  private final Simulator sim;
  private final Host from;
  private final Host to;
  private final int size;
  private final double rtt;
  private final long until;
  private double rate;
  private Ecn ecn = Ecn.NOT_ECT;

  /** When the sender learns of the first drop not yet reacted to, or -1. */
  private long signalAt = -1;

  /** Drops before this time were already reacted to. */
  private long reactedUntil = -1;

  /**
   * @param size bytes on the wire per packet
   * @param rtt the round trip, in ns, after which a drop is noticed
   * @param rate the starting rate in packets per second
   * @param until when to stop sending
   */
  AimdSource(Network network, Host from, Host to, int size, long rtt, double rate, long until) {
    this.sim = network.simulator();
    this.from = from;
    this.to = to;
    this.size = size;
    this.rtt = rtt / 1e9;
    this.rate = rate;
    this.until = until;
    network.addObserver(this);
  }

  /** Sends ECT(0) packets and takes a CE mark as it takes a drop, as an ECN-capable TCP does. */
  AimdSource ecnCapable() {
    ecn = Ecn.ECT_0;
    return this;
  }

  void start() {
    sim.schedule(0, this);
  }

  @Override
  public void run() {
    long now = sim.now();
    if (signalAt >= 0 && now >= signalAt) {
      rate /= 2;
      signalAt = -1;
      reactedUntil = now;
    } else {
      rate += 1 / (rate * rtt * rtt);
    }
    from.send(to.address(), new TestPayload("aimd", 1000, 2000, size - 28, 0, 0), null, ecn);
    if (now < until) {
      sim.schedule((long) (1e9 / rate), this);
    }
  }

  @Override
  public void onDrop(
      long time, Node node, netsim.net.link.LinkDirection link, Packet packet, DropCause cause) {
    signalled(time, packet);
  }

  @Override
  public void onMark(long time, Node node, LinkDirection link, Packet packet) {
    signalled(time, packet);
  }

  private void signalled(long time, Packet packet) {
    if (packet.source().equals(from.address()) && signalAt < 0 && time > reactedUntil) {
      signalAt = time + (long) (rtt * 1e9);
    }
  }
}
