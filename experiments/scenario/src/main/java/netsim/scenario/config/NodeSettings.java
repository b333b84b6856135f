package netsim.scenario.config;

import netsim.tcp.TcpConfig;

/**
 * A node of the topology: a host with an IPv4 address and its TCP parameters, or a router. A host
 * may crash at a time (its TCP state vanishes, RFC 9293 3.5.1) and restart its listeners later.
 *
 * @param crashAt virtual time of the crash, or -1
 * @param restartAt virtual time the crashed host listens again, or -1
 */
public record NodeSettings(
    String name, Kind kind, String address, TcpConfig tcp, long crashAt, long restartAt) {

  static Builder builder() {
    return new Builder();
  }

  /** Host or router. */
  public enum Kind {
    HOST,
    ROUTER
  }

  /** Collects the keys of a {@code nodes} entry ({@code NodeTable}). */
  static final class Builder {
    private String name;
    private Kind kind = Kind.HOST;
    private String address;
    private TcpConfig tcp;
    private long crashAt = -1;
    private long restartAt = -1;

    Builder name(String value) {
      name = value;
      return this;
    }

    Builder kind(Kind value) {
      kind = value;
      return this;
    }

    Builder address(String value) {
      address = value;
      return this;
    }

    Builder tcp(TcpConfig value) {
      tcp = value;
      return this;
    }

    Builder crashAt(long value) {
      crashAt = value;
      return this;
    }

    Builder restartAt(long value) {
      restartAt = value;
      return this;
    }

    NodeSettings build() {
      return new NodeSettings(name, kind, address, tcp, crashAt, restartAt);
    }
  }
}
