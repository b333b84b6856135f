/**
 * The TCP model of RFC 9293 and its companions: the TcpStack of one host, connections with their
 * state machine (TcpConnection, with SendSide, ReceiveSide and TcpTimers beside it), listeners,
 * segments and options, the loss recoveries (Reno, NewReno, SACK, RACK-TLP, PRR), host profiles,
 * and the observers through which a stack reports what its connections do.
 */
@NullMarked
package netsim.tcp;

import org.jspecify.annotations.NullMarked;
