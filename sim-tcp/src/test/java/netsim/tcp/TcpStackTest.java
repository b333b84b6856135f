package netsim.tcp;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import netsim.core.RandomStreams;
import netsim.core.Simulator;
import netsim.core.Time;
import netsim.net.packet.Ipv4Address;
import org.jspecify.annotations.Nullable;
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
    return stack(seed, TcpHarness.CONFIG);
  }

  private TcpStack stack(long seed, TcpConfig config) {
    return new TcpStack(
        sim,
        new RandomStreams(seed),
        "S",
        US,
        config,
        (destination, segment, state, ecn) ->
            sent.add(TcpHarness.describe(segment) + " from " + state));
  }

  /** The listener {@link #timeWaitOnPort80} made. */
  private @Nullable TcpListener port80;

  /**
   * A connection that {@code host}'s listener on port 80 accepted from the peer's SYN 700, and that
   * we closed first: TIME-WAIT with RCV.NXT 702 and SND.NXT ISS + 2. What it sent is forgotten.
   */
  private TcpConnection timeWaitOnPort80(TcpStack host) {
    port80 = host.listen(80, 4, child -> new TcpHandler() {});
    host.receive(PEER, US, segment("SYN", 700, 0, 0));
    TcpConnection child = host.connections().get(0);
    host.receive(PEER, US, segment("ACK", 701, child.info().iss() + 1, 0));
    child.shutdownOutput();
    host.receive(PEER, US, segment("FIN|ACK", 701, child.info().iss() + 2, 0));
    assertThat(child.state()).isEqualTo(TcpState.TIME_WAIT);
    sent.clear();
    return child;
  }

  @Test
  void freebsd_timeWait_synAck_getsAnAckWhereverItFalls_andTimeWaitStays() {
    // The FreeBSD suite's rcv-syn-ack-time-wait README (D36864): a SYN,ACK in TIME-WAIT gets a
    // challenge ACK, above RCV.NXT too; tcp_twcheck restarts only for a SYN without ACK.
    TcpStack host = stack(1, TcpHarness.configOf(HostProfile.FREEBSD));
    TcpConnection old = timeWaitOnPort80(host);
    host.receive(PEER, US, segment("SYN|ACK", 702, 5555, 0));
    host.receive(PEER, US, segment("SYN|ACK", 900, 5555, 0));
    String ack = "ACK seq=" + (old.info().iss() + 2) + " ack=702 from TIME_WAIT";
    assertThat(sent).containsExactly(ack, ack);
    assertThat(old.state()).isEqualTo(TcpState.TIME_WAIT);
  }

  @Test
  void freebsd_timeWait_synAboveRcvNxt_withoutAListener_isAnsweredAsInClosed() {
    // tcp_twcheck closes TIME-WAIT for the SYN, and tcp_input finds no socket for it.
    TcpStack host = stack(1, TcpHarness.configOf(HostProfile.FREEBSD));
    TcpConnection old = timeWaitOnPort80(host);
    requireNonNull(port80).close();
    host.receive(PEER, US, segment("SYN", 900, 0, 0));
    assertThat(sent).containsExactly("RST|ACK seq=0 ack=901 from CLOSED");
    assertThat(old.state()).isEqualTo(TcpState.CLOSED);
  }

  @Test
  void linux_timeWait_synAboveRcvNxt_withoutAListener_staysWithTheOldConnection() {
    // Linux's tcp_v4_rcv: TCP_TW_SYN without a listener falls through to TCP_TW_ACK.
    TcpStack host = stack(1, TcpHarness.configOf(HostProfile.LINUX));
    TcpConnection old = timeWaitOnPort80(host);
    requireNonNull(port80).close();
    host.receive(PEER, US, segment("SYN", 900, 0, 0));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).startsWith("ACK seq=" + (old.info().iss() + 2) + " ack=702");
    assertThat(old.state()).isEqualTo(TcpState.TIME_WAIT);
  }

  @Test
  void dropSynFin_aSynFinIsDroppedUnanswered_byAListener_andInTimeWait() {
    // FreeBSD's net.inet.tcp.drop_synfin: tcp_input drops SYN+FIN before any lookup.
    TcpStack host =
        stack(1, TcpHarness.configOf(HostProfile.FREEBSD).toBuilder().dropSynFin(true).build());
    TcpConnection old = timeWaitOnPort80(host);
    host.receive(PEER, US, segment("SYN|FIN", 900, 0, 0));
    host.receive(PEER, US, segment("SYN|FIN", 702, 0, 0));
    assertThat(sent).isEmpty();
    assertThat(old.state()).isEqualTo(TcpState.TIME_WAIT);
  }

  @Test
  void withoutDropSynFin_aSynFinAboveRcvNxtInTimeWait_opensANewConnection() {
    TcpStack host = stack(1, TcpHarness.configOf(HostProfile.FREEBSD));
    timeWaitOnPort80(host);
    host.receive(PEER, US, segment("SYN|FIN", 900, 0, 0));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).startsWith("SYN|ACK seq=").contains(" ack=901 from ");
  }

  private static TcpSegment segment(String flags, int seq, int ack, int dataLength) {
    TcpSegment.Builder builder =
        TcpSegment.builder(40000, 80)
            .seq(seq)
            .flags(TcpFlags.parse(flags) & ~TcpFlags.ACK)
            .data(new byte[dataLength]);
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
    assertThat(sent.get(0)).startsWith("SYN|ACK seq=" + child.info().iss() + " ack=701");
  }

  @Test
  void listenerMss_isAnnouncedAndUsedByTheChildrenMadeAfterIt() {
    // TCP_MAXSEG on a listening socket: Linux's children inherit its user_mss
    // (mss-setsockopt-tcp_maxseg-server.pkt in Linux's suite).
    TcpListener listener = stack.listen(80, 4, child -> new TcpHandler() {});
    listener.setMss(1100);
    TcpSegment syn =
        TcpSegment.builder(40000, 80)
            .seq(700)
            .flags(TcpFlags.SYN)
            .options(new TcpOptions(1300, -1, false, false, 0, 0, ImmutableList.of()))
            .build();
    stack.receive(PEER, US, syn);
    TcpConnection child = stack.connections().get(0);
    assertThat(child.config().mss()).isEqualTo(1100);
    assertThat(child.info().sendMss()).isEqualTo(1100);
    assertThat(stack.config().mss()).isEqualTo(TcpHarness.CONFIG.mss());
  }

  @Test
  void listen_fullBacklog_dropsFurtherSyns_andSaysSo() {
    TcpListener listener = stack.listen(80, 1, child -> new TcpHandler() {});
    assertThat(stack.receive(PEER, US, segment("SYN", 700, 0, 0))).isTrue();
    assertThat(
            stack.receive(
                PEER, US, TcpSegment.builder(40001, 80).seq(900).flags(TcpFlags.SYN).build()))
        .isFalse();
    assertThat(stack.connections()).hasSize(1);
    assertThat(sent).hasSize(1); // the first SYN's SYN,ACK; the second SYN is not answered
    assertThat(listener.refusedForBacklog()).isEqualTo(1);
  }

  @Test
  void onAHost_aSynDroppedForAFullBacklog_isADropWithCauseBacklog() {
    Testbed bed = Testbed.of(1, "10ms", TcpHarness.CONFIG);
    bed.server.listen(Testbed.PORT, 1, child -> new TcpHandler() {});
    Endpoint server = new Endpoint(Testbed.SERVER, Testbed.PORT);
    bed.at("0s", () -> bed.client.connect(40000, server, new TcpHandler() {}));
    bed.at("1ms", () -> bed.client.connect(40001, server, new TcpHandler() {}));
    bed.runUntil("15ms");
    assertThat(bed.timeline)
        .containsExactly(
            "0.000 C->S S 0 - 0",
            "1.000 C->S S 0 - 0",
            "10.000 S->C SA 0 1 0",
            "11.000 C->S S 0 - 0 dropped(backlog)");
  }

  @Test
  void crash_closesListenersWithCauseHostCrash_likeItsConnections() {
    List<String> changes = new ArrayList<>();
    stack.addObserver(
        new TcpObserver() {
          @Override
          public void onStateChange(
              long time,
              FourTuple connection,
              TcpState from,
              TcpState to,
              StateCause cause,
              int causeFlags) {
            changes.add(
                connection + " " + from + "->" + to + " (" + cause.traceName(causeFlags) + ")");
          }
        });
    TcpListener listener = stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    stack.crash();
    assertThat(changes)
        .containsExactly(
            "10.0.0.2:80-0.0.0.0:0 CLOSED->LISTEN (OPEN)",
            "10.0.0.2:80-10.0.0.1:40000 LISTEN->SYN_RECEIVED (rcv SYN)",
            "10.0.0.2:80-10.0.0.1:40000 SYN_RECEIVED->CLOSED (host crash)",
            "10.0.0.2:80-0.0.0.0:0 LISTEN->CLOSED (host crash)");
    assertThat(listener.isOpen()).isFalse();
    assertThat(stack.connections()).isEmpty();
  }

  @Test
  void observer_hearsOfEachConnectionWhenItIsMade_beforeItsFirstStateChange() {
    List<String> heard = new ArrayList<>();
    stack.addObserver(
        new TcpObserver() {
          @Override
          public void onCreated(long time, TcpConnection connection) {
            heard.add("made " + connection.tuple() + " in " + connection.state());
          }

          @Override
          public void onStateChange(
              long time,
              FourTuple connection,
              TcpState from,
              TcpState to,
              StateCause cause,
              int causeFlags) {
            heard.add(connection + " " + from + "->" + to + " (" + cause + " " + causeFlags + ")");
          }
        });
    stack.listen(80, 4, child -> new TcpHandler() {});
    stack.connect(5000, new Endpoint(PEER, 80), new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    assertThat(heard)
        .containsExactly(
            "10.0.0.2:80-0.0.0.0:0 CLOSED->LISTEN (OPEN 0)",
            "made 10.0.0.2:5000-10.0.0.1:80 in CLOSED",
            "10.0.0.2:5000-10.0.0.1:80 CLOSED->SYN_SENT (OPEN 0)",
            "made 10.0.0.2:80-10.0.0.1:40000 in CLOSED",
            "10.0.0.2:80-10.0.0.1:40000 LISTEN->SYN_RECEIVED (RCV 2)");
  }

  @Test
  void childBackInListen_isReleased_andTheListenerCarriesOn() {
    ConnectionHistory history = new ConnectionHistory();
    stack.addObserver(history);
    TcpListener listener = stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    stack.receive(PEER, US, segment("RST", 701, 0, 0));
    assertThat(stack.connections()).isEmpty();
    assertThat(listener.embryonic()).isZero();
    assertThat(history.records())
        .extracting(ConnectionRecord::state)
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
  void anEstablishedConnection_takesItsSegments_beforeTheListenerOnItsPort() {
    stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    TcpConnection child = stack.connections().get(0);
    stack.receive(PEER, US, segment("ACK", 701, child.info().iss() + 1, 0));
    assertThat(child.state()).isEqualTo(TcpState.ESTABLISHED);
    sent.clear();
    // An ACK would get a RST from the listener (3.10.7.2); the connection takes its data.
    stack.receive(PEER, US, segment("PSH|ACK", 701, child.info().iss() + 1, 10));
    assertThat(child.info().bytesDelivered()).isEqualTo(10);
    assertThat(sent).noneMatch(line -> line.startsWith("RST"));
    // Another remote port is another 4-tuple: the listener answers it.
    stack.receive(
        PEER, US, TcpSegment.builder(40001, 80).seq(5).ack(1).flags(TcpFlags.ACK).build());
    assertThat(sent).last().isEqualTo("RST seq=1 from LISTEN");
  }

  @Test
  void aConnectionInTimeWait_takesTheSegmentsOfItsFourTuple() {
    Endpoint remote = new Endpoint(PEER, 80);
    TcpConnection first = inTimeWait(5000, remote);
    int iss = first.info().iss();
    sent.clear();
    // RFC 9293 3.10.7.4: a retransmitted FIN in TIME-WAIT is acknowledged, not reset.
    stack.receive(PEER, US, fromPeerTo(5000, "FIN|ACK", 701, iss + 2));
    assertThat(sent).containsExactly("ACK seq=" + (iss + 2) + " ack=702 from TIME_WAIT");
    // Another local port has no connection: RFC 9293 3.10.7.1.
    stack.receive(PEER, US, fromPeerTo(5001, "FIN|ACK", 701, iss + 2));
    assertThat(sent).last().isEqualTo("RST seq=" + (iss + 2) + " from CLOSED");
  }

  @Test
  void anAbortedConnection_leavesTheTable_andItsFourTupleMayBeOpenedAgain() {
    Endpoint remote = new Endpoint(PEER, 80);
    TcpConnection first = stack.connect(5000, remote, new TcpHandler() {});
    first.abort();
    assertThat(stack.connection(first.tuple())).isNull();
    sent.clear();
    stack.receive(PEER, US, fromPeerTo(5000, "SYN|ACK", 700, first.info().iss() + 1));
    assertThat(sent).containsExactly("RST seq=" + (first.info().iss() + 1) + " from CLOSED");
    TcpConnection again = stack.connect(5000, remote, new TcpHandler() {});
    assertThat(stack.connection(again.tuple())).isSameAs(again);
    stack.receive(PEER, US, fromPeerTo(5000, "SYN|ACK", 900, again.info().iss() + 1));
    assertThat(again.state()).isEqualTo(TcpState.ESTABLISHED);
    assertThat(stack.connections()).containsExactly(again);
  }

  @Test
  void aLocalPort_isInUseUntilItsLastConnectionCloses() {
    TcpConnection toA = stack.connect(49152, new Endpoint(PEER, 80), new TcpHandler() {});
    TcpConnection toB = stack.connect(49152, new Endpoint(PEER, 81), new TcpHandler() {});
    toA.abort();
    // 49152 still carries the connection to port 81.
    assertThat(stack.connect(new Endpoint(PEER, 82), new TcpHandler() {}).local().port())
        .isEqualTo(49153);
    toB.abort();
    // The next port in turn is 49154; wrapping around the range would come back to 49152.
    assertThat(stack.connect(new Endpoint(PEER, 82), new TcpHandler() {}).local().port())
        .isEqualTo(49154);
    for (int port = 49155; port <= 0xFFFF; port++) {
      stack.connect(port, new Endpoint(PEER, 83), new TcpHandler() {});
    }
    assertThat(stack.connect(new Endpoint(PEER, 84), new TcpHandler() {}).local().port())
        .isEqualTo(49152);
  }

  @Test
  void manyConnectionsOnOneListener_eachTakesItsOwnSegments() {
    stack.listen(80, 20_000, child -> new TcpHandler() {});
    for (int port = 1; port <= 5000; port++) {
      stack.receive(PEER, US, TcpSegment.builder(port, 80).seq(port).flags(TcpFlags.SYN).build());
    }
    List<TcpConnection> children = stack.connections();
    assertThat(children).hasSize(5000);
    for (TcpConnection child : children) {
      int port = child.remote().port();
      assertThat(child.tuple().toString()).isEqualTo("10.0.0.2:80-10.0.0.1:" + port);
      stack.receive(
          PEER,
          US,
          TcpSegment.builder(port, 80)
              .seq(port + 1)
              .ack(child.info().iss() + 1)
              .flags(TcpFlags.ACK)
              .build());
      assertThat(child.state()).isEqualTo(TcpState.ESTABLISHED);
      assertThat(stack.connection(child.tuple())).isSameAs(child);
    }
  }

  @Test
  void connectingTwiceOnOneFourTuple_isRefused() {
    Endpoint remote = new Endpoint(PEER, 80);
    stack.connect(5000, remote, new TcpHandler() {});
    assertThatThrownBy(() -> stack.connect(5000, remote, new TcpHandler() {}))
        .isInstanceOf(ConnectionExistsException.class)
        .hasMessage("connection 10.0.0.2:5000-10.0.0.1:80 already exists (in SYN_SENT)");
  }

  @Test
  void openOnAFourTupleInTimeWait_failsAlone_theConnectionInTimeWaitCarriesOn() {
    // RFC 9293 3.10.1 OPEN: "If ... a TCB already exists ... return 'error: connection already
    // exists'": that OPEN fails, nothing is sent, and the stack goes on.
    List<String> appEvents = new ArrayList<>();
    stack.addObserver(
        new TcpObserver() {
          @Override
          public void onAppEvent(long time, FourTuple connection, AppEvent event, long bytes) {
            appEvents.add(event.traceName() + " " + connection);
          }
        });
    Endpoint remote = new Endpoint(PEER, 80);
    TcpConnection first = inTimeWait(5000, remote);
    sent.clear();

    assertThatThrownBy(() -> stack.connect(5000, remote, new TcpHandler() {}))
        .isInstanceOf(ConnectionExistsException.class)
        .hasMessage("connection 10.0.0.2:5000-10.0.0.1:80 already exists (in TIME_WAIT)");
    assertThat(sent).isEmpty();
    assertThat(appEvents).endsWith("open-failed 10.0.0.2:5000-10.0.0.1:80");
    assertThat(stack.connections()).containsExactly(first);
    assertThat(first.state()).isEqualTo(TcpState.TIME_WAIT);

    sim.runUntil(first.info().timeWaitDeadline());
    assertThat(first.state()).isEqualTo(TcpState.CLOSED);
    TcpConnection again = stack.connect(5000, remote, new TcpHandler() {});
    assertThat(again.state()).isEqualTo(TcpState.SYN_SENT);
    assertThat(sent).containsExactly("SYN seq=" + again.info().iss() + " from SYN_SENT");
  }

  @Test
  void history_eachConnectionsStateChangesReachItsOwnRecord_andAChildsReachItsListener() {
    // The stack finds a connection's place in its history from the connection itself.
    Endpoint remote = new Endpoint(PEER, 80);
    TcpConnection first = stack.connect(5001, remote, new TcpHandler() {});
    inTimeWait(5002, remote);
    TcpListener listener = stack.listen(80, 4, child -> new TcpHandler() {});
    stack.receive(PEER, US, segment("SYN", 700, 0, 0));
    assertThat(listener.embryonic()).isEqualTo(1);
    TcpConnection child =
        stack.connections().stream().filter(TcpConnection::isPassive).toList().get(0);
    stack.receive(PEER, US, segment("ACK", 701, child.info().iss() + 1, 0));
    assertThat(listener.embryonic()).isZero();
    assertThat(listener.accepted()).isEqualTo(1);
    first.abort();
    assertThat(stack.history())
        .extracting(ConnectionRecord::state)
        .containsExactly(TcpState.CLOSED, TcpState.TIME_WAIT, TcpState.ESTABLISHED);
    assertThat(stack.connections()).hasSize(2);
  }

  /** A connection from {@code port} to {@code remote}, closed by us first, now in TIME-WAIT. */
  private TcpConnection inTimeWait(int port, Endpoint remote) {
    TcpConnection connection = stack.connect(port, remote, new TcpHandler() {});
    int iss = connection.info().iss();
    stack.receive(PEER, US, fromPeerTo(port, "SYN|ACK", 700, iss + 1));
    connection.shutdownOutput();
    stack.receive(PEER, US, fromPeerTo(port, "ACK", 701, iss + 2));
    stack.receive(PEER, US, fromPeerTo(port, "FIN|ACK", 701, iss + 2));
    assertThat(connection.state()).isEqualTo(TcpState.TIME_WAIT);
    return connection;
  }

  /** A segment from the peer's port 80 to our {@code port}. */
  private static TcpSegment fromPeerTo(int port, String flags, int seq, int ack) {
    return TcpSegment.builder(80, port)
        .seq(seq)
        .ack(ack)
        .flags(TcpFlags.parse(flags) & ~TcpFlags.ACK)
        .build();
  }

  @Test
  void isn_isTheSameForTheSameSeed_differentForAnother_andFollowsThe4usClock() {
    Endpoint remote = new Endpoint(PEER, 80);
    int a = stack.connect(5000, remote, new TcpHandler() {}).info().iss();
    int again = stack(1).connect(5000, remote, new TcpHandler() {}).info().iss();
    int otherSeed = stack(2).connect(5000, remote, new TcpHandler() {}).info().iss();
    assertThat(again).isEqualTo(a);
    assertThat(otherSeed).isNotEqualTo(a);
    TcpStack later = stack(1);
    sim.runUntil(Time.seconds(1));
    int afterOneSecond = later.connect(5000, remote, new TcpHandler() {}).info().iss();
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
