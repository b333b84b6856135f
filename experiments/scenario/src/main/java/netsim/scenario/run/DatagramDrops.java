package netsim.scenario.run;

import java.util.Map;
import netsim.net.Node;
import netsim.net.PacketObserver;
import netsim.net.link.LinkDirection;
import netsim.net.packet.DropCause;
import netsim.net.packet.Packet;
import netsim.udp.UdpDatagram;
import org.jspecify.annotations.Nullable;

/**
 * Counts each UDP source's datagrams dropped on the way, so that its loss counts only datagrams
 * whose fate is known: one still in flight when the run ends is neither received nor lost.
 */
final class DatagramDrops implements PacketObserver {
  /** The flows by their source's address and port ({@link UdpSinkApp#key}); never iterated. */
  private final Map<Long, DatagramFlow> flows;

  DatagramDrops(Map<Long, DatagramFlow> flows) {
    this.flows = flows;
  }

  @Override
  public void onDrop(
      long time, Node node, @Nullable LinkDirection link, Packet packet, DropCause cause) {
    if (packet.payload() instanceof UdpDatagram d) {
      DatagramFlow flow = flows.get(UdpSinkApp.key(packet.source(), d.sourcePort()));
      if (flow != null) {
        flow.dropped++;
      }
    }
  }
}
