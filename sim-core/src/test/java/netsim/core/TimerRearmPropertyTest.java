package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Lazy re-arming changes nothing a run shows: random programs of timer restarts (earlier, later,
 * same time), cancels, plain events, bounded runs and event limits give the same executed events,
 * with the same times, sequence numbers and labels, the same stop reasons, clocks and pending
 * counts with {@link Timer} as with a timer that cancels and reschedules on every restart, on every
 * event set and with tie shuffling; every event set gives the reference's transcript, and a program
 * run twice gives the same one (determinism).
 */
class TimerRearmPropertyTest {

  /** An action under a given label, as a timer's or a plain event's. */
  private record LabelledAction(String label, Runnable body) implements Runnable, Labelled {
    @Override
    public void run() {
      body.run();
    }
  }

  /** The timer operations a program uses, over either implementation. */
  private interface TimerUnderTest {
    void scheduleAt(long time);

    boolean cancel();

    boolean isPending();

    long expiresAt();
  }

  /** The reference: every restart cancels the queued event and schedules a new one. */
  private static final class ReschedulingTimer implements TimerUnderTest {
    private final Simulator sim;
    private final Runnable fire;
    private long handle = EventQueue.NO_HANDLE;
    private long expiresAt = -1;

    ReschedulingTimer(Simulator sim, String label, Runnable action) {
      this.sim = sim;
      this.fire =
          new LabelledAction(
              label,
              () -> {
                handle = EventQueue.NO_HANDLE;
                expiresAt = -1;
                action.run();
              });
    }

    @Override
    public void scheduleAt(long time) {
      if (handle != EventQueue.NO_HANDLE) {
        if (time == expiresAt) {
          return;
        }
        sim.cancel(handle);
      }
      handle = sim.scheduleAt(time, fire);
      expiresAt = time;
    }

    @Override
    public boolean cancel() {
      if (handle == EventQueue.NO_HANDLE) {
        return false;
      }
      sim.cancel(handle);
      handle = EventQueue.NO_HANDLE;
      expiresAt = -1;
      return true;
    }

    @Override
    public boolean isPending() {
      return handle != EventQueue.NO_HANDLE;
    }

    @Override
    public long expiresAt() {
      return expiresAt;
    }
  }

  private static TimerUnderTest lazy(Simulator sim, String label, Runnable action) {
    Timer timer = new Timer(sim, label, action);
    return new TimerUnderTest() {
      @Override
      public void scheduleAt(long time) {
        timer.scheduleAt(time);
      }

      @Override
      public boolean cancel() {
        return timer.cancel();
      }

      @Override
      public boolean isPending() {
        return timer.isPending();
      }

      @Override
      public long expiresAt() {
        return timer.expiresAt();
      }
    };
  }

  private interface TimerFactory {
    TimerUnderTest create(Simulator sim, String label, Runnable action);
  }

  /**
   * How big a program is: its timers, how many plain events it may schedule, its bounded runs, and
   * whether delays spread over nine decades (so that a ladder spreads, splits and refills its rungs
   * many times) or take a few values only (so that many events share a time).
   */
  private record Scale(int timers, int events, int rounds, boolean wide) {}

  private static final Scale SMALL = new Scale(5, 300, 40, false);
  private static final Scale LARGE = new Scale(64, 4000, 60, true);

  @Property(tries = 200)
  void lazyTimersRunEveryProgramAsCancellingAndReschedulingWould(
      @ForAll long seed, @ForAll boolean shuffleTies) {
    assertSameRuns(seed, shuffleTies, SMALL);
  }

  @Property(tries = 25)
  void atScale_withWideDelays_lazyTimersRunAsCancellingAndReschedulingWould(
      @ForAll long seed, @ForAll boolean shuffleTies) {
    assertSameRuns(seed, shuffleTies, LARGE);
  }

