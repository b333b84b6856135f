/**
 * Shrinking: turns a seed in which a detector fires into a small config with targeted fault rules
 * instead of random impairments, by recording the run's random decisions and reducing them with
 * delta debugging.
 */
@NullMarked
package netsim.explore.shrink;

import org.jspecify.annotations.NullMarked;
