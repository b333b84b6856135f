package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeterminismCheckTest {

  private static void chain(Simulator sim, long seed) {
    var random = new RandomStreams(seed).get("chain");
    for (int i = 0; i < 50; i++) {
      sim.schedule(random.nextInt(1000), new Step("step" + (i % 3)));
    }
    sim.run();
  }

  private record Step(String label) implements Runnable, Labelled {
    @Override
    public void run() {}
  }

  @Test
  void aSeededScenarioIsDeterministic() {
    DeterminismCheck.assertDeterministic(sim -> chain(sim, 17));
    DeterminismCheck.Outcome outcome = DeterminismCheck.compare(sim -> chain(sim, 17));
    assertThat(outcome.identical()).isTrue();
    assertThat(outcome.first()).hasSize(50);
  }

  @Test
  void aScenarioThatLeaksStateBetweenRuns_isCaughtAtTheFirstDivergingEvent() {
    AtomicInteger runs = new AtomicInteger();
    DeterminismCheck.Outcome outcome =
        DeterminismCheck.compare(
            sim -> {
              int run = runs.incrementAndGet();
              sim.schedule(10, new Step("same"));
              sim.schedule(20, new Step("run" + run));
              sim.run();
            });
    assertThat(outcome.identical()).isFalse();
    assertThat(outcome.describe())
        .isEqualTo(
            "runs diverge at event #1: run 1 t=20ns (20 ns) seq=1 run1,"
                + " run 2 t=20ns (20 ns) seq=1 run2");
  }

  @Test
  void assertDeterministic_failsWithTheDivergence() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                DeterminismCheck.assertDeterministic(
                    sim -> {
                      int copies = runs.incrementAndGet();
                      for (int i = 0; i < copies; i++) {
                        sim.schedule(5, new Step("x"));
                      }
                      sim.run();
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("<ended after 1 events>");
  }
}
