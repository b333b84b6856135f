/**
 * Captures: writes the packets a host sees to classic pcap files, with virtual-time timestamps, for
 * Wireshark and tshark.
 */
@NullMarked
package netsim.net.pcap;

import org.jspecify.annotations.NullMarked;
