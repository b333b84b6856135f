package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
