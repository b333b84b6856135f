package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import netsim.net.fault.FaultAction;
import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.trace.EventKind;
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

  private static final int CLIENT_ADDRESS = Ipv4Address.parse("10.0.0.1").bits();
  private static final int SERVER_ADDRESS = Ipv4Address.parse("10.0.0.2").bits();

  /** A segment event of packet {@code pkt} from client to server, at node {@code node}. */
  private static TraceEvent.Packet segment(
      EventKind kind, long t, int node, long pkt, int flags, DropCause cause) {
    return new TraceEvent.Packet(
        t,
        kind,
        node,
        -1,
        pkt,
        CLIENT_ADDRESS,
        5000,
        SERVER_ADDRESS,
        80,
        flags,
        pkt,
        0,
        0,
        null,
        cause,
        Ecn.NOT_ECT);
  }

  private static TraceEvent.Rule taken(long t, int rule, FaultAction.Verb verb, long pkt) {
    return new TraceEvent.Rule(t, 0, rule, verb, pkt, TcpFlags.SYN, pkt, 0);
  }

  @Test
  void aRuleThatTakesEveryPacketOfALongRun_keepsOnlyThePacketsOnTheirWay() {
    RunIndex index = new RunIndex();
    int client = index.nodes().intern("client");
    int server = index.nodes().intern("server");
    int rule = index.rules().intern("slow-every-packet");
    index.chains().intern("client->server");
    KeyEvents keyEvents = new KeyEvents();
    keyEvents.start(index);
    int most = 0;
    for (long pkt = 0; pkt < 200_000; pkt++) { // ten packets on their way at a time
      long t = pkt * Time.MICROSECOND;
      keyEvents.accept(segment(EventKind.SEND, t, client, pkt, TcpFlags.ACK, null));
      keyEvents.accept(taken(t, rule, FaultAction.Verb.DELAY, pkt));
      if (pkt >= 10) {
        keyEvents.accept(segment(EventKind.RECV, t, server, pkt - 10, TcpFlags.ACK, null));
      }
      most = Math.max(most, keyEvents.packetsTakenOnTheirWay());
    }
    assertThat(most).isEqualTo(10);
    assertThat(keyEvents.packetsTakenOnTheirWay()).isEqualTo(10);
  }

  @Test
  void aDrop_isNamedByTheRuleThatTookThePacketOnItsWay_orAtItsArrival_andNoOtherDrop() {
    RunIndex index = new RunIndex();
    int client = index.nodes().intern("client");
    int server = index.nodes().intern("server");
    int delay = index.rules().intern("slow-syn");
    index.chains().intern("client->server");
    KeyEvents keyEvents = new KeyEvents();
    keyEvents.start(index);
    long ms = Time.MILLISECOND;
    // packet 1: taken, then lost on the way; packet 2: taken, arrives, and the server's stack
    // drops it (a full backlog); packet 3: not taken, arrives and is dropped the same way
    keyEvents.accept(taken(1 * ms, delay, FaultAction.Verb.DELAY, 1));
    keyEvents.accept(segment(EventKind.DROP, 2 * ms, client, 1, TcpFlags.SYN, DropCause.LOSS));
    keyEvents.accept(taken(3 * ms, delay, FaultAction.Verb.DELAY, 2));
    keyEvents.accept(segment(EventKind.RECV, 4 * ms, server, 2, TcpFlags.SYN, null));
    keyEvents.accept(segment(EventKind.DROP, 4 * ms, server, 2, TcpFlags.SYN, DropCause.BACKLOG));
    keyEvents.accept(segment(EventKind.RECV, 5 * ms, server, 3, TcpFlags.SYN, null));
    keyEvents.accept(segment(EventKind.DROP, 5 * ms, server, 3, TcpFlags.SYN, DropCause.BACKLOG));

    assertThat(keyEvents.first())
        .containsExactly(
            "rule slow-syn (delay) took SYN at 1ms",
            "client's SYN to 10.0.0.2:80 dropped at 2ms (rule slow-syn)",
            "rule slow-syn (delay) took SYN at 3ms",
            "server's SYN to 10.0.0.2:80 dropped at 4ms (rule slow-syn)",
            "server's SYN to 10.0.0.2:80 dropped at 5ms (" + DropCause.BACKLOG.traceName() + ")");
    assertThat(keyEvents.packetsTakenOnTheirWay()).isZero();
  }

  @Test
  void aDatagramTakenByARule_isForgottenWhenItArrivesOrIsDropped() {
    RunIndex index = new RunIndex();
    int server = index.nodes().intern("server");
    int rule = index.rules().intern("slow-udp");
    index.chains().intern("client->server");
    KeyEvents keyEvents = new KeyEvents();
    keyEvents.start(index);
    for (long pkt = 0; pkt < 4; pkt++) {
      keyEvents.accept(taken(pkt, rule, FaultAction.Verb.DELAY, pkt));
      keyEvents.accept(
          new TraceEvent.Datagram(
              pkt,
              pkt % 2 == 0 ? EventKind.UDP_RECV : EventKind.UDP_DROP,
              server,
              -1,
              pkt,
              CLIENT_ADDRESS,
              5000,
              SERVER_ADDRESS,
              53,
              100,
              pkt,
              pkt % 2 == 0 ? null : DropCause.QUEUE));
    }
    assertThat(keyEvents.packetsTakenOnTheirWay()).isZero();
  }
}
