package netsim.packetdrill;

import netsim.net.packet.Ecn;
import netsim.tcp.TcpSegment;

/**
 * A segment the endpoint under test sent, with the virtual time it left and the ECN field of its IP
 * packet.
 */
record SentSegment(long time, TcpSegment segment, Ecn ecn) {}
