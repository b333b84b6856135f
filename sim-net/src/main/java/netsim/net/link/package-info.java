/**
 * Links and what happens on them: each LinkDirection applies, in a fixed order, the up/down check,
 * fault rules, the random impairments netem users know (loss models, duplication, corruption,
 * jitter, reordering), the queue discipline (drop-tail, RED, CoDel), transmission and propagation,
 * then hands the packet to the Arrival at its far end.
 */
@NullMarked
package netsim.net.link;

import org.jspecify.annotations.NullMarked;
