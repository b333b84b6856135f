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

  /** Host or router. */
  public enum Kind {
    HOST,
    ROUTER
  }
}
