package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.Ipv4Address;
import org.junit.jupiter.api.Test;

/**
 * The stack on its own: segments injected as if from the network, segments it sends captured.
 * Covers RFC 9293 3.10.7.1 (no TCB) and 3.10.7.2 (LISTEN), demultiplexing, ports and ISNs.
 */
class TcpStackTest {
  private static final Ipv4Address US = Ipv4Address.parse("10.0.0.2");
  private static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.1");

  private final Simulator sim = new Simulator();
  private final List<String> sent = new ArrayList<>();
  private final TcpStack stack = stack(1);

  private TcpStack stack(long seed) {
    return new TcpStack(sim, new RandomStreams(seed), "S", US, TcpHarness.CONFIG,
        (destination, segment, state) -> sent.add(TcpHarness.describe(segment) + " from "
            + state));
  }

  private static TcpSegment segment(String flags, int seq, int ack, int dataLength) {
    TcpSegment.Builder builder = TcpSegment.builder(40000, 80).seq(seq)
        .flags(TcpFlags.parse(flags) & ~TcpFlags.ACK).data(new byte[dataLength]);
    if (flags.contains("ACK")) {
      builder.ack(ack);
    }
    return builder.build();
  }

  @Test
  void closedPort_segmentWithoutAck_getsRstAckCoveringIt() {
    // RFC 9293 3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    assertThat(sent).containsExactly("RST|ACK seq=0 ack=701 from CLOSED");
  }

  @Test
  void closedPort_segmentWithAck_getsRstFromItsAck() {
    // RFC 9293 3.10.7.1: <SEQ=SEG.ACK><CTL=RST>.
    stack.receive(PEER, US, segment("PSH|ACK", 700, 9000, 10));
    assertThat(sent).containsExactly("RST seq=9000 from CLOSED");
  }

  @Test
  void closedPort_rstIsDiscarded() {
    stack.receive(PEER, US, segment("RST", 700, 0, 0));
    assertThat(sent).isEmpty();
  }

  @Test
  void listen_ackGetsRst_rstIsIgnored_otherSegmentsDropped() {
    // RFC 9293 3.10.7.2.
    stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("ACK", 700, 1234, 0));
    stack.receive(PEER, US, segment("RST", 700, 0, 0));
    stack.receive(PEER, US, segment("FIN", 700, 0, 0));
    assertThat(sent).containsExactly("RST seq=1234 from LISTEN");
    assertThat(stack.connections()).isEmpty();
  }

  @Test
  void listen_synMakesAChildInSynReceived_onItsOwnFourTuple() {
    TcpListener listener = stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    assertThat(stack.connections()).hasSize(1);
    TcpConnection child = stack.connections().get(0);
    assertThat(child.state()).isEqualTo(TcpState.SYN_RECEIVED);
    assertThat(child.tuple().toString()).isEqualTo("10.0.0.2:80-10.0.0.1:40000");
    assertThat(listener.embryonic()).isEqualTo(1);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).startsWith("SYN|ACK seq=" + child.iss() + " ack=701");
  }

  @Test
  void listen_fullBacklog_dropsFurtherSyns() {
    TcpListener listener = stack.listen(80, 1, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    stack.receive(PEER, US, TcpSegment.builder(40001, 80).seq(900).flags(TcpFlags.SYN).build());
    assertThat(stack.connections()).hasSize(1);
    assertThat(listener.refusedForBacklog()).isEqualTo(1);
  }

  @Test
  void childBackInListen_isReleased_andTheListenerCarriesOn() {
    TcpListener listener = stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    stack.receive(PEER, US, segment("RST", 701, 0, 0));
    assertThat(stack.connections()).isEmpty();
    assertThat(listener.embryonic()).isZero();
    assertThat(stack.history()).extracting(TcpConnection::state)
        .containsExactly(TcpState.LISTEN);
  }

  @Test
  void ephemeralPorts_areAllocatedInOrderFrom49152_skippingPortsInUse() {
    Endpoint remote = new Endpoint(PEER, 80);
    stack.connect(49153, remote, new TcpHandler() {});
    TcpConnection first = stack.connect(remote, new TcpHandler() {});
    TcpConnection second = stack.connect(remote, new TcpHandler() {});
    assertThat(first.local().port()).isEqualTo(49152);
    assertThat(second.local().port()).isEqualTo(49154);
  }

  @Test
  void connectingTwiceOnOneFourTuple_isRefused() {
    Endpoint remote = new Endpoint(PEER, 80);
    stack.connect(5000, remote, new TcpHandler() {});
    assertThatThrownBy(() -> stack.connect(5000, remote, new TcpHandler() {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("connection 10.0.0.2:5000-10.0.0.1:80 already exists (in SYN_SENT)");
  }

  @Test
  void isn_isTheSameForTheSameSeed_differentForAnother_andFollowsThe4usClock() {
    Endpoint remote = new Endpoint(PEER, 80);
    int a = stack.connect(5000, remote, new TcpHandler() {}).iss();
    int again = stack(1).connect(5000, remote, new TcpHandler() {}).iss();
    int otherSeed = stack(2).connect(5000, remote, new TcpHandler() {}).iss();
    assertThat(again).isEqualTo(a);
    assertThat(otherSeed).isNotEqualTo(a);
    TcpStack later = stack(1);
    sim.runUntil(Time.seconds(1));
    int afterOneSecond = later.connect(5000, remote, new TcpHandler() {}).iss();
    // RFC 6528: M ticks every 4 microseconds; F is the same for the same 4-tuple and secret.
    assertThat(afterOneSecond - a).isEqualTo(250_000);
  }

  @Test
  void listeningTwiceOnAPort_isRefused() {
    stack.listen(80, 1, child -> new TcpHandler() {});
    assertThatThrownBy(() -> stack.listen(80, 1, child -> new TcpHandler() {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("S already listens on port 80");
  }
}
