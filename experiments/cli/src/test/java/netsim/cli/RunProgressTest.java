package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A long run's progress line, with a hand-driven clock: shown on a terminal only, from two seconds
 * on, about once a second, and erased at the end.
 */
class RunProgressTest {
  private static final long S = 1_000_000_000L;
  private final StringWriter text = new StringWriter();
  private final AtomicLong clock = new AtomicLong(5 * S);

  /** {@code steps} steps of virtual time, the last at {@code now} with {@code events}. */
  private static void steps(RunProgress progress, int steps, long now, long events) {
    for (int i = 0; i < steps; i++) {
      progress.advanced(now, events);
    }
  }

  @Test
  void onATerminal_aLongRunShowsVirtualTimeAndEventsPerSecond_thenTheOutputs_thenErasesTheLine() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, 60 * S);
    clock.addAndGet(S);
    steps(progress, 5000, 3 * S, 10_000);
    assertThat(text.toString()).as("nothing in the first two seconds").isEmpty();

    clock.addAndGet(2 * S);
    steps(progress, 1024, 15 * S + 123_456_789, 2_400_000);
    assertThat(text.toString())
        .isEqualTo("\rrun: virtual time 15.123s of 60s (25%), 800.0k events/s");

    clock.addAndGet(S / 2);
    steps(progress, 1024, 16 * S, 2_500_000);
    assertThat(text.toString()).as("not twice in a second").doesNotContain("16s");

    clock.addAndGet(S);
    steps(progress, 1024, 30 * S, 4_000_000);
    assertThat(text.toString())
        .endsWith("\rrun: virtual time 30s of 60s (50%), 1.1M events/s      ");

    progress.ended(42 * S, 5_500_000);
    assertThat(text.toString())
        .endsWith("\rrun: simulated to 42s (5.5M events); writing the outputs");

    progress.finish();
    assertThat(text.toString()).endsWith("\r" + " ".repeat(56) + "\r");
  }

  @Test
  void aShortRun_endsWithoutALine() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, 60 * S);
    steps(progress, 1024, 3 * S, 10_000);
    progress.ended(3 * S, 10_000);
    progress.finish();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void awayFromATerminal_nothingIsShown() {
    RunProgress progress = new RunProgress(new PrintWriter(text), false, clock::get, 60 * S);
    clock.addAndGet(10 * S);
    steps(progress, 10_000, 30 * S, 4_000_000);
    progress.finish();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void withoutStopAt_theLineSaysOnlyTheTimeReached() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, Long.MAX_VALUE);
    clock.addAndGet(3 * S);
    steps(progress, 1024, 90 * S, 900);
    assertThat(text.toString()).isEqualTo("\rrun: virtual time 90s, 300 events/s");
  }
}
