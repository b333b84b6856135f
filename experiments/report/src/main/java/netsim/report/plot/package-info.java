/**
 * Plots: the time-sequence and congestion-window graphs of a run, drawn from bounded,
 * online-thinned series, and the deterministic chart style (Charts) that sweep plots share.
 */
@NullMarked
package netsim.report.plot;

import org.jspecify.annotations.NullMarked;
