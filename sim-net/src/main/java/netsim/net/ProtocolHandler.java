package netsim.net;

import netsim.net.packet.Packet;

/** Receives the packets of one IP protocol that arrive at a host, e.g. a TCP stack. */
@FunctionalInterface
public interface ProtocolHandler {
  void receive(Packet packet);
}
