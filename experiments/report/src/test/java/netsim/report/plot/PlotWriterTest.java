package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plot that cannot be drawn costs only itself: a warning, and the next plot is written. */
class PlotWriterTest {
  @Test
  void aPlotThatThrows_isLeftOutWithAWarning_andTheNextIsWritten() throws IOException {
    Map<String, String> written = new LinkedHashMap<>();
    PlotWriter plots = new PlotWriter(written::put, "the experiment file");
    boolean first =
        plots.write(
            "timeseq.svg",
            () -> {
              throw new IllegalArgumentException("Series name >a< has already been used");
            });
    boolean second = plots.write("cwnd.svg", () -> "<svg/>");
    assertThat(first).isFalse();
    assertThat(second).isTrue();
    assertThat(written).containsExactly(Map.entry("cwnd.svg", "<svg/>"));
    assertThat(plots.warnings())
        .containsExactly(
            "timeseq.svg was not drawn, which is a bug in"
                + " netsim (please report it with the experiment file):"
                + " java.lang.IllegalArgumentException: Series name >a< has already been used");
  }

  @Test
  void aSinkThatCannotWrite_failsTheCaller() {
    PlotWriter plots =
        new PlotWriter(
            (name, svg) -> {
              throw new IOException("No space left on device");
            },
            "the sweep file");
    assertThatThrownBy(() -> plots.write("a.svg", () -> "<svg/>"))
        .isInstanceOf(IOException.class)
        .hasMessage("No space left on device");
    assertThat(plots.warnings()).isEmpty();
  }
}
