/**
 * Hunting edge cases: runs an experiment under many seeds and reports, in seed order, the seeds in
 * which a Detector fired (stale SYN, lost final ACK, half-open, simultaneous open ...).
 */
@NullMarked
package netsim.explore.hunt;

import org.jspecify.annotations.NullMarked;
