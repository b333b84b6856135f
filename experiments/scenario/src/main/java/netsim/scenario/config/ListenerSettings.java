package netsim.scenario.config;

/** A server: listens on {@code port} of {@code host} from virtual time {@code at}. */
public record ListenerSettings(String host, int port, int backlog, long at, AppSettings app) {}
