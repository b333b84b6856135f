/**
 * IPv4 packets as sim-net carries them: addresses and prefixes, the Payload a transport puts in
 * them, deterministic packet ids, the Internet checksum, and why a packet was dropped.
 */
@NullMarked
package netsim.net.packet;

import org.jspecify.annotations.NullMarked;
