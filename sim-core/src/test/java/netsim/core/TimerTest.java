package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timer semantics, including lazy re-arming: a restart to a later deadline leaves the queued expiry
 * in place, and the simulator moves it when it comes up, invisibly. {@link TimerRearmPropertyTest}
 * checks on random programs that the result is the one cancelling and rescheduling gives.
 */
class TimerTest {
  private final Simulator sim = new Simulator();
  private final List<Long> fired = new ArrayList<>();
  private final Timer timer = new Timer(sim, "test/timer", () -> fired.add(sim.now()));

  @Test
  void firesOnceAtItsExpiry() {
    timer.schedule(100);
    assertThat(timer.isPending()).isTrue();
    assertThat(timer.expiresAt()).isEqualTo(100);
    sim.run();
    assertThat(fired).containsExactly(100L);
    assertThat(timer.isPending()).isFalse();
    assertThat(timer.expiresAt()).isEqualTo(-1);
  }

  @Test
  void reschedulingReplacesThePendingExpiry() {
    timer.schedule(100);
    timer.schedule(50);
    timer.schedule(300);
    sim.run();
    assertThat(fired).containsExactly(300L);
  }

  @Test
  void cancelledTimerNeverFires() {
    timer.schedule(100);
    assertThat(timer.cancel()).isTrue();
    assertThat(timer.cancel()).isFalse();
    sim.run();
    assertThat(fired).isEmpty();
  }

  @Test
  void aTimerCancelledFromInsideAnEventDoesNotFire() {
    timer.schedule(10);
    sim.schedule(10, timer::cancel);
    Timer early = new Timer(sim, "test/early", timer::cancel);
    early.schedule(5);
    sim.run();
    assertThat(fired).isEmpty();
  }

  @Test
  void theActionCanRescheduleItsOwnTimer() {
    Timer[] self = new Timer[1];
    self[0] =
        new Timer(
            sim,
            "test/periodic",
            () -> {
              fired.add(sim.now());
              if (fired.size() < 3) {
                self[0].schedule(10);
              }
            });
    self[0].schedule(10);
    sim.run();
    assertThat(fired).containsExactly(10L, 20L, 30L);
  }

  @Test
  void theTimersLabelNamesItsEvents() {
    EventLog log = new EventLog();
    sim.addListener(log);
    timer.schedule(1);
    sim.run();
    assertThat(log.entries()).extracting(EventLog.Entry::label).containsExactly("test/timer");
  }

  @Test
  void reschedulingToTheSameTime_keepsTheExpirysPlaceAmongSameTimeEvents() {
    List<String> order = new ArrayList<>();
    Timer named = new Timer(sim, "test/named", () -> order.add("timer"));
    named.scheduleAt(100);
    sim.scheduleAt(100, () -> order.add("b"));
    named.scheduleAt(100);
    sim.run();
    assertThat(order).containsExactly("timer", "b");
  }

  /** A timer that is its own action, as a TCP connection's entry in its stack is. */
  private static final class SelfTimer extends AbstractTimer {
    final List<Long> expired = new ArrayList<>();
    private final Simulator clock;

    SelfTimer(Simulator clock) {
      super(clock);
      this.clock = clock;
    }

    @Override
    public String label() {
      return "test/self";
    }

    @Override
    protected void expire() {
      expired.add(clock.now());
      if (expired.size() < 2) {
        schedule(10); // no longer pending inside its own expiry, as with an action
      }
    }
  }

  @Test
  void aTimerThatIsItsOwnAction_expiresIntoItsOwnExpire_underItsLabel() {
    SelfTimer self = new SelfTimer(sim);
    EventLog log = new EventLog();
    sim.addListener(log);
    self.scheduleAt(100);
    self.scheduleAt(150); // a later restart, moved lazily as for any timer
    sim.run();
    assertThat(self.expired).containsExactly(150L, 160L);
    assertThat(self.isPending()).isFalse();
    assertThat(log.entries())
        .extracting(EventLog.Entry::label)
        .containsExactly("test/self", "test/self");
  }

  @Test
  void theQueuedExpiry_isTheTimerItself_underItsLabel_forASubclassAndAnAction() {
    SelfTimer self = new SelfTimer(sim);
    List<Runnable> actions = new ArrayList<>();
    sim.addListener((time, sequence, action) -> actions.add(action));
    self.scheduleAt(100);
    timer.scheduleAt(50);
    timer.scheduleAt(120); // moved lazily: still the one queued object
    sim.run();
    assertThat(actions).containsExactly(self, self, timer);
    assertThat(actions)
        .extracting(Labelled::of)
        .containsExactly("test/self", "test/self", "test/timer");
  }

  @Test
  void anAbstractTimersSubclass_expiresIntoItsOwnExpire_underTheLabelItMakes() {
    List<String> made = new ArrayList<>();
    AbstractTimer own =
        new AbstractTimer(sim) {
          @Override
          protected void expire() {
            made.add("expired at " + sim.now());
          }

          @Override
          public String label() {
            made.add("label");
            return "test/own";
          }
        };
    EventLog log = new EventLog();
    sim.addListener(log);
    own.scheduleAt(100);
    own.scheduleAt(130); // a later restart, moved lazily as for any timer
    sim.run();
    assertThat(log.entries()).extracting(EventLog.Entry::label).containsExactly("test/own");
    assertThat(made).containsExactly("label", "expired at 130");
  }

  /** An event set that counts the calls a timer makes on it. */
  private static final class CountingQueue implements EventQueue {
    final EventQueue inner = new LadderEventQueue();
    int adds;
    int removes;

