package netsim.scenario.config;

/**
 * When a run ends: at virtual time {@code at} at the latest, and earlier as soon as every
 * connection is CLOSED and no application has anything left to do, if {@code whenAllClosed}.
 */
public record StopSettings(long at, boolean whenAllClosed) {}
