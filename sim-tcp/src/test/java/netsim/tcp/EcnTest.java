package netsim.tcp;

import static netsim.tcp.TcpHarness.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.core.Time;
import netsim.net.packet.Ecn;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RFC 3168 section 6.1 at one endpoint, driven by exact segments and codepoints. */
class EcnTest {
  private static final TcpConfig ON = CONFIG.toBuilder().ecn(EcnMode.ON).build();
  private static final TcpConfig PASSIVE = CONFIG.toBuilder().ecn(EcnMode.PASSIVE).build();
  private static final TcpConfig OFF = CONFIG.toBuilder().ecn(EcnMode.OFF).build();

  private static byte[] data(int length) {
    return new byte[length];
  }

  /** The ECN fields of the last {@code count} packets sent. */
  private static List<Ecn> lastEcn(TcpHarness h, int count) {
    return h.sentEcn.subList(h.sentEcn.size() - count, h.sentEcn.size());
  }

  /** An active opener with {@code config} whose peer answers the SYN with {@code synAckFlags}. */
  private static TcpHarness opened(TcpConfig config, String synAckFlags) {
    TcpHarness h = new TcpHarness(config, false);
    h.connection.open();
    h.forgetSent();
    h.receive(synAckFlags, TcpHarness.PEER_ISS, TcpHarness.ISS + 1);
    h.expect("ACK seq=1001 ack=5001");
    return h;
  }

  /** An active opener that negotiated ECN. */
  private static TcpHarness ecnClient() {
    return opened(ON, "SYN|ACK|ECE");
  }

  /** A listener's child (passive) that accepted the peer's ECN-setup SYN. */
  private static TcpHarness ecnServer() {
    TcpHarness h = new TcpHarness(PASSIVE, true);
    h.connection.acceptSyn(
        h.peer(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR, TcpHarness.PEER_ISS, 0));
    h.expect("SYN|ACK|ECE seq=1000 ack=5001");
    h.receive("ACK", 5001, 1001);
    h.expectNothing();
    return h;
  }

  @Nested
  class Negotiation {
    @Test
    void on_sendsAnEcnSetupSyn_eceAndCwr_notEct() {
      TcpHarness h = new TcpHarness(ON, false);
      h.connection.open();
      h.expect("SYN|ECE|CWR seq=1000");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.NOT_ECT);
    }

    @Test
    void passive_andOff_sendAPlainSyn() {
      for (TcpConfig config : List.of(PASSIVE, OFF)) {
        TcpHarness h = new TcpHarness(config, false);
        h.connection.open();
        h.expect("SYN seq=1000");
      }
    }