  /**
   * Each event set runs the program with both timers to the same transcript, and every event set
   * gives the transcript of the first (the {@link PriorityQueueEventQueue} reference); running it
   * again gives it again.
   */
  private static void assertSameRuns(long seed, boolean shuffleTies, Scale scale) {
    List<String> first = null;
    for (Supplier<EventQueue> queue : EventOrderPropertyTest.QUEUES) {
      List<String> reference =
          new Program(queue.get(), seed, shuffleTies, ReschedulingTimer::new, scale).execute();
      List<String> lazy =
          new Program(queue.get(), seed, shuffleTies, TimerRearmPropertyTest::lazy, scale)
              .execute();
      assertThat(lazy).as(queue.get().name()).isEqualTo(reference);
      assertThat(reference).isNotEmpty();
      if (first == null) {
        first = reference;
        List<String> again =
            new Program(queue.get(), seed, shuffleTies, TimerRearmPropertyTest::lazy, scale)
                .execute();
        assertThat(again).as("the same program run again").isEqualTo(first);
      } else {
        assertThat(reference).as(queue.get().name() + " against the reference").isEqualTo(first);
      }
    }
  }

  /**
   * A random program whose every choice comes from one seeded generator; it returns a transcript of
   * everything observable: executed events, stop reasons, clocks and timer states.
   */
  private static final class Program {
    final Simulator sim;
    final UniformRandomProvider random;
    final EventLog log = new EventLog();
    final List<String> transcript = new ArrayList<>();
    final List<TimerUnderTest> timers = new ArrayList<>();
    final List<Long> eventHandles = new ArrayList<>();
    final Scale scale;
    int events;

    Program(EventQueue queue, long seed, boolean shuffleTies, TimerFactory factory, Scale scale) {
      this.scale = scale;
      RandomStreams streams = new RandomStreams(seed);
      this.sim =
          shuffleTies ? Simulator.withTieShuffle(queue, streams.get("ties")) : new Simulator(queue);
      this.random = streams.get("program");
      sim.addListener(log);
      for (int i = 0; i < scale.timers(); i++) {
        String label = "timer" + i;
        timers.add(
            factory.create(
                sim,
                label,
                () -> {
                  transcript.add(label + " fired at " + sim.now());
                  if (random.nextInt(3) == 0) {
                    act();
                  }
                }));
      }
    }

    List<String> execute() {
      for (int i = 0; i < 2 * scale.timers(); i++) {
        act();
      }
      for (int round = 0; round < scale.rounds(); round++) {
        if (random.nextInt(8) == 0) {
          sim.setEventLimit(sim.executedEvents() + random.nextInt(3));
        } else {
          sim.setEventLimit(Long.MAX_VALUE);
        }
        StopReason reason = sim.runUntil(sim.now() + delay() + random.nextInt(60));
        transcript.add(
            reason
                + " now="
                + sim.now()
                + " next="
                + sim.nextEventTime()
                + " pending="
                + sim.pendingEvents()
                + " executed="
                + sim.executedEvents());
        act();
      }
      sim.setEventLimit(Long.MAX_VALUE);
      transcript.add(sim.run() + " now=" + sim.now());
      for (EventLog.Entry entry : log.entries()) {
        transcript.add(entry.toString());
      }
      return transcript;
    }

    /** A few values (many equal times) or, at wide scale, often anything up to 2^30 ns. */
    long delay() {
      if (scale.wide() && random.nextBoolean()) {
        return random.nextLong(1L << (1 + random.nextInt(30)));
      }
      return random.nextInt(4) * 10L;
    }

    /** One or two random actions: mostly timer restarts, some cancels and plain events. */
    void act() {
      int count = 1 + random.nextInt(2);
      for (int i = 0; i < count; i++) {
        int t = random.nextInt(timers.size());
        TimerUnderTest timer = timers.get(t);
        int choice = random.nextInt(10);
        if (choice < 6) {
          // Later, earlier or the same deadline, with many equal times.
          long time =
              timer.isPending() && random.nextInt(4) == 0 ? timer.expiresAt() : sim.now() + delay();
          timer.scheduleAt(time);
        } else if (choice < 7) {
          transcript.add("cancel timer" + t + ": " + timer.cancel());
        } else if (choice < 8 && !eventHandles.isEmpty()) {
          int victim = random.nextInt(eventHandles.size());
          transcript.add("cancel event: " + sim.cancel(eventHandles.get(victim)));
          eventHandles.set(victim, eventHandles.get(eventHandles.size() - 1));
          eventHandles.remove(eventHandles.size() - 1);
        } else if (events < scale.events()) {
          int id = events++;
          eventHandles.add(sim.schedule(delay(), new LabelledAction("event" + id, this::maybeAct)));
        }
        transcript.add("timer" + t + " pending=" + timer.isPending() + " at " + timer.expiresAt());
      }
    }

    void maybeAct() {
      if (random.nextInt(2) == 0) {
        act();
      }
    }
  }
}
