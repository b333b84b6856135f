/**
 * The typed trace: TraceEvent records (an EventKind, primitives, enums and int ids, no text to
 * parse back), what happened to hosts and links, the RunIndex that names a run's nodes, link
 * directions and fault rules, and the owners of addresses.
 */
@NullMarked
package netsim.scenario.trace;

import org.jspecify.annotations.NullMarked;
