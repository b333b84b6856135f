package netsim.scenario.config;

/**
 * A value that is legal but surprising (an RTO below a millisecond, a buffer smaller than one
 * segment), located like a {@link ConfigException}: the run goes ahead, and the commands print it
 * on stderr. What cannot work is refused instead.
 *
 * @param message FILE:LINE:COLUMN: PATH: what is surprising and why
 */
public record ConfigWarning(String message) {}