    @Override
    public long add(long time, long sequence, Runnable action) {
      adds++;
      return inner.add(time, sequence, action);
    }

    @Override
    public boolean remove(long handle) {
      removes++;
      return inner.remove(handle);
    }

    @Override
    public long peekTime() {
      return inner.peekTime();
    }

    @Override
    public long peekSequence() {
      return inner.peekSequence();
    }

    @Override
    public Runnable peekAction() {
      return inner.peekAction();
    }

    @Override
    public Runnable poll() {
      return inner.poll();
    }

    @Override
    public int size() {
      return inner.size();
    }

    @Override
    public String name() {
      return "counting";
    }
  }

  @Test
  void restartsToLaterDeadlines_leaveTheEventSetAlone_andTheTimerFiresOnceAtTheLast() {
    CountingQueue queue = new CountingQueue();
    Simulator counted = new Simulator(queue);
    List<Long> at = new ArrayList<>();
    Timer rto = new Timer(counted, "test/rto", () -> at.add(counted.now()));
    rto.scheduleAt(100);
    rto.scheduleAt(200);
    rto.scheduleAt(150);
    rto.scheduleAt(400);
    assertThat(queue.adds).isEqualTo(1);
    assertThat(queue.removes).isZero();
    assertThat(rto.expiresAt()).isEqualTo(400);
    assertThat(counted.pendingEvents()).isEqualTo(1);
    counted.run();
    assertThat(at).containsExactly(400L);
    assertThat(queue.adds).as("the expiry queued once more, at 100").isEqualTo(2);
    assertThat(queue.removes).isZero();
    assertThat(counted.executedEvents()).isEqualTo(1);
  }

  @Test
  void aRestartToAnEarlierDeadline_movesTheQueuedExpiryAtOnce() {
    CountingQueue queue = new CountingQueue();
    Simulator counted = new Simulator(queue);
    List<Long> at = new ArrayList<>();
    Timer rto = new Timer(counted, "test/rto", () -> at.add(counted.now()));
    rto.scheduleAt(300);
    rto.scheduleAt(100);
    assertThat(queue.removes).isEqualTo(1);
    assertThat(queue.adds).isEqualTo(2);
    assertThat(counted.pendingEvents()).isEqualTo(1);
    counted.run();
    assertThat(at).containsExactly(100L);
  }

  @Test
  void aTimerRestartedLater_runsAmongSameTimeEventsWhereItsLastRestartPutIt() {
    List<String> order = new ArrayList<>();
    Timer rto = new Timer(sim, "test/rto", () -> order.add("timer@" + sim.now()));
    sim.scheduleAt(100, () -> order.add("before-restart@" + sim.now()));
    rto.scheduleAt(50);
    sim.scheduleAt(10, () -> rto.scheduleAt(100));
    // Scheduled after the restart but before the expiry queued at 50 comes up and is moved.
    sim.scheduleAt(20, () -> sim.scheduleAt(100, () -> order.add("after-restart@" + sim.now())));
    sim.run();
    assertThat(order).containsExactly("before-restart@100", "timer@100", "after-restart@100");
  }

  @Test
  void movingAnEarlyExpiry_isNoEvent_forListenersTheClockOrTheCount() {
    EventLog log = new EventLog();
    sim.addListener(log);
    timer.scheduleAt(50);
    timer.scheduleAt(100);
    assertThat(sim.nextEventTime()).isEqualTo(100);
    assertThat(sim.runUntil(60)).isEqualTo(StopReason.TIME_LIMIT);
    assertThat(sim.now()).isEqualTo(60);
    assertThat(sim.executedEvents()).isZero();
    assertThat(log.entries()).isEmpty();
    sim.run();
    assertThat(fired).containsExactly(100L);
    assertThat(log.entries()).extracting(EventLog.Entry::time).containsExactly(100L);
    assertThat(log.entries()).extracting(EventLog.Entry::sequence).containsExactly(1L);
  }

  @Test
  void anEventLimitReached_stillLetsRunUntilStopAtItsEnd_pastAnEarlyExpiry() {
    timer.scheduleAt(50);
    timer.scheduleAt(100);
    sim.setEventLimit(0);
    assertThat(sim.runUntil(80)).isEqualTo(StopReason.TIME_LIMIT);
    assertThat(sim.now()).isEqualTo(80);
    assertThat(sim.runUntil(120)).isEqualTo(StopReason.EVENT_LIMIT);
    assertThat(sim.now()).isEqualTo(80);
    assertThat(fired).isEmpty();
  }

  @Test
  void aTimerCancelledAfterARestartToALaterDeadline_neverFires() {
    timer.scheduleAt(50);
    timer.scheduleAt(100);
    assertThat(timer.cancel()).isTrue();
    assertThat(timer.isPending()).isFalse();
    assertThat(timer.expiresAt()).isEqualTo(-1);
    assertThat(sim.pendingEvents()).isZero();
    sim.run();
    assertThat(fired).isEmpty();
  }

  @Test
  void aRestartIntoThePast_isAnErrorAndLeavesTheTimerAsItWas() {
    sim.schedule(10, () -> {});
    sim.run();
    timer.scheduleAt(40);
    assertThatThrownBy(() -> timer.scheduleAt(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot schedule in the past: 5 < now 10");
    assertThat(timer.expiresAt()).isEqualTo(40);
    sim.run();
    assertThat(fired).containsExactly(40L);
  }
}
