/**
 * The Java API: build an experiment in code with the keys of the experiment file, run it, and read
 * its flows' and links' numbers (docs/embedding.md).
 */
@NullMarked
package netsim.report.api;

import org.jspecify.annotations.NullMarked;
