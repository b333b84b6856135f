/**
 * The outputs of one run, as sinks fed while it runs: the trace (JSON lines) writer and reader,
 * summary.json, flows.csv, the human summary, and the ladder diagram.
 */
@NullMarked
package netsim.report.output;

import org.jspecify.annotations.NullMarked;
