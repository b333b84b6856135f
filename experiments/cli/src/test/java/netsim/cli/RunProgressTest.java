package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A long run's progress line, with a hand-driven clock: shown on a terminal only, from two seconds
 * on, about once a second, and erased at the end; a run projected to take long is told so once.
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

  @Test
  void onATerminal_aRunProjectedPastTwoMinutes_isToldOnce_withWallTimeEventsAndStopAt() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, 100 * S);
    clock.addAndGet(3 * S);
    steps(progress, 1024, S, 1_000_000);
    String told =
        "\rrun: note: at this pace the run takes about 5 min of wall time in all (about 100.0M"
            + " events to reach stop.at 100s); a shorter stop.at (--set stop.at=...) shortens it\n";
    assertThat(text.toString())
        .as("3 s of wall time for 1 s of virtual time: 300 s to reach 100 s")
        .isEqualTo(told + "\rrun: virtual time 1s of 100s (1%), 333.3k events/s");

    clock.addAndGet(3 * S);
    steps(progress, 1024, 2 * S, 2_000_000);
    assertThat(text.toString()).as("once").containsOnlyOnce("note:");
    assertThat(text.toString()).endsWith("\rrun: virtual time 2s of 100s (2%), 333.3k events/s");
  }

  @Test
  void aRunProjectedUnderTwoMinutes_isNotTold() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, 100 * S);
    clock.addAndGet(3 * S);
    steps(progress, 1024, 3 * S, 1_000_000);
    assertThat(text.toString())
        .as("3 s of wall time for 3 s of virtual time: 100 s in all")
        .isEqualTo("\rrun: virtual time 3s of 100s (3%), 333.3k events/s");
  }

  @Test
  void aRunThatSlowsDown_isToldWhenItsPaceFirstProjectsPastTwoMinutes() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, 100 * S);
    clock.addAndGet(3 * S);
    steps(progress, 1024, 10 * S, 1_000_000);
    assertThat(text.toString()).doesNotContain("note:");
    clock.addAndGet(27 * S);
    steps(progress, 1024, 20 * S, 2_000_000);
    assertThat(text.toString())
        .as("30 s for 20 s: 150 s in all")
        .contains(
            "\rrun: note: at this pace the run takes about 3 min of wall time in all (about"
                + " 10.0M events to reach stop.at 100s)");
  }

  @Test
  void withoutStopAt_aRunIsRemindedOnce_afterTwoMinutes() {
    RunProgress progress = new RunProgress(new PrintWriter(text), true, clock::get, Long.MAX_VALUE);
    clock.addAndGet(100 * S);
    steps(progress, 1024, 90 * S, 900);
    assertThat(text.toString()).doesNotContain("note:");
    clock.addAndGet(30 * S);
    steps(progress, 1024, 120 * S, 1200);
    clock.addAndGet(30 * S);
    steps(progress, 1024, 150 * S, 1500);
    assertThat(text.toString())
        .containsOnlyOnce(
            "\rrun: note: no stop.at is set, so the run goes on until its traffic ends; stop.at (or"
                + " --set stop.at=...) bounds it");
  }

  @Test
  void awayFromATerminal_aLongRunIsNotTold() {
    RunProgress progress = new RunProgress(new PrintWriter(text), false, clock::get, 1000 * S);
    clock.addAndGet(30 * S);
    steps(progress, 10_000, S, 4_000_000);
    progress.finish();
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void wallTimes_areRoundedUpToTheMinute_orGivenInHours() {
    assertThat(RunProgress.wallTime(121 * S)).isEqualTo("3 min");
    assertThat(RunProgress.wallTime(89 * 60 * S)).isEqualTo("89 min");
    assertThat(RunProgress.wallTime(150 * 60 * S)).isEqualTo("2.5 h");
  }
}
