/**
 * A minimal UDP (RFC 768) beside sim-tcp: datagrams, a per-host stack that demultiplexes them by
 * port, and receivers that count what arrives. Traffic sources in experiments/scenario drive it.
 */
@NullMarked
package netsim.udp;

import org.jspecify.annotations.NullMarked;
