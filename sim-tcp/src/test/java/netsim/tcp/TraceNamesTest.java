package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The texts that traces print for sim-tcp's typed causes and events (docs/trace.md). */
class TraceNamesTest {

  @Test
  void rcvCause_namesTheFlagsItCarries_inTraceOrder() {
    assertThat(StateCause.RCV.traceName(TcpFlags.SYN | TcpFlags.ACK)).isEqualTo("rcv SYN|ACK");
    assertThat(StateCause.RCV.traceName(TcpFlags.ACK | TcpFlags.FIN | TcpFlags.PSH))
        .isEqualTo("rcv FIN|PSH|ACK");
    assertThat(StateCause.RCV.traceName(TcpFlags.RST)).isEqualTo("rcv RST");
  }

  @Test
  void otherCauses_printTheirFixedText_whateverTheFlags() {
    assertThat(StateCause.OPEN.traceName(0)).isEqualTo("OPEN");
    assertThat(StateCause.CLOSE.traceName(0)).isEqualTo("CLOSE");
    assertThat(StateCause.ABORT.traceName(0)).isEqualTo("ABORT");
    assertThat(StateCause.HOST_CRASH.traceName(0)).isEqualTo("host crash");
    assertThat(StateCause.RCV_SYN_TWO_WAY.traceName(TcpFlags.SYN))
        .isEqualTo("rcv SYN (two-way handshake)");
    assertThat(StateCause.RCV_SYN_NEW_INCARNATION.traceName(0))
        .isEqualTo("rcv SYN (new incarnation)");
    assertThat(StateCause.TIME_WAIT_TIMEOUT.traceName(0)).isEqualTo("TIME-WAIT timeout");
    assertThat(StateCause.TIME_WAIT_ZERO.traceName(0))
        .isEqualTo("TIME-WAIT timeout (zero-length, counterfactual)");
    assertThat(StateCause.USER_TIMEOUT.traceName(0)).isEqualTo("USER TIMEOUT");
  }

  @Test
  void appEventsAndRetransmitReasons_printTheirTraceNames() {
    assertThat(AppEvent.values())
        .extracting(AppEvent::traceName)
        .containsExactly(
            "established",
            "write",
            "data",
            "peer-closed",
            "close",
            "shutdown",
            "abort",
            "reset",
            "timeout",
            "closed",
            "open-failed");
    assertThat(RetransmitReason.values())
        .extracting(RetransmitReason::traceName)
        .containsExactly("rto", "fast", "probe", "tlp");
  }
}
