package netsim.scenario.trace;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.net.packet.DropCause;
import netsim.net.packet.Ecn;
import netsim.net.packet.Ipv4Address;
import netsim.tcp.AppEvent;
import netsim.tcp.Endpoint;
import netsim.tcp.FourTuple;
import netsim.tcp.TcpFlags;
import netsim.tcp.TcpState;
import org.junit.jupiter.api.Test;

/** The reusable fields of an event, set from a value: the sinks' way to read a replayed event. */
class EventFieldsTest {
  private static final FourTuple CONN =
      new FourTuple(
          new Endpoint(new Ipv4Address(0x0A00_0001), 49152),
          new Endpoint(new Ipv4Address(0x0A00_0002), 80));

  @Test
  void packetFieldsSetFromAValue_holdEveryFieldOfIt() {
    TraceEvent.Packet value =
        new TraceEvent.Packet(
            Long.MAX_VALUE,
            EventKind.DROP,
            3,
            7,
            Long.MAX_VALUE - 1,
            0x0A00_0001,
            49152,
            0x0A00_0002,
            80,
            TcpFlags.ACK | TcpFlags.FIN,
            4_294_967_295L,
            1L,
            1448,
            TcpState.FIN_WAIT_1,
            DropCause.values()[DropCause.values().length - 1],
            Ecn.CE);
    PacketFields fields = new PacketFields().set(value);

    assertThat(fields.toEvent()).isEqualTo(value);
    assertThat(new PacketFields().set(fields).toEvent()).isEqualTo(value);
  }

  @Test
  void congestionFieldsSetFromAValue_holdEveryFieldOfIt() {
    TraceEvent.Congestion value =
        new TraceEvent.Congestion(9, 2, CONN, 14480, TraceEvent.NONE, 20_000_000L, 200_000_000L, 0);

    assertThat(new CongestionFields().set(value).toEvent()).isEqualTo(value);
  }

  @Test
  void applicationFieldsSetFromAValue_holdEveryFieldOfIt() {
    TraceEvent.App value = new TraceEvent.App(10, 1, CONN, AppEvent.DATA, Long.MAX_VALUE);

    assertThat(new ApplicationFields().set(value).toEvent()).isEqualTo(value);
  }
}
