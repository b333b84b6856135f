package netsim.report.plot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes plots so that a plot that cannot be drawn costs only itself: it is left out with a warning
 * saying why, and the plots after it and the other outputs of the run or sweep are written all the
 * same. A plot is a view of results, never a reason to lose them.
 */
public final class PlotWriter {
  /** Where a plot goes: its file name and its SVG text. */
  @FunctionalInterface
  public interface Sink {
    void write(String fileName, String svg) throws IOException;
  }

  private final Sink sink;
  private final String reportWith;
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param reportWith what a user reports a failed plot with, e.g. "the experiment file"
   */
  public PlotWriter(Sink sink, String reportWith) {
    this.sink = sink;
    this.reportWith = reportWith;
  }

  /**
   * Writes the plot {@code svg} draws, or when drawing fails, records a warning.
   *
   * @return whether the plot was written
   * @throws IOException when the sink cannot write it
   */
  public boolean write(String fileName, Supplier<String> svg) throws IOException {
    String text;
    try {
      text = svg.get();
    } catch (RuntimeException e) {
      warnings.add(
          fileName
              + " was not drawn, which is a bug in netsim (please report it with "
              + reportWith
              + "): "
              + e);
      return false;
    }
    sink.write(fileName, text);
    return true;
  }

  /** One line per plot left out, in order. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
