package netsim.scenario.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Which output files a run writes, how many segments the ladder diagram draws at most, whether a
 * run that carries data gets its time-sequence and cwnd plots, the interval of its time series (0:
 * none), and where it captures packets besides its hosts.
 *
 * <p>The effective config leaves out an interval of 0 and an empty capture list, so that a run that
 * asks for neither has the same {@code summary.json} and sweep config hash as before they existed.
 *
 * @param interval the time series' interval in nanoseconds, 0 for no {@code timeseries.csv}
 * @param capture link directions ({@code "r1->r2"}) and nodes whose packets go to a pcap of their
 *     own, as the config names them
 */
public record OutputSettings(
    boolean trace,
    boolean pcap,
    boolean summary,
    boolean ladder,
    int ladderMaxSegments,
    boolean plots,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long interval,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> capture) {
  public OutputSettings {
    capture = List.copyOf(capture);
  }

  /** The defaults: every file, no time series, no capture point besides the hosts. */
  static OutputSettings defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** These outputs with {@code points} as the capture points. */
  OutputSettings withCapture(List<String> points) {
    return new OutputSettings(
        trace, pcap, summary, ladder, ladderMaxSegments, plots, interval, points);
  }

  /** Collects the keys of the {@code outputs} table; starts at the defaults. */
  static final class Builder {
    private boolean trace = true;
    private boolean pcap = true;
    private boolean summary = true;
    private boolean ladder = true;
    private int ladderMaxSegments = 300;
    private boolean plots = true;
    private long interval;
    private List<String> capture = List.of();

    Builder trace(boolean value) {
      trace = value;
      return this;
    }

    Builder pcap(boolean value) {
      pcap = value;
      return this;
    }

    Builder summary(boolean value) {
      summary = value;
      return this;
    }

    Builder ladder(boolean value) {
      ladder = value;
      return this;
    }

    Builder ladderMaxSegments(int value) {
      ladderMaxSegments = value;
      return this;
    }

    Builder plots(boolean value) {
      plots = value;
      return this;
    }

    Builder interval(long value) {
      interval = value;
      return this;
    }

    Builder capture(List<String> value) {
      capture = value;
      return this;
    }

    OutputSettings build() {
      return new OutputSettings(
          trace, pcap, summary, ladder, ladderMaxSegments, plots, interval, capture);
    }
  }

  /** The file a capture point's packets go to: {@code r1-to-r2.pcap}, {@code r1.pcap}. */
  public static String captureFile(String point) {
    return point.replace("->", "-to-") + ".pcap";
  }
}
