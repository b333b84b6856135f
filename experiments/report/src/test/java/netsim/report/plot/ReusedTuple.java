package netsim.report.plot;

/**
 * An experiment with two connections on one 4-tuple: the client connects twice from local port 5000
 * to server:80, the second time after the first connection's TIME-WAIT has ended.
 */
public final class ReusedTuple {
  public static final String YAML =
      """
      name: reused-tuple
      seed: 1
      tcp: {minRto: 200ms, msl: 1s}
      nodes:
        - {name: client, address: 10.0.0.1}
        - {name: server, address: 10.0.0.2}
      links:
        - {a: client, b: server, bandwidth: 10Mbps, delay: 10ms}
      listeners:
        - {host: server, port: 80, close: eof}
      clients:
        - {host: client, connect: "server:80", localPort: 5000, send: 10KB, close: done,
           connections: 2, pause: 3s}
      """;

  private ReusedTuple() {}
}
