package netsim.scenario.config;

/** A server: listens on {@code port} of {@code host} from virtual time {@code at}. */
public record ListenerSettings(String host, int port, int backlog, long at, AppSettings app) {
  static Builder builder() {
    return new Builder();
  }

  /** This listener with {@code value} as what it does on each connection. */
  ListenerSettings withApp(AppSettings value) {
    return new ListenerSettings(host, port, backlog, at, value);
  }

  /** Collects the keys of the listener table ({@code ListenerTable}). */
  static final class Builder {
    private String host;
    private int port;
    private int backlog;
    private long at;
    private AppSettings app = AppSettings.builder().build();

    Builder host(String value) {
      host = value;
      return this;
    }

    Builder port(int value) {
      port = value;
      return this;
    }

    Builder backlog(int value) {
      backlog = value;
      return this;
    }

    Builder at(long value) {
      at = value;
      return this;
    }

    Builder app(AppSettings value) {
      app = value;
      return this;
    }

    ListenerSettings build() {
      return new ListenerSettings(host, port, backlog, at, app);
    }
  }
}
