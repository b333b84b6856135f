package netsim.packetdrill;

/**
 * A UDP or ICMP packet line: read so that the rest of the script is checked, but never run (netsim
 * models TCP only, and the script is unsupported).
 *
 * @param protocol "udp" or "icmp"
 */
record OtherPacket(boolean inbound, String protocol) implements Action {}
