package netsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import netsim.core.Time;
import netsim.scenario.config.ConfigLoader;
import netsim.scenario.metrics.FlowMetrics;
import netsim.scenario.metrics.FlowsReport;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import org.junit.jupiter.api.Test;

/**
 * Request/response: the client writes a request, the listener answers once the whole request has
 * arrived, the client asks again {@code think} after the whole answer, and closes after the last.
 */
class RequestResponseTest {
  private static final String EXPERIMENT =
      """
      tcp: {msl: 1s}
      nodes:
        - {name: a, address: 10.0.0.1}
        - {name: b, address: 10.0.0.2}
      links:
        - {a: a, b: b, bandwidth: 10Mbps, delay: 10ms}
      listeners:
        - {host: b, port: 80, send: 999}
      clients:
        - {name: rpc, host: a, connect: "b:80", requests: {count: 3, request: 100, response: 5000, think: 50ms}}
      """;

  @Test
  void eachAnswerFollowsAWholeRequest_andEachRequestFollowsAWholeAnswerAfterTheThinkTime() {
    FlowMetrics metrics = new FlowMetrics();
    RecordedRun run = RecordedRun.of(ConfigLoader.load("t.yaml", EXPERIMENT, List.of()), metrics);
    List<String> writes = new ArrayList<>();
    List<Long> clientWrites = new ArrayList<>();
    List<Long> answersWhole = new ArrayList<>();
    long clientRead = 0;
    long serverRead = 0;
    List<Long> requestsWhole = new ArrayList<>();
    List<Long> serverWrites = new ArrayList<>();
    for (TraceEvent e : run.events()) {
      if (!(e instanceof TraceEvent.App app)) {
        continue;
      }
      boolean client = app.node() == 0;
      if (app.event() == AppEvent.WRITE) {
        writes.add((client ? "a " : "b ") + app.bytes());
        (client ? clientWrites : serverWrites).add(app.t());
      } else if (app.event() == AppEvent.DATA && client) {
        clientRead += app.bytes();
        if (clientRead % 5000 == 0) {
          answersWhole.add(app.t());
        }
      } else if (app.event() == AppEvent.DATA) {
        serverRead += app.bytes();
        if (serverRead % 100 == 0) {
          requestsWhole.add(app.t());
        }
      }
    }
    // The listener's own send: 999 is not written: it answers the requests.
    assertThat(writes).containsExactly("a 100", "b 5000", "a 100", "b 5000", "a 100", "b 5000");
    assertThat(serverWrites).isEqualTo(requestsWhole);
    assertThat(answersWhole).hasSize(3);
    assertThat(clientWrites.get(1)).isEqualTo(answersWhole.get(0) + Time.millis(50));
    assertThat(clientWrites.get(2)).isEqualTo(answersWhole.get(1) + Time.millis(50));

    List<FlowsReport.Flow> flows = metrics.report().flows();
    assertThat(flows)
        .extracting(f -> f.name() + " " + f.direction() + " " + f.bytes() + " " + f.complete())
        .containsExactly("rpc up 300 true", "rpc down 15000 true");
    assertThat(Invariants.check(run.result(), run.result().connections())).isEmpty();
    assertThat(run.result().stopReason()).isEqualTo("all connections closed");
  }
}
