/**
 * The simulation kernel: virtual time in integer nanoseconds, the event sets and the Simulator that
 * runs events in (time, sequence) order, timers, and the named random streams derived from one
 * seed. Everything a run needs hangs off one Simulator; nothing here knows about networks.
 */
@NullMarked
package netsim.core;

import org.jspecify.annotations.NullMarked;
