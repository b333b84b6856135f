package netsim.scenario.run;

import java.util.Map;
import netsim.net.packet.Ipv4Address;
import netsim.udp.UdpDatagram;
import netsim.udp.UdpReceiver;

/**
 * A UDP sink: counts the datagrams that arrive at its port, and credits each to the flow of the
 * source that sent it.
 */
final class UdpSinkApp implements UdpReceiver {
  /**
   * The flows by their source's address and port ({@link #key}); looked up only, never iterated.
   */
  private final Map<Long, DatagramFlow> flows;

  private long received;
  private long receivedBytes;

  UdpSinkApp(Map<Long, DatagramFlow> flows) {
    this.flows = flows;
  }

  /** A source's address and port as one number: the address in bits 16 to 47. */
  static long key(Ipv4Address address, int port) {
    return (address.bits() & 0xFFFF_FFFFL) << 16 | port;
  }

  @Override
  public void receive(long now, Ipv4Address source, UdpDatagram datagram) {
    received++;
    receivedBytes += datagram.dataLength();
    DatagramFlow flow = flows.get(key(source, datagram.sourcePort()));
    if (flow != null) {
      flow.received++;
      flow.receivedBytes += datagram.dataLength();
      flow.lastReceivedAt = now;
    }
  }

  /** Datagrams received so far. */
  long received() {
    return received;
  }

  /** Data bytes received so far. */
  long receivedBytes() {
    return receivedBytes;
  }
}
