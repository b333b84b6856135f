package netsim.scenario.config;

/**
 * Which invariants a run checks. All are on by default; a config that means to end with connections
 * open (say, a {@code stop.at} before they close) turns {@code allClosed} off.
 */
public record InvariantSettings(boolean dataIntact, boolean allClosed, boolean noEmbryonic) {}
