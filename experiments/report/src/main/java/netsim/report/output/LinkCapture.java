package netsim.report.output;

import java.util.List;
import netsim.net.PacketObserver;
import netsim.net.PacketTap;
import netsim.net.link.LinkDirection;
import netsim.net.packet.Packet;

/**
 * A capture point on link directions ({@code outputs.capture: ["r1->r2"]}): hands every packet
 * their transmitters send to a tap (a pcap writer), at the time it leaves the queue and starts on
 * the wire, as tcpdump on the sending interface sees it behind a queue discipline. Packets the
 * queue drops are not sent, so not captured.
 */
final class LinkCapture implements PacketObserver {
  private final List<LinkDirection> directions;
  private final PacketTap tap;

  /** Captures what {@code directions} send into {@code tap}. */
  LinkCapture(List<LinkDirection> directions, PacketTap tap) {
    this.directions = List.copyOf(directions);
    this.tap = tap;
  }

  @Override
  public void onDequeue(long time, LinkDirection link, Packet packet, long sojourn) {
    for (int i = 0; i < directions.size(); i++) {
      if (directions.get(i) == link) {
        tap.onPacket(time, packet, true);
        return;
      }
    }
  }
}
