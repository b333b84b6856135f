/**
 * Writing output directories safely: files written under a temporary name and renamed when
 * complete, output paths, and directories replaced whole so that an interrupted run never leaves a
 * half-written result.
 */
@NullMarked
package netsim.report.files;

import org.jspecify.annotations.NullMarked;
