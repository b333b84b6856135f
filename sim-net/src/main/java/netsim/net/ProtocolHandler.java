package netsim.net;

/** Receives the packets of one IP protocol that arrive at a host, e.g. a TCP stack. */
@FunctionalInterface
public interface ProtocolHandler {
  void receive(Packet packet);
}
