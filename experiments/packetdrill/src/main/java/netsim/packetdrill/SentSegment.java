package netsim.packetdrill;

import netsim.tcp.TcpSegment;

/** A segment the endpoint under test sent, with the virtual time it left. */
record SentSegment(long time, TcpSegment segment) {}
