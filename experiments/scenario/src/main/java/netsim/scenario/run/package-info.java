/**
 * Building and running one experiment: the network, stacks and applications made from a config, the
 * Recorder that turns what sim-net and sim-tcp observe into typed trace events for the run's
 * EventSinks, the connection log and the invariant checks of a finished run.
 */
@NullMarked
package netsim.scenario.run;

import org.jspecify.annotations.NullMarked;