    @Test
    void anEcnSetupSynAck_turnsEcnOn_andNewDataGoesOutEct0() {
      TcpHarness h = ecnClient();
      assertThat(lastEcn(h, 1)).as("the handshake's ACK").containsExactly(Ecn.NOT_ECT);

      h.connection.send(data(100));

      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.ECT_0);
    }

    @Test
    void aSynAckWithoutEce_leavesEcnOff() {
      TcpHarness h = opened(ON, "SYN|ACK");
      h.connection.send(data(100));
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.NOT_ECT);
    }

    @Test
    void aSynAckWithEceAndCwr_isNoEcnSetupSynAck_andLeavesEcnOff() {
      TcpHarness h = opened(ON, "SYN|ACK|ECE|CWR");
      h.connection.send(data(100));
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.NOT_ECT);
    }

    @Test
    void anEceSynAckToAPlainSyn_isIgnored() {
      TcpHarness h = opened(PASSIVE, "SYN|ACK|ECE");
      h.connection.send(data(100));
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.NOT_ECT);
    }

    @Test
    void passiveListener_answersAnEcnSetupSyn_withEceOnly_notEct_andUsesEcn() {
      TcpHarness h = ecnServer();
      assertThat(h.sentEcn).containsExactly(Ecn.NOT_ECT);

      h.connection.send(data(100));

      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.ECT_0);
    }

    @Test
    void offListener_answersAnEcnSetupSyn_withAPlainSynAck() {
      TcpHarness h = new TcpHarness(OFF, true);
      h.connection.acceptSyn(
          h.peer(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR, TcpHarness.PEER_ISS, 0));
      h.expect("SYN|ACK seq=1000 ack=5001");
    }

    @Test
    void offConnections_doNotUseEcn_whateverAnotherOffConnectionSaw() {
      // ECN-off connections share one endpoint (EcnEndpoint.of): what one is sent must not turn
      // ECN on, or an echo, for another.
      TcpHarness server = new TcpHarness(OFF, true);
      server.connection.acceptSyn(
          server.peer(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR, TcpHarness.PEER_ISS, 0));
      server.receive("ACK", 5001, 1001);
      server.connection.onSegment(
          server.peer(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, data(100)), Ecn.CE);
      TcpHarness client = opened(OFF, "SYN|ACK|ECE");

      client.connection.onSegment(
          client.peer(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, data(100)), Ecn.CE);
      client.connection.send(data(10));

      server.expect("SYN|ACK seq=1000 ack=5001", "ACK seq=1001 ack=5101");
      client.expect("ACK seq=1001 ack=5101", "PSH|ACK seq=1001 ack=5101 len=10");
      assertThat(lastEcn(client, 1)).containsExactly(Ecn.NOT_ECT);
    }

    @Test
    void aListener_doesNotTakeEceAloneAsAnEcnSetupSyn() {
      TcpHarness h = new TcpHarness(PASSIVE, true);
      h.connection.acceptSyn(h.peer(TcpFlags.SYN | TcpFlags.ECE, TcpHarness.PEER_ISS, 0));
      h.expect("SYN|ACK seq=1000 ack=5001");
    }
  }

  @Nested
  class Receiver {
    @Test
    void aCeMark_isEchoedWithEceOnEveryAck_untilASegmentWithCwr() {
      TcpHarness h = ecnServer();

      h.connection.onSegment(h.peer(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, data(100)), Ecn.CE);
      h.expect("ACK|ECE seq=1001 ack=5101");
      h.connection.onSegment(h.peer(TcpFlags.PSH | TcpFlags.ACK, 5101, 1001, data(100)), Ecn.ECT_0);
      h.expect("ACK|ECE seq=1001 ack=5201");
      h.connection.onSegment(
          h.peer(TcpFlags.PSH | TcpFlags.ACK | TcpFlags.CWR, 5201, 1001, data(100)), Ecn.ECT_0);
      h.expect("ACK seq=1001 ack=5301");
      assertThat(lastEcn(h, 3)).as("pure ACKs").containsOnly(Ecn.NOT_ECT);
    }

    @Test
    void cwrAndCeOnOneSegment_keepTheEchoGoing() {
      TcpHarness h = ecnServer();
      h.connection.onSegment(h.peer(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, data(100)), Ecn.CE);
      h.expect("ACK|ECE seq=1001 ack=5101");

      h.connection.onSegment(
          h.peer(TcpFlags.PSH | TcpFlags.ACK | TcpFlags.CWR, 5101, 1001, data(100)), Ecn.CE);

      h.expect("ACK|ECE seq=1001 ack=5201");
    }

    @Test
    void theEcho_ridesOnDataToo() {
      TcpHarness h = ecnServer();
      h.connection.onSegment(h.peer(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, data(100)), Ecn.CE);
      h.expect("ACK|ECE seq=1001 ack=5101");

      h.connection.send(data(10));

      h.expect("PSH|ACK|ECE seq=1001 ack=5101 len=10");
    }

    @Test
    void withoutEcn_aCeMarkIsNotEchoed() {
      TcpHarness h = TcpHarness.established();
      h.connection.onSegment(h.peer(TcpFlags.PSH | TcpFlags.ACK, 5001, 1001, data(100)), Ecn.CE);
      h.expect("ACK seq=1001 ack=5101");
    }
  }

  @Nested
  class Sender {
    /** An ECN client with three full segments in flight (RFC 5681's initial window). */
    private TcpHarness inFlight() {
      TcpHarness h = ecnClient();
      h.connection.send(data(10 * 1460));
      h.expect(
          "ACK seq=1001 ack=5001 len=1460",
          "ACK seq=2461 ack=5001 len=1460",
          "ACK seq=3921 ack=5001 len=1460");
      assertThat(lastEcn(h, 3)).containsOnly(Ecn.ECT_0);
      return h;
    }

    @Test
    void anEce_reducesTheWindowAsALossWould_withoutRetransmitting() {
      TcpHarness h = inFlight();
      long before = h.connection.info().cwnd();

      h.receive("ACK|ECE", 5001, 2461);

      // Reno's ssthresh: half the flight (2920 after this ACK), at least 2 SMSS.
      assertThat(h.connection.info().ssthresh()).isEqualTo(2920);
      assertThat(h.connection.info().cwnd()).isEqualTo(2920).isLessThan(before);
      h.expectNothing(); // 2920 in flight: nothing more may go, and nothing is resent
      assertThat(h.connection.info().retransmissions()).isZero();
    }

    @Test
    void theFirstNewDataAfterTheReduction_carriesCwr_onlyIt() {
      TcpHarness h = inFlight();
      h.receive("ACK|ECE", 5001, 2461);
      h.expectNothing();

      h.receive("ACK", 5001, 3921);

      h.expect("ACK|CWR seq=5381 ack=5001 len=1460");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.ECT_0);
      h.receive("ACK", 5001, 5381);
      h.expect("ACK seq=6841 ack=5001 len=1460", "ACK seq=8301 ack=5001 len=1460");
    }

    @Test
    void moreEcesInTheSameWindow_doNotReduceAgain() {
      TcpHarness h = inFlight();
      h.receive("ACK|ECE", 5001, 2461);
      long ssthresh = h.connection.info().ssthresh();

      h.receive("ACK|ECE", 5001, 3921);

      assertThat(h.connection.info().ssthresh()).isEqualTo(ssthresh);
    }

    @Test
    void anEceAfterTheReducedWindowIsAcknowledged_reducesAgain() {
      TcpHarness h = inFlight();
      h.receive("ACK|ECE", 5001, 2461);
      h.receive("ACK", 5001, 3921);
      h.forgetSent(); // the CWR segment, 5381

      h.receive("ACK|ECE", 5001, 6841); // all sent at the reduction (to 5381) is acknowledged

      // A second reduction: the next new data announces it with CWR.
      assertThat(h.connection.info().cwnd()).isEqualTo(h.connection.info().ssthresh());
      assertThat(h.sent.get(h.sent.size() - 2).flags()).isEqualTo(TcpFlags.ACK | TcpFlags.CWR);
      assertThat(h.sent.get(h.sent.size() - 1).flags()).isEqualTo(TcpFlags.ACK);
    }

    @Test
    void aRetransmission_isNotEct() {
      TcpHarness h = ecnClient();
      h.connection.send(data(100));
      h.expect("PSH|ACK seq=1001 ack=5001 len=100");

      h.advanceBy("1s"); // the RTO

      h.expect("PSH|ACK seq=1001 ack=5001 len=100");
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.NOT_ECT);
    }

    @Test
    void aWindowProbe_isNotEct() {
      TcpHarness h = new TcpHarness(ON, false);
      h.peerWindow = 0;
      h.connection.open();
      h.forgetSent();
      h.receive("SYN|ACK|ECE", TcpHarness.PEER_ISS, TcpHarness.ISS + 1);
      h.expect("ACK seq=1001 ack=5001");
      h.connection.send(data(100));
      h.expectNothing();

      h.advanceBy(Time.seconds(2));

      assertThat(h.sent.get(h.sent.size() - 1).dataLength()).isEqualTo(1);
      assertThat(lastEcn(h, 1)).containsExactly(Ecn.NOT_ECT);
    }
  }
}
