/**
 * Per-flow metrics of a run computed as its events stream by: bytes, goodput, completion time,
 * retransmissions, RTT percentiles in constant memory.
 */
@NullMarked
package netsim.scenario.metrics;

import org.jspecify.annotations.NullMarked;
