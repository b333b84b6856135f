package netsim.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.scenario.trace.ApplicationFields;
import netsim.scenario.trace.CongestionFields;
import netsim.scenario.trace.EventKind;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * A batch gives back every field of every event it was given, at the edges of each field's range.
 */
class TraceBatchTest {
  private static final FourTuple CONN =
      new FourTuple(
          new Endpoint(Ipv4Address.parse("255.255.255.254"), 65535),
          new Endpoint(Ipv4Address.parse("10.0.0.2"), 0));

  private static TraceEvent.Packet packet(
      EventKind kind,
      int link,
      int src,
      int srcPort,
      int flags,
      long seq,
      long ack,
      TcpState state,
      DropCause cause,
      Ecn ecn) {
    return new TraceEvent.Packet(
        Long.MAX_VALUE - 1,
        kind,
        Integer.MAX_VALUE,
        link,
        Long.MAX_VALUE,
        src,
        srcPort,
        Ipv4Address.parse("192.168.1.1").bits(),
        65535 - srcPort,
        flags,
        seq,
        ack,
        Integer.MAX_VALUE,
        state,
        cause,
        ecn);
  }

  @Test
  void packetRows_giveBackEveryField_atTheEdgesOfTheirRanges() {
    TraceEvent.Packet[] events = {
      packet(
          EventKind.SEND,
          -1,
          Ipv4Address.parse("255.255.255.255").bits(),
          65535,
          0xFFF,
          0xFFFF_FFFFL,
          -1,
          TcpState.values()[TcpState.values().length - 1],
          null,
          Ecn.values()[Ecn.values().length - 1]),
      packet(
          EventKind.DROP,
          Integer.MAX_VALUE,
          0,
          0,
          TcpFlags.SYN | TcpFlags.ACK,
          0,
          0xFFFF_FFFFL,
          null,
          DropCause.values()[DropCause.values().length - 1],
          Ecn.NOT_ECT),
      packet(EventKind.MARK, 0, 1, 1, 0, 1, 0, null, null, Ecn.CE),
      new TraceEvent.Packet(
          0, EventKind.RECV, 0, -1, 0, 0, 0, 0, 0, 0, 0, -1, 0, null, null, Ecn.NOT_ECT)
    };
    TraceBatch batch = new TraceBatch(events.length);
    for (TraceEvent.Packet e : events) {
      batch.add(e);
    }
    assertThat(batch.isFull()).isTrue();
    for (int i = 0; i < events.length; i++) {
      assertThat(batch.kind(i)).isEqualTo(events[i].kind());
      assertThat(batch.packetAt(i).toEvent()).isEqualTo(events[i]);
    }
  }

  @Test
  void congestionAndApplicationRows_giveBackEveryField_withTheirConnection() {
    TraceEvent.Congestion unset =
        new TraceEvent.Congestion(
            7, 3, CONN, Long.MAX_VALUE, TraceEvent.NONE, TraceEvent.NONE, 1_000_000_000L, 0);
    TraceEvent.Congestion set =
        new TraceEvent.Congestion(Long.MAX_VALUE, Integer.MAX_VALUE, CONN, 1, 2, 3, 4, 5);
    TraceEvent.App data = new TraceEvent.App(9, 1, CONN, AppEvent.DATA, Long.MAX_VALUE);
    TraceEvent.App last =
        new TraceEvent.App(10, 0, CONN, AppEvent.values()[AppEvent.values().length - 1], 0);
    TraceBatch batch = new TraceBatch(4);
    batch.add(unset);
    batch.addCongestion(new CongestionFields().set(set));
    batch.add(data);
    batch.addApplication(new ApplicationFields().set(last));

    assertThat(batch.kind(0)).isEqualTo(EventKind.CC);
    assertThat(batch.congestionAt(0).toEvent()).isEqualTo(unset);
    assertThat(batch.congestionAt(1).toEvent()).isEqualTo(set);
    assertThat(batch.congestionAt(1).conn()).isSameAs(CONN);
    assertThat(batch.kind(2)).isEqualTo(EventKind.APP);
    assertThat(batch.applicationAt(2).toEvent()).isEqualTo(data);
    assertThat(batch.applicationAt(3).toEvent()).isEqualTo(last);
  }

  @Test
  void otherEvents_areKeptAsTheirValues_andAClearedBatchIsFilledAgainFromItsStart() {
    TraceEvent.State state =
        new TraceEvent.State(
            1,
            0,
            CONN,
            TcpState.SYN_SENT,
            TcpState.ESTABLISHED,
            netsim.tcp.StateCause.RCV,
            TcpFlags.SYN | TcpFlags.ACK);
    TraceEvent.Host host = new TraceEvent.Host(2, 1, HostChange.values()[0]);
    TraceBatch batch = new TraceBatch(3);
    batch.add(state);
    batch.add(host);
    assertThat(batch.kind(0)).isEqualTo(EventKind.STATE);
    assertThat(batch.other(0)).isSameAs(state);
    assertThat(batch.kind(1)).isEqualTo(EventKind.HOST);
    assertThat(batch.other(1)).isSameAs(host);

    batch.clear();
    assertThat(batch.size()).isZero();
    TraceEvent.App app = new TraceEvent.App(3, 0, CONN, AppEvent.WRITE, 100);
    batch.add(app);
    assertThat(batch.size()).isEqualTo(1);
    assertThat(batch.kind(0)).isEqualTo(EventKind.APP);
    assertThat(batch.applicationAt(0).toEvent()).isEqualTo(app);
  }
}
