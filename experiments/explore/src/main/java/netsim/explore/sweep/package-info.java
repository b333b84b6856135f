/**
 * Sweeps: every combination of the varied config values, run several times each with derived seeds,
 * in parallel or in deterministic shards, with per-run records, results.csv, summary.csv with
 * confidence intervals, plots, and merging of shards.
 */
@NullMarked
package netsim.explore.sweep;

import org.jspecify.annotations.NullMarked;
