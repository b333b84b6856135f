package netsim.scenario.config;

/** A UDP sink: counts the datagrams that arrive at {@code port} of {@code host}. */
public record UdpSinkSettings(String host, int port) {
  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of a {@code udpSinks} entry ({@code UdpSinkTable}). */
  static final class Builder {
    private String host;
    private int port;

    Builder host(String value) {
      host = value;
      return this;
    }

    Builder port(int value) {
      port = value;
      return this;
    }

    UdpSinkSettings build() {
      return new UdpSinkSettings(host, port);
    }
  }
}
