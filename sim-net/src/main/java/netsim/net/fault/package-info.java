/**
 * Targeted faults: an ordered FaultChain of rules at a link direction or a node; the first rule
 * whose match and selection take a packet decides its FaultAction (drop, delay, hold, duplicate,
 * corrupt ...), and a packet no rule takes passes unchanged. A chain needs no network, only a
 * simulator, packet ids and a listener.
 */
@NullMarked
package netsim.net.fault;

import org.jspecify.annotations.NullMarked;
