package netsim.tcp;

import static netsim.tcp.TcpTimers.Kind.DELAYED_ACK;
import static netsim.tcp.TcpTimers.Kind.KEEPALIVE;
import static netsim.tcp.TcpTimers.Kind.PERSIST;
import static netsim.tcp.TcpTimers.Kind.RETRANSMIT;
import static netsim.tcp.TcpTimers.Kind.TIME_WAIT;
import static netsim.tcp.TcpTimers.NEVER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpTimersTest {
  private final TcpTimers timers = new TcpTimers();

  @Test
  void noTimerRunning_pollsNever_andNothingIsDue() {
    assertThat(timers.pollAt()).isEqualTo(NEVER);
    assertThat(timers.due(Long.MAX_VALUE - 1)).isNull();
  }

  @Test
  void pollAt_isTheEarliestDeadline() {
    timers.start(KEEPALIVE, 70);
    timers.start(DELAYED_ACK, 40);
    timers.start(RETRANSMIT, 50);
    assertThat(timers.pollAt()).isEqualTo(40);
    timers.stop(DELAYED_ACK);
    assertThat(timers.pollAt()).isEqualTo(50);
  }

  @Test
  void severalDue_comeInOrder_timeWaitRetransmitPersistKeepaliveDelayedAck() {
    timers.start(DELAYED_ACK, 10);
    timers.start(KEEPALIVE, 20);
    timers.start(PERSIST, 30);
    timers.start(RETRANSMIT, 40);
    timers.start(TIME_WAIT, 50);
    assertThat(timers.due(49)).isEqualTo(RETRANSMIT);
    assertThat(timers.due(50)).isEqualTo(TIME_WAIT);
    timers.stop(TIME_WAIT);
    timers.stop(RETRANSMIT);
    assertThat(timers.due(50)).isEqualTo(PERSIST);
    timers.stop(PERSIST);
    assertThat(timers.due(50)).isEqualTo(KEEPALIVE);
    timers.stop(KEEPALIVE);
    assertThat(timers.due(50)).isEqualTo(DELAYED_ACK);
    assertThat(timers.due(9)).isNull();
  }

  @Test
  void everyKind_keepsItsOwnDeadline_andStopAllStopsThemAll() {
    TcpTimers.Kind[] kinds = TcpTimers.Kind.values();
    for (int i = 0; i < kinds.length; i++) {
      timers.start(kinds[i], 100 + i);
    }
    for (int i = 0; i < kinds.length; i++) {
      assertThat(timers.deadline(kinds[i])).as("%s", kinds[i]).isEqualTo(100 + i);
    }
    assertThat(timers.pollAt()).isEqualTo(100);
    timers.stop(kinds[0]);
    assertThat(timers.pollAt()).isEqualTo(101);
    assertThat(timers.deadline(kinds[1])).isEqualTo(101);
    timers.stopAll();
    for (TcpTimers.Kind kind : kinds) {
      assertThat(timers.isRunning(kind)).as("%s", kind).isFalse();
    }
    assertThat(timers.pollAt()).isEqualTo(NEVER);
  }

  @Test
  void aDeadlineIsDueAtItsTime_notBefore() {
    timers.start(RETRANSMIT, 100);
    assertThat(timers.isDue(RETRANSMIT, 99)).isFalse();
    assertThat(timers.isDue(RETRANSMIT, 100)).isTrue();
    assertThat(timers.isRunning(RETRANSMIT)).isTrue();
    assertThat(timers.isRunning(PERSIST)).isFalse();
  }

  @Test
  void stopAll_stopsEveryTimer() {
    for (TcpTimers.Kind kind : TcpTimers.Kind.values()) {
      timers.start(kind, 5);
    }
    timers.stopAll();
    assertThat(timers.pollAt()).isEqualTo(NEVER);
  }

  @Test
  void persistBackoffs_countProbes_untilTheWindowOpens() {
    timers.start(PERSIST, 10);
    timers.persistProbeSent();
    timers.persistProbeSent();
    assertThat(timers.persistBackoffs()).isEqualTo(2);
    timers.resetPersist();
    assertThat(timers.persistBackoffs()).isZero();
    assertThat(timers.isRunning(PERSIST)).isFalse();
  }

  @Test
  void keepalives_countUnansweredProbes_untilThePeerIsHeard() {
    assertThat(timers.keepaliveProbeDue(3, 100)).isTrue();
    assertThat(timers.keepaliveProbeDue(3, 200)).isTrue();
    assertThat(timers.keepalivesUnanswered()).isEqualTo(2);
    assertThat(timers.deadline(KEEPALIVE)).isEqualTo(200);
    timers.restartKeepalive(900);
    assertThat(timers.keepalivesUnanswered()).isZero();
    assertThat(timers.deadline(KEEPALIVE)).isEqualTo(900);
  }

  @Test
  void keepaliveExpiry_afterTheLastProbeWentUnanswered_givesUpAndStopsTheTimer() {
    timers.restartKeepalive(100);
    assertThat(timers.keepaliveProbeDue(1, 200)).isTrue();
    assertThat(timers.keepaliveProbeDue(1, 300)).isFalse();
    assertThat(timers.isRunning(KEEPALIVE)).isFalse();
    assertThat(timers.keepalivesUnanswered()).isEqualTo(1);
  }
}
