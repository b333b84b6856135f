package netsim.scenario.config;

import netsim.net.link.LinkConfig;

/**
 * A scheduled change of a link direction at virtual time {@code at}: its full new parameters,
 * already merged with the ones in force before (including {@code up} for down and up).
 */
public record ChangeSettings(long at, String link, boolean aToB, LinkConfig settings) {}
