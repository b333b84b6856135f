package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.StateCause;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/** The connection log splits a reused 4-tuple's state changes into its connections' lives. */
class ConnectionLogTest {
  /** The client connects twice from local port 5000, the second time after TIME-WAIT ended. */
  private static final String REUSED_TUPLE =
      """
      name: reused-tuple
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

  private static RecordedRun run() {
    return RecordedRun.of(ConfigLoader.load("reused-tuple.yaml", REUSED_TUPLE, List.of()));
  }

  @Test
  void aReusedFourTuple_isTwoConnections_eachWithItsOwnLife() {
    RecordedRun run = run();
    RunResult result = run.result();
    List<ConnectionReport> client =
        result.connections().stream().filter(c -> c.node().equals("client")).toList();
    assertThat(client).hasSize(2);
    assertThat(client.get(0).tuple()).isEqualTo(client.get(1).tuple());
    for (ConnectionReport c : client) {
      TraceEvent.State first = c.transitions().get(0);
      assertThat(first.from()).isEqualTo(TcpState.CLOSED);
      assertThat(first.to()).isEqualTo(TcpState.SYN_SENT);
      assertThat(first.cause()).isEqualTo(StateCause.OPEN);
      assertThat(c.states()).contains(TcpState.ESTABLISHED, TcpState.TIME_WAIT);
    }
    assertThat(client.get(0).closedAt()).isPositive().isLessThan(client.get(1).openedAt());
  }

  @Test
  void theLivesOfAFourTuple_togetherAreAllItsStateChanges_inOrder() {
    RecordedRun run = run();
    RunResult result = run.result();
    for (ConnectionReport c : result.connections()) {
      int node = result.index().nodes().intern(c.node());
      List<TraceEvent.State> logged = new ArrayList<>();
      result.connections().stream()
          .filter(o -> o.node().equals(c.node()) && o.tuple().equals(c.tuple()))
          .forEach(o -> logged.addAll(o.transitions()));
      assertThat(logged)
          .as(c.node() + " " + c.conn())
          .isEqualTo(
              run.events().stream()
                  .filter(
                      e ->
                          e instanceof TraceEvent.State s
                              && s.node() == node
                              && s.conn().equals(c.tuple()))
                  .toList());
    }
  }

  @Test
  void lastDataAt_isTheLastDataDeliveredInThatLife_orNoneForASideThatReadNothing() {
    RecordedRun run = run();
    RunResult result = run.result();
    for (ConnectionReport c : result.connections()) {
      long end = c.closedAt() >= 0 ? c.closedAt() : result.end();
      long expected = lastDataAt(run, c, c.openedAt(), end);
      assertThat(c.lastDataAt()).as(c.node() + " " + c.conn()).isEqualTo(expected);
      assertThat(c.lastDataAt() >= 0).isEqualTo(c.role().equals("server"));
    }
  }

  @Test
  void twoConnectionsDeliveringAtOnce_eachLifeKeepsItsOwnLastDataAt() {
    // The server's data events alternate between the two connections.
    RecordedRun run =
        RecordedRun.of(
            ConfigLoader.load(
                "two-at-once.yaml",
                """
                name: two-at-once
                tcp: {minRto: 200ms}
                nodes:
                  - {name: client, address: 10.0.0.1}
                  - {name: other, address: 10.0.0.3}
                  - {name: server, address: 10.0.0.2}
                  - {name: r, kind: router}
                links:
                  - {a: client, b: r, bandwidth: 10Mbps, delay: 1ms}
                  - {a: other, b: r, bandwidth: 10Mbps, delay: 7ms}
                  - {a: r, b: server, bandwidth: 10Mbps, delay: 1ms}
                listeners:
                  - {host: server, port: 80, close: eof}
                clients:
                  - {host: client, connect: "server:80", send: 200KB, close: done}
                  - {host: other, connect: "server:80", send: 50KB, close: done}
                """,
                List.of()));
    RunResult result = run.result();
    List<Long> expected = new ArrayList<>();
    List<Long> logged = new ArrayList<>();
    for (ConnectionReport c : result.connections()) {
      if (c.node().equals("server")) {
        logged.add(c.lastDataAt());
        expected.add(lastDataAt(run, c, 0, Long.MAX_VALUE));
      }
    }
    assertThat(logged).hasSize(2).doesNotContain(-1L).doesNotHaveDuplicates().isEqualTo(expected);
  }

  /** The time of the last data {@code c}'s host delivered on its 4-tuple in [from, to], or -1. */
  private static long lastDataAt(RecordedRun run, ConnectionReport c, long from, long to) {
    int node = run.result().index().nodes().intern(c.node());
    return run.events().stream()
        .filter(
            e ->
                e instanceof TraceEvent.App a
                    && a.event() == AppEvent.DATA
                    && a.node() == node
                    && a.conn().equals(c.tuple())
                    && a.t() >= from
                    && a.t() <= to)
        .mapToLong(TraceEvent::t)
        .max()
        .orElse(-1);
  }
}
