package netsim.udp;

import netsim.net.packet.Ipv4Address;

/** An application bound to a UDP port: it is handed every datagram that arrives there. */
@FunctionalInterface
public interface UdpReceiver {
  /** {@code datagram} from {@code source} arrived at virtual time {@code now}. */
  void receive(long now, Ipv4Address source, UdpDatagram datagram);
}
