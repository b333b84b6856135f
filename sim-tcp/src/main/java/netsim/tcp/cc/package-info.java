/**
 * Congestion controls (Reno, CUBIC): how a connection's CongestionWindow grows as data is
 * acknowledged and where ssthresh goes on a loss. Loss recovery itself lives in netsim.tcp.
 */
@NullMarked
package netsim.tcp.cc;

import org.jspecify.annotations.NullMarked;
