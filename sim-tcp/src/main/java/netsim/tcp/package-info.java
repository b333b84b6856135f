/**
 * The TCP model of RFC 9293 and its companions: the TcpStack of one host, connections with their
 * state machine (TcpConnection, with SendSide, ReceiveSide, SegmentWriter and TcpTimers beside it),
 * listeners, segments and options, the loss recoveries (Reno, NewReno, SACK, RACK-TLP, PRR), host
 * profiles, and the observers through which a stack reports what its connections do, each of which
 * shows its state and counters as a TcpInfo (Linux's struct tcp_info).
 */
@NullMarked
package netsim.tcp;

import org.jspecify.annotations.NullMarked;
