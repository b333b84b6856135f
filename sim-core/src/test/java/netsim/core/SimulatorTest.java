package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private final Simulator sim = new Simulator();
  private final List<String> ran = new ArrayList<>();

  private Runnable record(String name) {
    return () -> ran.add(name + "@" + sim.now());
  }

  @Test
  void eventsRunInTimeOrderAndAdvanceTheClock() {
    sim.schedule(30, record("c"));
    sim.schedule(10, record("a"));
    sim.scheduleAt(20, record("b"));
    assertThat(sim.run()).isEqualTo(StopReason.EMPTY);
    assertThat(ran).containsExactly("a@10", "b@20", "c@30");
    assertThat(sim.now()).isEqualTo(30);
    assertThat(sim.executedEvents()).isEqualTo(3);
  }

  @Test
  void sameTimeEventsRunInSchedulingOrder() {
    for (int i = 0; i < 5; i++) {
      sim.schedule(7, record("e" + i));
    }
    sim.run();
    assertThat(ran).containsExactly("e0@7", "e1@7", "e2@7", "e3@7", "e4@7");
  }

  @Test
  void anEventScheduledForNowFromInsideAnEvent_runsAfterTheAlreadyQueuedSameTimeEvents() {
    sim.schedule(
        5,
        () -> {
          ran.add("first");
          sim.schedule(0, record("scheduled-from-first"));
        });
    sim.schedule(5, record("second"));
    sim.run();
    assertThat(ran).containsExactly("first", "second@5", "scheduled-from-first@5");
  }

  @Test
  void cancelledEventsNeverRun() {
    long handle = sim.schedule(10, record("cancelled"));
    sim.schedule(20, record("kept"));
    assertThat(sim.cancel(handle)).isTrue();
    sim.run();
    assertThat(ran).containsExactly("kept@20");
    assertThat(sim.cancel(handle)).isFalse();
  }

  @Test
  void anEventCanCancelALaterSameTimeEvent() {
    long[] victim = new long[1];
    sim.schedule(10, () -> sim.cancel(victim[0]));
    victim[0] = sim.schedule(10, record("victim"));
    sim.run();
    assertThat(ran).isEmpty();
  }

  @Test
  void schedulingInThePastIsAnError() {
    sim.schedule(100, () -> {});
    sim.run();
    assertThatThrownBy(() -> sim.scheduleAt(99, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot schedule in the past: 99 < now 100");
    assertThatThrownBy(() -> sim.schedule(-1, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative delay: -1");
  }

  @Test
  void runUntil_runsEventsUpToAndIncludingTheEnd_thenSetsTheClockToIt() {
    sim.schedule(10, record("a"));
    sim.schedule(20, record("b"));
    sim.schedule(21, record("c"));
    assertThat(sim.runUntil(20)).isEqualTo(StopReason.TIME_LIMIT);
    assertThat(ran).containsExactly("a@10", "b@20");
    assertThat(sim.now()).isEqualTo(20);
    assertThat(sim.runUntil(50)).isEqualTo(StopReason.EMPTY);
    assertThat(ran).containsExactly("a@10", "b@20", "c@21");
    assertThat(sim.now()).isEqualTo(50);
  }

  @Test
  void runInstants_tellsEachInstantsEndOnce_afterTheEventsItsEventsScheduleForIt() {
    sim.schedule(10, record("a"));
    sim.schedule(
        20,
        () -> {
          ran.add("b@" + sim.now());
          sim.schedule(0, record("b-then"));
        });
    sim.schedule(20, record("c"));
    sim.schedule(30, record("d"));
    assertThat(
            sim.runInstants(
                100,
                now -> {
                  ran.add("end@" + now);
                  return false;
                }))
        .isEqualTo(StopReason.EMPTY);
    assertThat(ran)
        .containsExactly("a@10", "end@10", "b@20", "c@20", "b-then@20", "end@20", "d@30", "end@30");
    assertThat(sim.now()).as("no event left: the clock stays at the last one").isEqualTo(30);
  }

  @Test
  void runInstants_stopsAfterTheInstantWhoseEndAsksIt_andResumesLater() {
    sim.schedule(10, record("a"));
    sim.schedule(20, record("b"));
    sim.schedule(20, record("c"));
    sim.schedule(30, record("d"));
    assertThat(sim.runInstants(100, now -> now == 20)).isEqualTo(StopReason.CONDITION);
    assertThat(ran).containsExactly("a@10", "b@20", "c@20");
    assertThat(sim.now()).isEqualTo(20);
    assertThat(sim.runInstants(100, now -> false)).isEqualTo(StopReason.EMPTY);
    assertThat(ran).containsExactly("a@10", "b@20", "c@20", "d@30");
  }

  @Test
  void runInstants_beforeAnEventBeyondTheEnd_tellsTheLastInstant_thenSetsTheClockToTheEnd() {
    sim.schedule(10, record("a"));
    sim.schedule(60, record("b"));
    List<Long> ends = new ArrayList<>();
    assertThat(sim.runInstants(50, now -> !ends.add(now))).isEqualTo(StopReason.TIME_LIMIT);
    assertThat(ran).containsExactly("a@10");
    assertThat(ends).containsExactly(10L);
    assertThat(sim.now()).isEqualTo(50);
  }

  @Test
  void runInstants_aTimerRestartedLater_makesNoInstantWhereItsStaleExpiryWas() {
    Timer rto = new Timer(sim, "test/rto", record("rto"));
    rto.scheduleAt(20);
    sim.schedule(10, () -> rto.scheduleAt(40)); // the expiry stays queued at 20, deferred
    List<Long> ends = new ArrayList<>();
    assertThat(sim.runInstants(100, now -> !ends.add(now))).isEqualTo(StopReason.EMPTY);
    assertThat(ran).containsExactly("rto@40");
    assertThat(ends).containsExactly(10L, 40L);
    assertThat(sim.executedEvents()).isEqualTo(2);
  }

  @Test
  void stop_returnsAfterTheCurrentEvent_andRunResumesLater() {
    sim.schedule(1, record("a"));
    sim.schedule(
        2,
        () -> {
          ran.add("stopper");
          sim.stop();
        });
    sim.schedule(3, record("c"));
    assertThat(sim.run()).isEqualTo(StopReason.STOPPED);
    assertThat(ran).containsExactly("a@1", "stopper");
    assertThat(sim.run()).isEqualTo(StopReason.EMPTY);
    assertThat(ran).containsExactly("a@1", "stopper", "c@3");
  }

  @Test
  void eventLimit_boundsTheNumberOfExecutedEvents() {
    Runnable[] forever = new Runnable[1];
    forever[0] = () -> sim.schedule(1, forever[0]);
    sim.schedule(0, forever[0]);
    sim.setEventLimit(1000);
    assertThat(sim.run()).isEqualTo(StopReason.EVENT_LIMIT);
    assertThat(sim.executedEvents()).isEqualTo(1000);
    assertThat(sim.now()).isEqualTo(999);
  }

  @Test
  void listenersSeeEveryExecutedEventInOrder() {
    EventLog first = new EventLog();
    List<Long> second = new ArrayList<>();
    sim.addListener(first);
    sim.addListener((time, sequence, action) -> second.add(time));
    sim.schedule(5, record("a"));
    long cancelled = sim.schedule(6, record("x"));
    sim.schedule(7, new Labelledrunnable("b"));
    sim.cancel(cancelled);
    sim.run();
    assertThat(first.entries())
        .extracting(EventLog.Entry::time, EventLog.Entry::sequence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5L, 0L),
            org.assertj.core.groups.Tuple.tuple(7L, 2L));
    assertThat(first.entries().get(1).label()).isEqualTo("b");
    assertThat(first.entries().get(0).label()).isEqualTo("netsim.core.SimulatorTest$$Lambda");
    assertThat(second).containsExactly(5L, 7L);
  }

  private record Labelledrunnable(String label) implements Runnable, Labelled {
    @Override
    public void run() {}
  }

  @Test
  void runFromInsideAnEventIsAnError() {
    sim.schedule(1, sim::run);
    assertThatThrownBy(sim::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from inside an event");
  }

  @Test
  void anExceptionInAnEventPropagatesAndLeavesTheRestRunnable() {
    sim.schedule(
        1,
        () -> {
          throw new IllegalStateException("boom");
        });
    sim.schedule(2, record("after"));
    assertThatThrownBy(sim::run).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    sim.run();
    assertThat(ran).containsExactly("after@2");
  }

  @Test
  void tieShuffle_permutesSameTimeEvents_reproduciblyFromTheSeed() {
    List<String> first = shuffledOrder(42);
    List<String> again = shuffledOrder(42);
    List<String> otherSeed = shuffledOrder(43);
    assertThat(first).isEqualTo(again);
    assertThat(first).containsExactlyInAnyOrderElementsOf(otherSeed);
    assertThat(first).isNotEqualTo(otherSeed);
    assertThat(first).isNotEqualTo(first.stream().sorted().toList());
  }

  @Test
  void tieShuffle_keepsTimeOrder() {
    Simulator shuffled =
        Simulator.withTieShuffle(new QuaternaryHeapEventQueue(), new RandomStreams(1).get("ties"));
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      shuffled.schedule(50 - i, () -> times.add(shuffled.now()));
    }
    shuffled.run();
    assertThat(times).isSorted().hasSize(50);
  }

  private static List<String> shuffledOrder(long seed) {
    Simulator shuffled =
        Simulator.withTieShuffle(
            new QuaternaryHeapEventQueue(), new RandomStreams(seed).get("ties"));
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = String.format(java.util.Locale.ROOT, "e%02d", i);
      shuffled.schedule(10, () -> order.add(name));
    }
    shuffled.run();
    return order;
  }
}
