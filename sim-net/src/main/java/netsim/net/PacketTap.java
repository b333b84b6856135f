package netsim.net;

import netsim.net.packet.Packet;

/** Sees every packet that crosses one interface, in either direction, like tcpdump on it. */
@FunctionalInterface
public interface PacketTap {
  /**
   * Sees {@code packet} cross the interface at {@code time}.
   *
   * @param outbound true for a packet leaving through the interface, false for one arriving
   */
  void onPacket(long time, Packet packet, boolean outbound);
}
