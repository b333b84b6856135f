package netsim.cli;

import picocli.CommandLine.Option;

/**
 * {@code --check} for the commands that report a sweep's runs ({@code sweep}, {@code merge}): exit
 * status 1 when a run violated an invariant. {@code run} has its own, worded for one run.
 */
final class SweepCheckOption {
  @Option(names = "--check", description = "Exit with status 1 when a run violated an invariant.")
  boolean requested;
}
