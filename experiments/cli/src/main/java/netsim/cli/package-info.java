/**
 * The netsim command line (picocli): one class per command (run, validate, scenarios, sweep, merge,
 * hunt, shrink, packetdrill), shared options as mixins, exit statuses and how failures are
 * reported.
 */
@NullMarked
package netsim.cli;

import org.jspecify.annotations.NullMarked;
