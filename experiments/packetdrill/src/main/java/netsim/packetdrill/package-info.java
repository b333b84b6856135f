/**
 * A packetdrill runner for netsim's TCP: parses packetdrill scripts, plays their system calls and
 * inbound packets against one simulated host, checks the packets it sends, and reports per script.
 */
@NullMarked
package netsim.packetdrill;

import org.jspecify.annotations.NullMarked;
