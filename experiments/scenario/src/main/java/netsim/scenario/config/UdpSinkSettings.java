package netsim.scenario.config;

/** A UDP sink: counts the datagrams that arrive at {@code port} of {@code host}. */
public record UdpSinkSettings(String host, int port) {}
