package netsim.explore.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The progress display, with a hand-driven clock: one line per run away from a terminal, a bar
 * redrawn in place on one, with the rate and the time left.
 */
class ProgressTest {
  private final StringWriter text = new StringWriter();
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  @Test
  void awayFromATerminal_eachRunIsOneLine_withRateAndTimeLeft() {
    Progress progress = new Progress(new PrintWriter(text), false, clock::get, 10, 2);
    clock.addAndGet(2_000_000_000L);
    progress.runDone(7, "seed 3, links[0].loss=0.01; invariants hold");
    clock.addAndGet(2_000_000_000L);
    progress.runDone(4, "seed 9, links[0].loss=0.05; invariants hold");
    progress.finish();
    assertThat(text.toString().lines())
        .containsExactly(
            "run 000007 done (3/10): seed 3, links[0].loss=0.01; invariants hold; 0.5 runs/s, about"
                + " 14s left",
            "run 000004 done (4/10): seed 9, links[0].loss=0.05; invariants hold; 0.5 runs/s, about"
                + " 12s left");
  }

  @Test
  void onATerminal_oneBarIsRedrawn_andEndsWithANewline() {
    Progress progress = new Progress(new PrintWriter(text), true, clock::get, 4, 0);
    clock.addAndGet(1_000_000_000L);
    progress.runDone(0, "");
    clock.addAndGet(1_000_000_000L);
    progress.runDone(1, "");
    progress.runDone(2, "");
    progress.runDone(3, "");
    progress.finish();
    String out = text.toString();
    assertThat(out)
        .startsWith("\r[------------------------------] 0/4 runs  starting")
        .contains("\r[#######-----------------------] 1/4 runs  1.0 runs/s, about 3s left")
        .contains("\r[##############################] 4/4 runs  2.0 runs/s, done in 2s")
        .endsWith("\n")
        .doesNotContain("run 000");
  }

  @Test
  void durations_readAsMinutesAndHours() {
    assertThat(Progress.duration(42)).isEqualTo("42s");
    assertThat(Progress.duration(185)).isEqualTo("3m05s");
    assertThat(Progress.duration(7620)).isEqualTo("2h07m");
  }
}
