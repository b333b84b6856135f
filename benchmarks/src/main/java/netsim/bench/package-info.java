/**
 * Benchmarks (JMH, and whole-process mains): event sets, timers, links, random draws and whole TCP
 * transfers, with naive baselines measured beside them.
 */
@NullMarked
package netsim.bench;

import org.jspecify.annotations.NullMarked;
