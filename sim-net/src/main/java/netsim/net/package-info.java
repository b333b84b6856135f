/**
 * The network model: nodes (hosts and routers) with interfaces, routing tables, the Network that
 * wires them with links, and the observers (PacketObserver, PacketTap) through which everything
 * that happens to a packet is reported. Knows nothing of TCP: a host hands arriving payloads to a
 * ProtocolHandler.
 */
@NullMarked
package netsim.net;

import org.jspecify.annotations.NullMarked;
