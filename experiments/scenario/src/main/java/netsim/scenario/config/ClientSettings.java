package netsim.scenario.config;

/**
 * A client: connects from {@code host} to {@code remoteHost:remotePort} at virtual time {@code at},
 * from {@code localPort} (0 = an ephemeral port), {@code connections} times in sequence, each
 * {@code pause} after the previous one reached CLOSED.
 */
public record ClientSettings(
    String host,
    String remoteHost,
    int remotePort,
    long at,
    int localPort,
    int connections,
    long pause,
    AppSettings app) {}
