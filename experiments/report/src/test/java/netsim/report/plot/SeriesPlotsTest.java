package netsim.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time series' plots: one line per entity, text as SVG text, a note when there is none. */
class SeriesPlotsTest {
  private static Map<String, String> write(SeriesPlots plots) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    assertThat(plots.write("run", "p", files::put)).isEmpty();
    return files;
  }

  @Test
  void queueAndThroughput_writeTitleAxesAndLegendAsSvgText() throws IOException {
    SeriesPlots plots = new SeriesPlots();
    for (int i = 0; i < 5; i++) {
      plots.value(i * 100_000_000L, "r1->r2", "queue", i);
      plots.value(i * 100_000_000L, "flow0", "throughput", 1e6 * i);
    }
    Map<String, String> files = write(plots);
    String queue = files.get(SeriesPlots.QUEUE);
    assertThat(SvgText.texts(queue))
        .contains("queue length: run", "time (s)", "packets (mean per interval)", "r1->r2");
    assertThat(SvgText.glyphPaths(queue)).isZero();
    String throughput = files.get(SeriesPlots.THROUGHPUT);
    assertThat(SvgText.texts(throughput))
        .contains("throughput: run", "Mbit/s (per interval)", "flow0");
    assertThat(SvgText.glyphPaths(throughput)).isZero();
  }

  @Test
  void noSeries_isSaidInTheLegend() throws IOException {
    Map<String, String> files = write(new SeriesPlots());
    assertThat(SvgText.texts(files.get(SeriesPlots.QUEUE))).contains("no queue to show");
    assertThat(SvgText.texts(files.get(SeriesPlots.THROUGHPUT))).contains("no flow to show");
  }
}
