package netsim.tcp;

import static netsim.tcp.TcpTimers.Kind.DELAYED_ACK;
import static netsim.tcp.TcpTimers.Kind.FIN_WAIT_2_TIMEOUT;
import static netsim.tcp.TcpTimers.Kind.KEEPALIVE;
import static netsim.tcp.TcpTimers.Kind.LOSS_PROBE;
import static netsim.tcp.TcpTimers.Kind.PERSIST;
import static netsim.tcp.TcpTimers.Kind.RETRANSMIT;
import static netsim.tcp.TcpTimers.Kind.TIME_WAIT;
import static netsim.tcp.TcpTimers.NEVER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpTimersTest {
  /** The timers of a new connection, driven by hand (none running, nothing scheduled). */
  private final TcpTimers timers = new TcpHarness(TcpHarness.CONFIG, false).connection.timers();

  @Test
  void noTimerRunning_pollsNever_andNothingIsDue() {
    assertThat(timers.earliestDeadline()).isEqualTo(NEVER);
    assertThat(timers.due(Long.MAX_VALUE - 1)).isNull();
  }

  @Test
  void pollAt_isTheEarliestDeadline() {
    timers.start(KEEPALIVE, 70);
    timers.start(DELAYED_ACK, 40);
    timers.start(RETRANSMIT, 50);
    assertThat(timers.earliestDeadline()).isEqualTo(40);
    timers.stop(DELAYED_ACK);
    assertThat(timers.earliestDeadline()).isEqualTo(50);
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
    assertThat(timers.earliestDeadline()).isEqualTo(100);
    timers.stop(kinds[0]);
    assertThat(timers.earliestDeadline()).isEqualTo(101);
    assertThat(timers.deadline(kinds[1])).isEqualTo(101);
    timers.stopAll();
    for (TcpTimers.Kind kind : kinds) {
      assertThat(timers.isRunning(kind)).as("%s", kind).isFalse();
    }
    assertThat(timers.earliestDeadline()).isEqualTo(NEVER);
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
    assertThat(timers.earliestDeadline()).isEqualTo(NEVER);
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

  @Test
  void rareTimers_stoppedOrMovedOneByOne_leavePollAtTheEarliestStillRunning() {
    timers.start(RETRANSMIT, 500);
    timers.start(KEEPALIVE, 300);
    timers.start(PERSIST, 200);
    timers.start(FIN_WAIT_2_TIMEOUT, 400);
    assertThat(timers.earliestDeadline()).isEqualTo(200);
    timers.stop(PERSIST);
    assertThat(timers.earliestDeadline()).isEqualTo(300);
    timers.start(KEEPALIVE, 600); // moved later: the FIN-WAIT-2 timeout comes first now
    assertThat(timers.earliestDeadline()).isEqualTo(400);
    timers.stop(FIN_WAIT_2_TIMEOUT);
    assertThat(timers.earliestDeadline()).isEqualTo(500);
    timers.stop(RETRANSMIT);
    assertThat(timers.earliestDeadline()).isEqualTo(600);
    timers.stop(KEEPALIVE);
    assertThat(timers.earliestDeadline()).isEqualTo(NEVER);
  }

  @Test
  void aRareTimerDue_stillComesAfterTheFrequentOnesBeforeItInKindOrder() {
    timers.start(PERSIST, 10);
    timers.start(LOSS_PROBE, 30);
    timers.start(DELAYED_ACK, 5);
    assertThat(timers.due(20)).isEqualTo(PERSIST);
    assertThat(timers.due(30)).isEqualTo(LOSS_PROBE);
    timers.stop(LOSS_PROBE);
    timers.start(TIME_WAIT, 40);
    assertThat(timers.due(39)).isEqualTo(PERSIST);
    assertThat(timers.due(40)).isEqualTo(TIME_WAIT);
    timers.stop(TIME_WAIT);
    timers.stop(PERSIST);
    assertThat(timers.due(40)).isEqualTo(DELAYED_ACK);
  }

  @Test
  void theWindowOpening_clearsBackoffAndProbingStart_andTheNextAck_theUnansweredProbes() {
    timers.start(PERSIST, 10);
    timers.probing(10);
    timers.persistProbeSent();
    timers.resourceProbeRefused();
    timers.resetPersist();
    assertThat(timers.persistBackoffs()).isZero();
    assertThat(timers.probingSince()).isEqualTo(NEVER);
    assertThat(timers.isRunning(PERSIST)).isFalse();
    assertThat(timers.zeroWindowProbesUnanswered()).isEqualTo(2);
    timers.probesAnswered();
    assertThat(timers.zeroWindowProbesUnanswered()).isZero();
    timers.probing(50); // probing again after the resets: counted as at first
    timers.persistProbeSent();
    assertThat(timers.probingSince()).isEqualTo(50);
    assertThat(timers.persistBackoffs()).isEqualTo(1);
    assertThat(timers.zeroWindowProbesUnanswered()).isEqualTo(1);
    timers.probesAnswered();
    timers.stopProbing();
    assertThat(timers.zeroWindowProbesUnanswered()).isZero();
    assertThat(timers.probingSince()).isEqualTo(NEVER);
    timers.resetPersist(); // the backoff still counted until the window opens
    assertThat(timers.persistBackoffs()).isZero();
  }
}
