package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Random programs of schedule / cancel / reschedule / run-until, run on every event set: each must
 * execute exactly the same events in exactly the same order as the {@link PriorityQueue} reference,
 * and never run a cancelled event.
 */
class EventOrderPropertyTest {

  /** Every event set under test; the reference comes first. */
  static final List<Supplier<EventQueue>> QUEUES =
      List.of(PriorityQueueEventQueue::new, QuaternaryHeapEventQueue::new, LadderEventQueue::new);

  @Property(tries = 300)
  void everyEventSetRunsARandomProgramInTheReferenceOrder(@ForAll long seed) {
    List<Long> reference = null;
    for (Supplier<EventQueue> queue : QUEUES) {
      Program program = new Program(new Simulator(queue.get()), seed);
      List<Long> order = program.execute();
      assertThat(program.cancelledThatRan).as("cancelled events that ran").isEmpty();
      if (reference == null) {
        reference = order;
      } else {
        assertThat(order).as(queue.get().name()).isEqualTo(reference);
      }
    }
    assertThat(reference).isNotEmpty();
  }

  /** A random program whose every choice comes from one seeded generator. */
  private static final class Program {
    final Simulator sim;
    final UniformRandomProvider random;
    final List<Long> order = new ArrayList<>();
    final List<Long> pending = new ArrayList<>();
    final List<Long> handles = new ArrayList<>();
    final Set<Long> cancelled = new LinkedHashSet<>();
    final List<Long> cancelledThatRan = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    long nextId;

    Program(Simulator sim, long seed) {
      this.sim = sim;
      this.random = new RandomStreams(seed).get("program");
      for (int i = 0; i < 4; i++) {
        long id = -1L - i;
        timers.add(new Timer(sim, "timer" + i, () -> order.add(id)));
      }
    }

    List<Long> execute() {
      for (int i = 0; i < 20; i++) {
        scheduleOne();
      }
      for (int round = 0; round < 30 && sim.pendingEvents() > 0; round++) {
        sim.runUntil(sim.now() + random.nextInt(40));
        mutate();
      }
      sim.run();
      return order;
    }

    void scheduleOne() {
      long id = nextId++;
      // Few distinct delays, so that many events share a time.
      long delay = random.nextInt(4) == 0 ? 0 : random.nextInt(20);
      long handle =
          sim.schedule(
              delay,
              () -> {
                if (cancelled.contains(id)) {
                  cancelledThatRan.add(id);
                }
                order.add(id);
                int index = pending.indexOf(id);
                pending.remove(index);
                handles.remove(index);
                if (random.nextInt(3) == 0) {
                  mutate();
                }
              });
      pending.add(id);
      handles.add(handle);
    }

    void mutate() {
      int choice = random.nextInt(4);
      if (choice == 0 && !pending.isEmpty()) {
        int victim = random.nextInt(pending.size());
        assertThat(sim.cancel(handles.get(victim))).isTrue();
        cancelled.add(pending.remove(victim));
        handles.remove(victim);
      } else if (choice == 1) {
        Timer timer = timers.get(random.nextInt(timers.size()));
        if (random.nextBoolean()) {
          timer.schedule(random.nextInt(15));
        } else {
          timer.cancel();
        }
      } else if (nextId < 400) {
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          scheduleOne();
        }
      }
    }
  }
}
