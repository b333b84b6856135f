package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import netsim.core.Time;
import org.junit.jupiter.api.Test;

/**
 * Which SYN may end TIME-WAIT and start a new incarnation (RFC 6191), and the new incarnation's
 * ISN, by host: FreeBSD's tcp_twcheck takes a SYN above RCV.NXT; Linux's tcp_timewait_state_process
 * also one whose timestamp is newer, never one PAWS refuses, and starts the new connection at the
 * old SND.NXT + 65537.
 */
class TimeWaitSynTest {

  /**
   * We closed first; the peer's FIN (TSval 300) took us to TIME-WAIT; RCV.NXT 5002, SND.NXT 1002.
   */
  private static TcpHarness timeWait(TcpConfig config) {
    TcpHarness h = new TcpHarness(config, true);
    h.now = Time.seconds(1);
    h.connection.acceptSyn(h.stamped("SYN", 5000, 0, 100, 0, 0));
    h.connection.onSegment(h.stamped("ACK", 5001, 1001, 200, 0, 0));
    h.connection.close();
    h.connection.onSegment(h.stamped("FIN|ACK", 5001, 1002, 300, 0, 0));
    assertThat(h.state()).isEqualTo(TcpState.TIME_WAIT);
    return h;
  }

  @Test
  void linux_synWithAnOldSequenceNumberButANewerTimestamp_startsANewIncarnation() {
    TcpHarness h = timeWait(TcpHarness.configOf(HostProfile.LINUX));
    assertThat(h.connection.acceptsNewIncarnation(h.stamped("SYN", 5000, 0, 400, 0, 0))).isTrue();
    assertThat(h.connection.acceptsNewIncarnation(h.stamped("SYN", 5000, 0, 300, 0, 0))).isFalse();
  }

  @Test
  void linux_synThatPawsRefuses_isNoNewIncarnation_evenAboveRcvNxt() {
    TcpHarness h = timeWait(TcpHarness.configOf(HostProfile.LINUX));
    assertThat(h.connection.acceptsNewIncarnation(h.stamped("SYN", 9000, 0, 250, 0, 0))).isFalse();
    assertThat(h.connection.acceptsNewIncarnation(h.stamped("SYN", 9000, 0, 300, 0, 0))).isTrue();
  }

  @Test
  void linux_newIncarnationStartsAtTheOldSndNxtPlus65537() {
    TcpHarness h = timeWait(TcpHarness.configOf(HostProfile.LINUX));
    assertThat(h.connection.newIncarnationIss()).isEqualTo(1002 + 65537);
  }

  @Test
  void freebsd_onlyASequenceNumberAboveRcvNxt_counts_andTheIsnIsTheGenerators() {
    TcpHarness h = timeWait(TcpHarness.configOf(HostProfile.FREEBSD));
    assertThat(h.connection.acceptsNewIncarnation(h.stamped("SYN", 5000, 0, 400, 0, 0))).isFalse();
    assertThat(h.connection.acceptsNewIncarnation(h.stamped("SYN", 5003, 0, 250, 0, 0))).isTrue();
    assertThat(h.connection.newIncarnationIss()).isEqualTo(-1);
  }
}
