package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.RetransmitReason;
import netsim.tcp.TcpFlags;
import org.junit.jupiter.api.Test;

/** The key events of the human summary: the first twelve, one a line, and a count of the rest. */
class KeyEventsTest {
  @Test
  void thirteenRetransmissions_printTwelveLines_andOneMore() {
    RunIndex index = new RunIndex();
    int client = index.nodes().intern("client");
    FourTuple conn =
        new FourTuple(
            new Endpoint(Ipv4Address.parse("10.0.0.1"), 5000),
            new Endpoint(Ipv4Address.parse("10.0.0.2"), 80));
    KeyEvents keyEvents = new KeyEvents();
    keyEvents.start(index);
    for (int i = 1; i <= 13; i++) {
      keyEvents.accept(
          new TraceEvent.Retransmit(
              i * Time.MILLISECOND,
              client,
              conn,
              TcpFlags.ACK | TcpFlags.PSH,
              1000L * i,
              100,
              RetransmitReason.RTO));
    }

    StringBuilder text = new StringBuilder();
    keyEvents.appendTo(text);

    StringBuilder expected = new StringBuilder("key events:\n");
    for (int i = 1; i <= 12; i++) {
      expected.append("  client retransmitted PSH|ACK len=100 at ").append(i).append("ms (rto)\n");
    }
    expected.append("  ... and 1 more (see trace.jsonl)\n");
    assertThat(text).hasToString(expected.toString());
    assertThat(keyEvents.first()).hasSize(12);
    assertThat(keyEvents.count()).isEqualTo(13);

    StringBuilder untraced = new StringBuilder();
    keyEvents.appendTo(untraced, false);
    assertThat(untraced.toString())
        .endsWith("  ... and 1 more (outputs.trace writes them all)\n")
        .doesNotContain("trace.jsonl");
  }

  @Test
  void aRunWithoutKeyEvents_printsNoBlock() {
    KeyEvents keyEvents = new KeyEvents();
    StringBuilder text = new StringBuilder();
    keyEvents.appendTo(text);
    assertThat(text).isEmpty();
  }
}
